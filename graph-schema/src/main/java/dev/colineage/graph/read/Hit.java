package dev.colineage.graph.read;

import java.util.List;
import java.util.Objects;

/**
 * A node a traversal reached.
 *
 * @param fqn   column ({@code project.dataset.table.column}) or table ({@code project.dataset.table})
 * @param kind  COLUMN or TABLE
 * @param table the table the node is or belongs to
 * @param depth lineage edges between the start and the node
 * @param path  the edges that explain the hit, from the start to the node (a shortest path)
 */
public record Hit(@com.fasterxml.jackson.annotation.JsonProperty("id") String fqn, Kind kind, String table, int depth, List<GraphEdge> path) {

    public enum Kind { COLUMN, TABLE }

    public Hit {
        Objects.requireNonNull(fqn, "fqn is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(table, "table is null");
        path = List.copyOf(Objects.requireNonNull(path, "path is null"));
    }

    /** True when every edge on the explaining path masks nothing (no hash, no count in between). */
    public boolean unmaskedPath() {
        return path.stream().noneMatch(GraphEdge::masking);
    }
}
