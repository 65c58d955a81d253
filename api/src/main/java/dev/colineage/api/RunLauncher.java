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
 *
 * <p>The request is untrusted even with the admin token: a file it names is read only when its real
 * path (symbolic links and {@code ..} resolved) is a regular file inside one of the configured input
 * directories, and every option is passed as a value that cannot be read as another option.
 */
final class RunLauncher {

    private static final Set<String> SOURCES = Set.of("sample", "jsonl", "bigquery");
    /** A project id ({@code my-proj}, or domain-scoped {@code example.com:my-proj}). */
    private static final Pattern PROJECT = Pattern.compile("([a-z][a-z0-9.-]{0,62}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    /** A location: {@code us}, {@code EU}, {@code europe-west3}, {@code region-us}. */
    private static final Pattern REGION = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,62}");
    private static final Set<String> FIELDS = Set.of("source", "since", "until", "jobs", "catalog", "project", "region");

    /** A run this server started. */
    record Launch(String id, List<String> command, Path log, Process process, Instant startedAt) {
        dev.colineage.api.answer.RunsAnswer.Launch view() {
            boolean alive = process.isAlive();
            return new dev.colineage.api.answer.RunsAnswer.Launch(id, startedAt.toString(),
                    alive ? "RUNNING" : process.exitValue() == 0 ? "SUCCEEDED" : "FAILED",
                    alive ? java.util.Optional.empty() : java.util.Optional.of(process.exitValue()), command, log.toString());
        }
    }

    private final List<String> commandPrefix;
    private final String boltUri;
    private final Path logDir;
    private final List<Path> inputDirs;
    private final Map<String, Launch> launches = new ConcurrentHashMap<>();

    RunLauncher(List<String> commandPrefix, String boltUri, Path logDir, List<Path> inputDirs) {
        this.commandPrefix = List.copyOf(Objects.requireNonNull(commandPrefix, "commandPrefix is null"));
        this.boltUri = Objects.requireNonNull(boltUri, "boltUri is null");
        this.logDir = Objects.requireNonNull(logDir, "logDir is null");
        List<Path> real = new ArrayList<>();
        for (Path dir : Objects.requireNonNull(inputDirs, "inputDirs is null")) {
            try {
                real.add(dir.toRealPath());
            } catch (IOException e) {
                throw new IllegalArgumentException("COLINEAGE_INPUT_DIRS names a directory that does not exist: " + dir);
            }
        }
        this.inputDirs = List.copyOf(real);
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
            args.addAll(List.of("--jobs", path(body, "jobs")));
            if (body.hasNonNull("catalog")) {
                args.addAll(List.of("--catalog", path(body, "catalog")));
            }
        }
        if (source.equals("bigquery")) {
            args.addAll(List.of("--project", name(body, "project", PROJECT)));
            if (body.hasNonNull("region")) {
                args.addAll(List.of("--region", name(body, "region", REGION)));
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

    List<dev.colineage.api.answer.RunsAnswer.Launch> launches() {
        return launches.values().stream().sorted(java.util.Comparator.comparing(Launch::startedAt).reversed())
                .map(Launch::view).toList();
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

    /** A file the request names, as its real path; only a regular file inside an input directory. */
    private String path(JsonNode body, String field) {
        String v = text(body, field, "");
        if (v.isEmpty()) {
            throw Problem.badParameter(field, "source jsonl needs '" + field + "'");
        }
        if (inputDirs.isEmpty()) {
            throw new Problem(403, "No input directories",
                    "this server reads no files named by a request: set COLINEAGE_INPUT_DIRS to the directories it may read");
        }
        if (v.startsWith("-") || v.length() > 4096 || v.chars().anyMatch(Character::isISOControl)) {
            throw Problem.badParameter(field, field + " is not a usable path");
        }
        Path real;
        try {
            Path given = Path.of(v);
            if (!given.isAbsolute()) {
                throw Problem.badParameter(field, field + " must be an absolute path inside " + inputDirs);
            }
            real = given.toRealPath();
        } catch (java.nio.file.InvalidPathException | IOException e) {
            throw Problem.badParameter(field, field + " is not a readable file inside " + inputDirs);
        }
        if (inputDirs.stream().noneMatch(real::startsWith) || !Files.isRegularFile(real)) {
            // the same answer whether the file exists or not: a caller learns nothing about other paths
            throw Problem.badParameter(field, field + " is not a readable file inside " + inputDirs);
        }
        return real.toString();
    }

    private static String name(JsonNode body, String field, Pattern pattern) {
        String v = text(body, field, "");
        if (!pattern.matcher(v).matches()) {
            throw Problem.badParameter(field, field + " must be a BigQuery name, not '" + v + "'");
        }
        return v;
    }
}
