package dev.colineage.graph.change;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.GraphEdge;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One edge becoming current or retiring at an instant, with the queries responsible and why.
 *
 * @param queries the queries whose lifetime began or ended then (the edge's own queries)
 * @param by      for SUPERSEDED and DROPPED, the queries that replaced the target or dropped the table
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LineageChange(GraphEdge edge, Instant at, Change change, Reason reason, List<QuerySummary> queries,
                            @JsonProperty("by") List<QuerySummary> by) {

    /** Which way the edge changed. */
    public enum Change {
        BECAME_CURRENT,
        RETIRED
    }

    /** Why. */
    public enum Reason {
        /** A query seen for the first time. */
        NEW_QUERY,
        /** A query ran again after it had been superseded, its table dropped, or it had been inactive. */
        RESUMED,
        /** Another query replacing the same target ran. */
        SUPERSEDED,
        /** A table the query reads or writes was dropped. */
        DROPPED,
        /** The query has not run for the activity window. */
        INACTIVE
    }

    public LineageChange {
        Objects.requireNonNull(edge, "edge is null");
        Objects.requireNonNull(at, "at is null");
        Objects.requireNonNull(change, "change is null");
        Objects.requireNonNull(reason, "reason is null");
        queries = List.copyOf(Objects.requireNonNull(queries, "queries is null"));
        by = List.copyOf(Objects.requireNonNull(by, "by is null"));
    }
}
