package dev.colineage.graph.read;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of a traversal: the start, the nodes reached (nearest first) each with its explaining
 * path, every edge seen between reached nodes, whether the limit cut the result short, and the
 * fingerprints of the queries behind those edges (read on the way, so that "which queries are
 * involved" costs no second pass over the graph).
 */
public record Traversal(String start, Direction direction, List<Hit> hits, List<GraphEdge> edges, boolean truncated,
                        Set<String> fingerprints) {
    public Traversal {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(direction, "direction is null");
        hits = List.copyOf(Objects.requireNonNull(hits, "hits is null"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
        fingerprints = Set.copyOf(Objects.requireNonNull(fingerprints, "fingerprints is null"));
    }
}
