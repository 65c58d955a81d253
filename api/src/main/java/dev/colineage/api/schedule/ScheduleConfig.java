package dev.colineage.api.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the schedules file (JSON):
 * <pre>
 * {"schedules": [{"name": "bq-us", "cron": "0 * * * *", "timezone": "Europe/Berlin",
 *                 "source": {"type": "bigquery", "projects": ["p"], "regions": ["us"]},
 *                 "overlap_minutes": 10, "max_attempts": 3, "backoff_seconds": 60}]}
 * </pre>
 * Sources: {@code {"type": "bigquery", "projects", "regions"}}, {@code {"type": "jsonl", "path",
 * "catalog"}}, {@code {"type": "sample"}}. Every mistake is reported with the schedule it is in.
 */
public final class ScheduleConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduleConfig() {
    }

    public static List<Schedule> load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static List<Schedule> parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<Schedule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode s : root.path("schedules")) {
            String name = s.path("name").asText("");
            try {
                if (!names.add(name)) {
                    throw new IllegalArgumentException("the name is used twice");
                }
                CronExpression cron = new CronExpression(s.path("cron").asText(""), ZoneId.of(s.path("timezone").asText("UTC")));
                JsonNode src = s.path("source");
                List<String> args = new ArrayList<>();
                String key;
                switch (src.path("type").asText("")) {
                    case "bigquery" -> {
                        List<String> projects = texts(src.path("projects"));
                        List<String> regions = src.has("regions") ? texts(src.path("regions")) : List.of("us");
                        if (projects.isEmpty()) {
                            throw new IllegalArgumentException("a bigquery source needs projects");
                        }
                        args.addAll(List.of("--source", "bigquery", "--project", String.join(",", projects), "--region",
                                String.join(",", regions)));
                        key = "bigquery:" + projects.get(0) + "/" + regions.get(0);
                    }
                    case "jsonl" -> {
                        String path = src.path("path").asText("");
                        if (path.isEmpty()) {
                            throw new IllegalArgumentException("a jsonl source needs a path");
                        }
                        args.addAll(List.of("--source", "jsonl", "--jobs", path));
                        if (src.hasNonNull("catalog")) {
                            args.addAll(List.of("--catalog", src.get("catalog").asText()));
                        }
                        key = "jsonl:" + path;
                    }
                    case "sample" -> {
                        args.addAll(List.of("--source", "sample"));
                        key = "sample";
                    }
                    default -> throw new IllegalArgumentException("source.type is bigquery, jsonl or sample");
                }
                out.add(new Schedule(name, cron, args, key, Duration.ofMinutes(s.path("overlap_minutes").asLong(10)),
                        s.path("max_attempts").asInt(3), Duration.ofSeconds(s.path("backoff_seconds").asLong(60))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("schedule '" + name + "': " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
