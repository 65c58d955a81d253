package dev.colineage.api.answer;

import dev.colineage.graph.read.EdgeDetails;
import java.util.List;
import java.util.Objects;

/** explain_edge: the stored edges from a column to a column (or table), with the queries behind each. */
public record EdgeExplanation(String source, String target, List<EdgeDetails> edges) {
    public EdgeExplanation {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
    }
}
