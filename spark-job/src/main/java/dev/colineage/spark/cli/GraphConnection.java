package dev.colineage.spark.cli;

import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.job.GraphTarget;
import java.util.Optional;

/**
 * Which graph an extraction run writes to: the URI given ({@code --neo4j} or {@code NEO4J_URI}); else
 * a colineage graph already listening on the default Bolt address (as {@code serve} hosts it); else the
 * embedded server on the default data directory, for the length of the run. A Neo4j on the default
 * address without our marker is somebody else's: it is left alone, and the run says so.
 */
final class GraphConnection {

    static final String DEFAULT_URI = DefaultGraphServer.URI;

    private GraphConnection() {
    }

    static GraphStore open(Optional<String> uri, GraphSettings settings) {
        return open(uri, settings, System.err);
    }

    static GraphStore open(Optional<String> uri, GraphSettings settings, java.io.PrintStream notes) {
        return open(uri, settings, notes, DEFAULT_URI);
    }

    /** With the address probed in place of the default one (tests probe their own servers). */
    static GraphStore open(Optional<String> uri, GraphSettings settings, java.io.PrintStream notes, String defaultUri) {
        return DefaultGraphServer.open(uri, settings, notes, defaultUri);
    }

    /** How Spark tasks reach the store's graph. */
    static GraphTarget target(GraphStore store) {
        if (store.embedded().isPresent()) {
            return new GraphTarget(store.embedded().get().boltUri(), "", "");
        }
        GraphSettings s = store.settings();
        return new GraphTarget(s.uri().orElseThrow(), s.user(), s.password());
    }
}
