package dev.colineage.graph.read;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.memory.QuerySummary;
import java.util.List;
import java.util.Objects;

/**
 * One distinct query as {@code GET /queries/{fingerprint}} shows it: its summary (written inline), a
 * sample of its SQL, whether it was analysed (and the problems if not), and the tables it reads and writes.
 *
 * @param status the analysis outcome as the writer recorded it ({@code ANALYZED}, {@code FAILED}, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryDetails(@JsonUnwrapped QuerySummary summary, String sampleSql, String firstSeen, String status,
                           List<String> problems, List<String> reads, List<String> writes) {
    public QueryDetails {
        Objects.requireNonNull(summary, "summary is null");
        Objects.requireNonNull(sampleSql, "sampleSql is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(status, "status is null");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
        reads = List.copyOf(Objects.requireNonNull(reads, "reads is null"));
        writes = List.copyOf(Objects.requireNonNull(writes, "writes is null"));
    }
}
