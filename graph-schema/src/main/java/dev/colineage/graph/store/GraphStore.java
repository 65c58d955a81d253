package dev.colineage.graph.store;

import dev.colineage.graph.schema.Migrations;
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

    private GraphStore(Driver driver, Optional<EmbeddedNeo4j> embedded, GraphSettings settings) {
        this.driver = driver;
        this.embedded = embedded;
        this.settings = settings;
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
    }
}
