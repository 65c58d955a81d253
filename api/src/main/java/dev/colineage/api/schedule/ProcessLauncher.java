package dev.colineage.api.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a scheduled run as its own process: {@code COMMAND extract ARGS --neo4j URI --progress never
 * --report FILE}, its output in a log file beside the JSON report. The command is {@code colineage} by
 * default, or a {@code spark-submit ... SparkJobCli} prefix for a cluster.
 */
public final class ProcessLauncher implements ScheduleRunner.Launcher {

    private final List<String> command;
    private final String boltUri;
    private final Path logs;

    public ProcessLauncher(List<String> command, String boltUri, Path logs) {
        this.command = List.copyOf(command);
        this.boltUri = boltUri;
        this.logs = logs;
    }

    @Override
    public ScheduleRunner.Attempt start(Schedule schedule, List<String> arguments) {
        String stem = schedule.name() + "-" + Instant.now().toString().replace(":", "");
        List<String> args = new ArrayList<>(command);
        args.add("extract");
        args.addAll(arguments);
        args.addAll(List.of("--neo4j", boltUri, "--progress", "never", "--report", logs.resolve(stem + ".json").toString()));
        try {
            Files.createDirectories(logs);
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(logs.resolve(stem + ".log").toFile()).start();
            return () -> p.isAlive() ? Optional.empty() : Optional.of(p.exitValue());
        } catch (IOException e) {
            // a command that cannot start fails this attempt; the scheduler retries it like any failure
            System.err.println("colineage: cannot start " + args.get(0) + ": " + new UncheckedIOException(e).getMessage());
            return () -> Optional.of(127);
        }
    }
}
