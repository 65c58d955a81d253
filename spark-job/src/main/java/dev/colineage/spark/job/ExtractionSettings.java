package dev.colineage.spark.job;

import dev.colineage.graph.change.HistorySettings;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one extraction run runs, beyond its source.
 *
 * @param since           window start; empty: the watermark, else the source's default
 * @param until           window end; empty: now
 * @param writePartitions tasks writing to the graph at once
 * @param queriesPerChunk distinct queries per writer call in a task
 * @param batchSize       rows per Cypher transaction
 * @param runId           the run's id when a scheduler chose it (its node is QUEUED already); empty: a new one
 * @param history         the activity window the run counts its lineage changes with, and the history kept
 *                        (retired lineage older than that is deleted after the run writes)
 */
public record ExtractionSettings(Optional<Instant> since, Optional<Instant> until, int writePartitions,
                                 int queriesPerChunk, int batchSize, Optional<String> runId, HistorySettings history) {

    public ExtractionSettings(Optional<Instant> since, Optional<Instant> until, int writePartitions, int queriesPerChunk,
                              int batchSize) {
        this(since, until, writePartitions, queriesPerChunk, batchSize, Optional.empty(), HistorySettings.DEFAULT);
    }

    public ExtractionSettings {
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(history, "history is null");
        if (writePartitions < 1 || queriesPerChunk < 1 || batchSize < 1) {
            throw new IllegalArgumentException("writePartitions, queriesPerChunk and batchSize must be positive");
        }
    }

    public static ExtractionSettings defaults() {
        return new ExtractionSettings(Optional.empty(), Optional.empty(), 2, 500, 5_000);
    }

    public ExtractionSettings withWindow(Optional<Instant> since, Optional<Instant> until) {
        return new ExtractionSettings(since, until, writePartitions, queriesPerChunk, batchSize, runId, history);
    }

    public ExtractionSettings withWritePartitions(int partitions) {
        return new ExtractionSettings(since, until, partitions, queriesPerChunk, batchSize, runId, history);
    }

    public ExtractionSettings withHistory(HistorySettings other) {
        return new ExtractionSettings(since, until, writePartitions, queriesPerChunk, batchSize, runId, other);
    }

    public ExtractionSettings withRunId(String id) {
        return new ExtractionSettings(since, until, writePartitions, queriesPerChunk, batchSize, Optional.of(id), history);
    }
}
