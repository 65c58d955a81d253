package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.api.schedule.ScheduleRunner;
import dev.colineage.api.answer.SchedulesAnswer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The schedule endpoints: what is scheduled and what ran; a backfill request (admin). */
final class Schedules {

    private static final ObjectMapper JSON = ApiJson.MAPPER;

    private Schedules() {
    }

    static SchedulesAnswer json(Optional<ScheduleRunner> runner) {
        return new SchedulesAnswer(runner.isPresent(),
                runner.map(r -> r.schedules().stream().map(SchedulesAnswer.ScheduleView::of).toList()).orElse(List.of()),
                runner.map(r -> r.history().stream().map(SchedulesAnswer.RunView::of).toList()).orElse(List.of()));
    }

    static SchedulesAnswer.Backfill backfill(Optional<ScheduleRunner> runner, String name, String body) {
        ScheduleRunner r = runner.orElseThrow(() -> new Problem(409, "No schedules",
                "the server runs no schedules: start it with COLINEAGE_SCHEDULES=FILE"));
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw Problem.badParameter("body", "the body is not JSON");
        }
        Instant from = instant(json, "from");
        Instant to = instant(json, "to");
        try {
            return new SchedulesAnswer.Backfill(name, r.backfill(name, from, to));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("no schedule")) {
                throw Problem.notFound(e.getMessage());
            }
            throw Problem.badParameter("to", e.getMessage());
        }
    }

    private static Instant instant(JsonNode json, String field) {
        String v = json == null ? "" : json.path(field).asText("");
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw Problem.badParameter(field, field + " must be an ISO instant, not '" + v + "'");
        }
    }
}
