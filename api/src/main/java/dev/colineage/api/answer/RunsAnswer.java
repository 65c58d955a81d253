package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.runs.ExtractionRun;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The extraction runs the graph records (newest first) and the runs this server launched. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunsAnswer(List<Run> runs, List<Launch> launchedHere) {

    /** A recorded extraction run; instants as ISO strings. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Run(String runId, String status, List<String> sources, Optional<String> since, String until, String startedAt,
                      Optional<String> finishedAt, SortedMap<String, Long> counters, Optional<String> error) {
        public Run {
            Objects.requireNonNull(runId, "runId is null");
            Objects.requireNonNull(status, "status is null");
            sources = List.copyOf(Objects.requireNonNull(sources, "sources is null"));
            Objects.requireNonNull(since, "since is null");
            Objects.requireNonNull(until, "until is null");
            Objects.requireNonNull(startedAt, "startedAt is null");
            Objects.requireNonNull(finishedAt, "finishedAt is null");
            counters = new TreeMap<>(Objects.requireNonNull(counters, "counters is null"));
            Objects.requireNonNull(error, "error is null");
        }

        public static Run of(ExtractionRun r) {
            return new Run(r.runId(), r.status(), r.sourceKeys(), r.since().map(Instant::toString), r.until().toString(),
                    r.startedAt().toString(), r.finishedAt().map(Instant::toString), new TreeMap<>(r.counters()), r.error());
        }
    }

    /**
     * A run this server started as a process.
     *
     * @param state RUNNING, SUCCEEDED or FAILED
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Launch(String launchId, String startedAt, String state, Optional<Integer> exitCode, List<String> arguments, String log) {
        public Launch {
            Objects.requireNonNull(launchId, "launchId is null");
            Objects.requireNonNull(startedAt, "startedAt is null");
            Objects.requireNonNull(state, "state is null");
            Objects.requireNonNull(exitCode, "exitCode is null");
            arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments is null"));
            Objects.requireNonNull(log, "log is null");
        }
    }

    public RunsAnswer {
        runs = List.copyOf(Objects.requireNonNull(runs, "runs is null"));
        launchedHere = List.copyOf(Objects.requireNonNull(launchedHere, "launchedHere is null"));
    }
}
