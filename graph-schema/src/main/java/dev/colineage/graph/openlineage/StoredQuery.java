package dev.colineage.graph.openlineage;

import dev.colineage.graph.write.QueryKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A distinct query as an export describes it: its newest text, statement type, kind, the tables it read and
 * wrote, and the column edges it produced into the tables it wrote. {@code producer}: for a query taken in from
 * OpenLineage, the system that sent it.
 */
public record StoredQuery(String fingerprint, String sql, String statementType, QueryKind kind, Optional<String> producer,
                          List<String> reads, List<String> writes, List<StoredEdge> edges) {

    public StoredQuery {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(producer, "producer is null");
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        edges = List.copyOf(edges);
    }
}
