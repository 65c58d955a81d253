package dev.colineage.spark.job;

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
 */
public record ExtractionSettings(Optional<Instant> since, Optional<Instant> until, int writePartitions,
                                 int queriesPerChunk, int batchSize) {

    public ExtractionSettings {
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        if (writePartitions < 1 || queriesPerChunk < 1 || batchSize < 1) {
            throw new IllegalArgumentException("writePartitions, queriesPerChunk and batchSize must be positive");
        }
    }

    public static ExtractionSettings defaults() {
        return new ExtractionSettings(Optional.empty(), Optional.empty(), 2, 500, 5_000);
    }

    public ExtractionSettings withWindow(Optional<Instant> since, Optional<Instant> until) {
        return new ExtractionSettings(since, until, writePartitions, queriesPerChunk, batchSize);
    }

    public ExtractionSettings withWritePartitions(int partitions) {
        return new ExtractionSettings(since, until, partitions, queriesPerChunk, batchSize);
    }
}
