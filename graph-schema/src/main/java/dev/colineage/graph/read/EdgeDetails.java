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
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
public record EdgeDetails(GraphEdge.Relation relation, Transformation.Type type, Transformation.Subtype subtype, boolean masking,
                          String firstSeen, String lastSeen, long queryCount, List<EdgeQuery> queries, java.util.Optional<Boolean> current,
                          java.util.Optional<java.time.Instant> retiredAt) {

    /** As the store holds it, before the read model tells whether it is current. */
    public EdgeDetails(GraphEdge.Relation relation, Transformation.Type type, Transformation.Subtype subtype, boolean masking,
                       String firstSeen, String lastSeen, long queryCount, List<EdgeQuery> queries) {
        this(relation, type, subtype, masking, firstSeen, lastSeen, queryCount, queries, java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    /** This edge marked current, or retired when, as its lifetime says. */
    public EdgeDetails living(EdgeLifetime life) {
        return new EdgeDetails(relation, type, subtype, masking, firstSeen, lastSeen, queryCount, queries, life.current(), life.retiredAt());
    }

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
        Objects.requireNonNull(current, "current is null");
        Objects.requireNonNull(retiredAt, "retiredAt is null");
    }
}
