package dev.colineage.api.answer;

import dev.colineage.graph.read.EdgeDetails;
import java.util.List;
import java.util.Objects;

/** The stored lineage edges from a column to a column or table, with the queries behind each. */
public record EdgesAnswer(String source, String target, List<EdgeDetails> edges) {
    public EdgesAnswer {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
    }
}
