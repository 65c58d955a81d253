package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Starts extraction runs for {@code POST /api/v1/runs}. A run is its own process (Spark cannot share
 * this server's classpath): the configured command ({@code colineage extract} by default) with
 * arguments built from the validated request, never through a shell, writing to this server's graph
 * over Bolt. Its output goes to a log file; the run records itself in the graph as it goes.
 */
final class RunLauncher {

    private static final Set<String> SOURCES = Set.of("sample", "jsonl", "bigquery");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Set<String> FIELDS = Set.of("source", "since", "until", "jobs", "catalog", "project", "region");

    /** A run this server started. */
    record Launch(String id, List<String> command, Path log, Process process, Instant startedAt) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("launch_id", id);
            m.put("started_at", startedAt.toString());
            m.put("state", process.isAlive() ? "RUNNING" : process.exitValue() == 0 ? "SUCCEEDED" : "FAILED");
            m.put("exit_code", process.isAlive() ? null : process.exitValue());
            m.put("arguments", command);
            m.put("log", log.toString());
            return m;
        }
    }

    private final List<String> commandPrefix;
    private final String boltUri;
    private final Path logDir;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    RunLauncher(List<String> commandPrefix, String boltUri, Path logDir) {
        this.commandPrefix = List.copyOf(Objects.requireNonNull(commandPrefix, "commandPrefix is null"));
        this.boltUri = Objects.requireNonNull(boltUri, "boltUri is null");
        this.logDir = Objects.requireNonNull(logDir, "logDir is null");
    }

    /** Validates the request body and starts the run; 400 for anything it would not pass on. */
    Launch launch(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.badParameter("body", "a JSON object, e.g. {\"source\": \"sample\"}");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw Problem.badParameter(f, "unknown field '" + f + "'; known: " + new java.util.TreeSet<>(FIELDS));
            }
        });
        String source = text(body, "source", "sample");
        if (!SOURCES.contains(source)) {
            throw Problem.badParameter("source", "source is one of " + new java.util.TreeSet<>(SOURCES) + ", not '" + source + "'");
        }
        List<String> args = new ArrayList<>(commandPrefix);
        args.addAll(List.of("extract", "--source", source, "--neo4j", boltUri, "--progress", "never"));
        for (String window : List.of("since", "until")) {
            if (body.hasNonNull(window)) {
                args.addAll(List.of("--" + window, instant(body, window)));
            }
        }
        if (source.equals("jsonl")) {
            args.addAll(List.of("--jobs", path(body, "jobs", true)));
            if (body.hasNonNull("catalog")) {
                args.addAll(List.of("--catalog", path(body, "catalog", true)));
            }
        }
        if (source.equals("bigquery")) {
            args.addAll(List.of("--project", name(body, "project")));
            if (body.hasNonNull("region")) {
                args.addAll(List.of("--region", name(body, "region")));
            }
        }
        String id = "launch-" + UUID.randomUUID().toString().substring(0, 12);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(id + ".log");
            Process process = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Launch launch = new Launch(id, args, log, process, Instant.now());
            launches.put(id, launch);
            return launch;
        } catch (IOException e) {
            throw new Problem(500, "Cannot start the run", "starting " + args.get(0) + " failed: " + e.getMessage());
        }
    }

    List<Map<String, Object>> launches() {
        return launches.values().stream().sorted(java.util.Comparator.comparing(Launch::startedAt).reversed())
                .map(Launch::json).toList();
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw Problem.badParameter(field, field + " must be a string");
        }
        return v.asText();
    }

    private static String instant(JsonNode body, String field) {
        String v = text(body, field, "");
        try {
            return Instant.parse(v).toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v).toString();
            } catch (DateTimeParseException e2) {
                throw Problem.badParameter(field, field + " must be an ISO instant or date, not '" + v + "'");
            }
        }
    }

    private static String path(JsonNode body, String field, boolean required) {
        String v = text(body, field, "");
        if (v.isEmpty() && required) {
            throw Problem.badParameter(field, "source jsonl needs '" + field + "'");
        }
        if (v.startsWith("-") || v.length() > 2048 || v.chars().anyMatch(c -> c < 0x20)) {
            throw Problem.badParameter(field, field + " is not a usable path or URI");
        }
        return v;
    }

    private static String name(JsonNode body, String field) {
        String v = text(body, field, "");
        if (!NAME.matcher(v).matches()) {
            throw Problem.badParameter(field, field + " must be a BigQuery name, not '" + v + "'");
        }
        return v;
    }
}
