package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.api.schedule.Schedule;
import dev.colineage.api.schedule.ScheduleRunner;
import dev.colineage.api.schedule.ScheduledRun;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schedule endpoints: what is scheduled and what ran; a backfill request (admin). */
final class Schedules {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Schedules() {
    }

    static Map<String, Object> json(Optional<ScheduleRunner> runner) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", runner.isPresent());
        out.put("schedules", runner.map(r -> r.schedules().stream().map(Schedules::schedule).toList()).orElse(List.of()));
        out.put("history", runner.map(r -> r.history().stream().map(Schedules::run).toList()).orElse(List.of()));
        return out;
    }

    static Map<String, Object> backfill(Optional<ScheduleRunner> runner, String name, String body) {
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
            return Map.of("schedule", name, "windows", r.backfill(name, from, to));
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

    private static Map<String, Object> schedule(Schedule s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("cron", s.cron().toString());
        m.put("source_key", s.sourceKey());
        m.put("arguments", s.extractArguments());
        m.put("overlap_minutes", s.overlap().toMinutes());
        m.put("max_attempts", s.maxAttempts());
        return m;
    }

    private static Map<String, Object> run(ScheduledRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schedule", r.schedule());
        m.put("since", r.since().map(Object::toString).orElse(null));
        m.put("until", r.until().toString());
        m.put("attempt", r.attempt());
        m.put("state", r.state());
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt().map(Object::toString).orElse(null));
        m.put("exit_code", r.exitCode().orElse(null));
        return m;
    }
}
