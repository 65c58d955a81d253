package dev.colineage.graph.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the lineage graph lives: an external Neo4j 5 by URI (credentials from the environment), or,
 * by default, the embedded server with its data under {@code dataDir}.
 *
 * @param uri            a {@code bolt://} / {@code neo4j://} URI; empty means the embedded server
 * @param user           user for an external server ({@code NEO4J_USER}, default {@code neo4j})
 * @param password       password for an external server ({@code NEO4J_PASSWORD})
 * @param dataDir        the embedded server's home ({@code COLINEAGE_DATA}, default {@code ./.colineage/neo4j})
 * @param embeddedPort   the embedded Bolt port, 0 for any free one
 * @param pageCacheBytes the embedded server's page cache
 * @param queryTimeout   server-side time limit of every transaction
 */
public record GraphSettings(Optional<String> uri, String user, String password, Path dataDir, int embeddedPort,
                            long pageCacheBytes, Duration queryTimeout) {

    public static final long DEFAULT_PAGE_CACHE = 512L * 1024 * 1024;

    public GraphSettings {
        Objects.requireNonNull(uri, "uri is null");
        Objects.requireNonNull(user, "user is null");
        Objects.requireNonNull(password, "password is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(queryTimeout, "queryTimeout is null");
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("embeddedPort out of range: " + embeddedPort);
        }
    }

    /** Settings from the environment, as the command-line tools read them. */
    public static GraphSettings fromEnvironment(Map<String, String> env) {
        return new GraphSettings(Optional.ofNullable(env.get("NEO4J_URI")).filter(s -> !s.isBlank()),
                env.getOrDefault("NEO4J_USER", "neo4j"), env.getOrDefault("NEO4J_PASSWORD", ""),
                Path.of(env.getOrDefault("COLINEAGE_DATA", ".colineage/neo4j")), 0, DEFAULT_PAGE_CACHE,
                Duration.ofSeconds(30));
    }

    /** The embedded server under {@code dataDir}, on a free port. */
    public static GraphSettings embedded(Path dataDir) {
        return new GraphSettings(Optional.empty(), "neo4j", "", dataDir, 0, DEFAULT_PAGE_CACHE, Duration.ofSeconds(30));
    }

    public GraphSettings withUri(String externalUri) {
        return new GraphSettings(Optional.of(externalUri), user, password, dataDir, embeddedPort, pageCacheBytes, queryTimeout);
    }

    public GraphSettings withEmbeddedPort(int port) {
        return new GraphSettings(uri, user, password, dataDir, port, pageCacheBytes, queryTimeout);
    }

    public GraphSettings withPageCache(long bytes) {
        return new GraphSettings(uri, user, password, dataDir, embeddedPort, bytes, queryTimeout);
    }
}
