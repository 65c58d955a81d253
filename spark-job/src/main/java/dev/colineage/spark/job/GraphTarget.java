package dev.colineage.spark.job;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where Spark tasks write: a Bolt URI and credentials (empty user for the embedded server, which has
 * authentication off). Shipped to executors, which connect through {@link GraphConnections}.
 *
 * @param retrySeconds how long a write retries a graph that went away before its task fails
 */
public record GraphTarget(String uri, String user, String password, int retrySeconds) implements Serializable {

    public static final int DEFAULT_RETRY_SECONDS = 30;

    public GraphTarget {
        Objects.requireNonNull(uri, "uri is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        if (retrySeconds < 0) {
            throw new IllegalArgumentException("retrySeconds is negative");
        }
    }

    public GraphTarget(String uri, String user, String password) {
        this(uri, user, password, DEFAULT_RETRY_SECONDS);
    }

    @Override
    public String toString() {
        return "GraphTarget[" + uri + ", user=" + user + "]";   // never the password
    }
}
