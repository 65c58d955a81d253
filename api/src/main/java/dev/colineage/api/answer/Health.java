package dev.colineage.api.answer;

import java.util.Objects;

/**
 * {@code /health}: the server's status and the graph's ({@code UP}, or {@code DOWN: <reason>}).
 */
public record Health(String status, String graph) {
    public Health {
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(graph, "graph is null");
    }
}
