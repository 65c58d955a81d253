package dev.colineage.graph.read;

import java.util.List;
import java.util.Objects;

/**
 * The result of a traversal: the start, the nodes reached (nearest first) each with its explaining
 * path, every edge seen between reached nodes, and whether the limit cut the result short.
 */
public record Traversal(String start, Direction direction, List<Hit> hits, List<GraphEdge> edges, boolean truncated) {
    public Traversal {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(direction, "direction is null");
        hits = List.copyOf(Objects.requireNonNull(hits, "hits is null"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
    }
}
