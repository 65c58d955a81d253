package dev.colineage.graph.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One extraction run as its history keeps it.
 *
 * @param sourceKeys  what was read, one key per watermark: {@code bigquery:PROJECT/REGION}, {@code jsonl:PATH},
 *                    {@code sample}
 * @param since       start of the creation-time window (inclusive), empty for "from the beginning"
 * @param until       end of the window (exclusive); the next incremental run starts here
 * @param status      QUEUED (a scheduled window waiting), RUNNING, SUCCEEDED, FAILED, or ABANDONED (its process died
 *                    or stopped renewing its lease; {@code error} says which)
 * @param counters    rows_read, malformed_rows, skipped_rows, distinct_queries, parsed_queries, edges, ...
 * @param reportJson  the full run report, as printed
 */
public record ExtractionRun(String runId, List<String> sourceKeys, Optional<Instant> since, Instant until,
                            String status, Instant startedAt, Optional<Instant> finishedAt,
                            Map<String, Long> counters, Optional<String> error, String reportJson) {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String ABANDONED = "ABANDONED";

    public ExtractionRun {
        Objects.requireNonNull(runId, "runId is null");
        sourceKeys = List.copyOf(Objects.requireNonNull(sourceKeys, "sourceKeys is null"));
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(finishedAt, "finishedAt is null");
        counters = Map.copyOf(Objects.requireNonNull(counters, "counters is null"));
        Objects.requireNonNull(error, "error is null");
        Objects.requireNonNull(reportJson, "reportJson is null");
        if (!List.of(QUEUED, RUNNING, SUCCEEDED, FAILED, ABANDONED).contains(status)) {
            throw new IllegalArgumentException("unknown run status " + status);
        }
    }
}
