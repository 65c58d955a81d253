package dev.colineage.graph.read;

import java.util.Objects;

/**
 * One relationship as a traversal reports it, always in data-flow direction ({@code source} feeds
 * {@code target}). {@code relation} is FEEDS (column to column), INFLUENCES (column to table) or
 * HAS_COLUMN (table to its column: how a table-wide influence reaches the table's columns).
 */
public record GraphEdge(String source, String target, String relation, String type, String subtype, boolean masking) {
    public GraphEdge {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(subtype, "subtype is null");
    }
}
