package dev.colineage.graph.read;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.core.model.Transformation;
import java.util.List;
import java.util.Objects;

/**
 * One stored lineage edge between two nodes, as {@code GET /edges} explains it: its transformation, when
 * it was first and last seen, how many queries produce it, and those queries with their SQL, newest first.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EdgeDetails(GraphEdge.Relation relation, Transformation.Type type, Transformation.Subtype subtype, boolean masking,
                          String firstSeen, String lastSeen, long queryCount, List<EdgeQuery> queries) {

    /** A query behind the edge. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EdgeQuery(String fingerprint, String statementType, String kind, String lastSeen, String sampleSql) {
        public EdgeQuery {
            Objects.requireNonNull(fingerprint, "fingerprint is null");
            Objects.requireNonNull(statementType, "statementType is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
            Objects.requireNonNull(sampleSql, "sampleSql is null");
        }
    }

    public EdgeDetails {
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(subtype, "subtype is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        queries = List.copyOf(Objects.requireNonNull(queries, "queries is null"));
    }
}
