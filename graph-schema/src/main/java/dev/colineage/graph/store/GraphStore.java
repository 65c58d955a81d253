package dev.colineage.graph.store;

import dev.colineage.graph.schema.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * An open connection to the lineage graph: a Neo4j driver over Bolt, to an external server or to the
 * embedded one this store started (and stops on close). Opening it applies pending migrations.
 */
public final class GraphStore implements AutoCloseable {

    private final Driver driver;
    private final Optional<EmbeddedNeo4j> embedded;
    private final GraphSettings settings;
    /** A directory this store made for itself and removes on close. */
    private Optional<Path> temporary = Optional.empty();

    private GraphStore(Driver driver, Optional<EmbeddedNeo4j> embedded, GraphSettings settings) {
        this.driver = driver;
        this.embedded = embedded;
        this.settings = settings;
    }

    /** An embedded store in a new temporary directory, deleted on close: what tests share per JVM. */
    public static GraphStore openTemporary(String prefix, long pageCacheBytes) {
        Path dir;
        try {
            dir = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for the graph", e);
        }
        GraphStore store = open(GraphSettings.embedded(dir).withPageCache(pageCacheBytes));
        store.temporary = Optional.of(dir);
        return store;
    }

    public static GraphStore open(GraphSettings settings) {
        Optional<EmbeddedNeo4j> embedded = Optional.empty();
        String uri;
        if (settings.uri().isPresent()) {
            uri = settings.uri().get();
        } else {
            embedded = Optional.of(EmbeddedNeo4j.start(settings.dataDir().toAbsolutePath(), settings.embeddedPort(),
                    settings.pageCacheBytes(), settings.queryTimeout()));
            uri = embedded.get().boltUri();
        }
        Driver driver = GraphDatabase.driver(uri,
                embedded.isPresent() ? AuthTokens.none() : AuthTokens.basic(settings.user(), settings.password()),
                Config.builder().withMaxConnectionPoolSize(64).build());
        try {
            driver.verifyConnectivity();
            new Migrations(driver).apply();
        } catch (RuntimeException e) {
            driver.close();
            embedded.ifPresent(EmbeddedNeo4j::close);
            throw e;
        }
        return new GraphStore(driver, embedded, settings);
    }

    public Driver driver() {
        return driver;
    }

    public GraphSettings settings() {
        return settings;
    }

    /** The embedded server, when this store runs one. */
    public Optional<EmbeddedNeo4j> embedded() {
        return embedded;
    }

    @Override
    public void close() {
        driver.close();
        embedded.ifPresent(EmbeddedNeo4j::close);
        temporary.ifPresent(Directories::deleteTree);
    }
}
