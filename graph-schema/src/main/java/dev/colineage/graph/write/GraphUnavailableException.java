package dev.colineage.graph.write;

/**
 * The graph could not be reached, even after the driver's retries. Writes are idempotent, so running
 * the same write again after the graph is back completes it.
 */
public final class GraphUnavailableException extends RuntimeException {
    public GraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
