package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.api.answer.RunsAnswer;
import dev.colineage.api.schedule.ScheduleRunner;
import dev.colineage.graph.runs.ExtractionRunStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/** Extraction runs ({@code POST|GET /runs}) and schedules ({@code GET /schedules}, {@code POST /schedules/{name}/backfill}). */
final class RunResource {

    private final RunLauncher launcher;
    private final ExtractionRunStore runs;
    private final Optional<ScheduleRunner> scheduler;
    private final AdminAuth admin;

    RunResource(RunLauncher launcher, ExtractionRunStore runs, Optional<ScheduleRunner> scheduler, AdminAuth admin) {
        this.launcher = launcher;
        this.runs = runs;
        this.scheduler = scheduler;
        this.admin = admin;
    }

    void launch(Context ctx) {
        admin.check(ctx);
        JsonNode body;
        try {
            body = ctx.body().isBlank() ? ApiJson.MAPPER.createObjectNode() : ApiJson.MAPPER.readTree(ctx.body());
        } catch (IOException e) {
            throw Problem.badParameter("body", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        ctx.status(202).json(launcher.launch(body).view());
    }

    void history(Context ctx) {
        Params.only(ctx, Set.of("limit"));
        int limit = Params.integer(ctx, "limit", 1, 1000).orElse(50);
        runs.reclaimAbandoned();   // a run whose process died shows as ABANDONED, not RUNNING forever
        ctx.json(new RunsAnswer(runs.history(limit).stream().map(RunsAnswer.Run::of).toList(), launcher.launches()));
    }

    void schedules(Context ctx) {
        Params.only(ctx, Set.of());
        ctx.json(Schedules.json(scheduler));
    }

    void backfill(Context ctx) {
        admin.check(ctx);
        ctx.status(202).json(Schedules.backfill(scheduler, ctx.pathParam("name"), ctx.body()));
    }
}
