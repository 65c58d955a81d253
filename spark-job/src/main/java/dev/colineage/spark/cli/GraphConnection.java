package dev.colineage.spark.cli;

import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.job.GraphTarget;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * Which graph an extraction run writes to: the URI given ({@code --neo4j} or {@code NEO4J_URI}); else
 * a server already listening on the default Bolt address (as {@code serve} hosts it); else the
 * embedded server on the default data directory, for the length of the run.
 */
final class GraphConnection {

    static final String DEFAULT_URI = "bolt://localhost:7687";

    private GraphConnection() {
    }

    static GraphStore open(Optional<String> uri, GraphSettings settings) {
        Optional<String> given = uri.or(settings::uri);
        if (given.isPresent()) {
            return GraphStore.open(settings.withUri(given.get()));
        }
        if (listening(DEFAULT_URI, settings)) {
            return GraphStore.open(settings.withUri(DEFAULT_URI));
        }
        return GraphStore.open(settings);
    }

    /** How Spark tasks reach the store's graph. */
    static GraphTarget target(GraphStore store) {
        if (store.embedded().isPresent()) {
            return new GraphTarget(store.embedded().get().boltUri(), "", "");
        }
        GraphSettings s = store.settings();
        return new GraphTarget(s.uri().orElseThrow(), s.user(), s.password());
    }

    private static boolean listening(String uri, GraphSettings settings) {
        Config config = Config.builder().withConnectionTimeout(1, TimeUnit.SECONDS).build();
        try (Driver d = GraphDatabase.driver(uri, AuthTokens.basic(settings.user(), settings.password()), config)) {
            d.verifyConnectivity();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
