package dev.colineage.graph.read;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * One distinct query as {@code GET /queries/{fingerprint}} shows it: its summary fields, a sample of its
 * SQL, whether it was analysed (and the problems if not), and the tables it reads and writes.
 *
 * @param status the analysis outcome as the writer recorded it ({@code ANALYZED}, {@code FAILED}, ...)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryDetails(String fingerprint, String statementType, String kind, String lastSeen, String lastJobId,
                           long runCount, List<String> users, String sampleSql, String firstSeen, String status,
                           List<String> problems, List<String> reads, List<String> writes) {
    public QueryDetails {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        Objects.requireNonNull(lastJobId, "lastJobId is null");
        users = List.copyOf(Objects.requireNonNull(users, "users is null"));
        Objects.requireNonNull(sampleSql, "sampleSql is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(status, "status is null");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
        reads = List.copyOf(Objects.requireNonNull(reads, "reads is null"));
        writes = List.copyOf(Objects.requireNonNull(writes, "writes is null"));
    }
}
