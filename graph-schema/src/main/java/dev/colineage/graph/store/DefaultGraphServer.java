package dev.colineage.graph.store;

import dev.colineage.graph.schema.Migrations;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * What listens on the default Bolt address ({@code bolt://localhost:7687}, where {@code serve} hosts its
 * embedded graph). On a shared host that may be somebody else's Neo4j: tools write into it uninvited
 * only when it is a colineage graph (our migrations' marker), never because something answered.
 */
public final class DefaultGraphServer {

    public static final int PORT = 7687;
    public static final String URI = "bolt://localhost:" + PORT;

    /** What the default address holds. */
    public enum Listener {
        /** Nothing answers Bolt there (or it refused our credentials). */
        NONE,
        /** A Neo4j holding a colineage graph: {@code serve}'s embedded one, or a server we migrated. */
        COLINEAGE,
        /** A Neo4j without our marker: not ours to write into. */
        OTHER
    }

    private DefaultGraphServer() {
    }

    public static Listener probe(GraphSettings settings) {
        return probe(URI, settings);
    }

    /** What {@code uri} holds (the default address, or another one a test or a check names). */
    public static Listener probe(String uri, GraphSettings settings) {
        Config config = Config.builder().withConnectionTimeout(1, TimeUnit.SECONDS)
                .withMaxTransactionRetryTime(0, TimeUnit.SECONDS).build();
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic(settings.user(), settings.password()), config)) {
            driver.verifyConnectivity();
            try {
                return Migrations.isColineageGraph(driver) ? Listener.COLINEAGE : Listener.OTHER;
            } catch (RuntimeException e) {
                return Listener.OTHER;   // it answers Bolt but not our question: still not ours
            }
        } catch (RuntimeException e) {
            return Listener.NONE;
        }
    }

    /**
     * The graph a command uses: the URI given ({@code --neo4j} or {@code NEO4J_URI}); else a colineage graph
     * already listening on {@code defaultUri} (as {@code serve} hosts it); else the embedded server on the
     * data directory, for the length of the command. A Neo4j there without our marker is somebody else's: it
     * is left alone, and {@code notes} say so.
     */
    public static GraphStore open(java.util.Optional<String> uri, GraphSettings settings, java.io.PrintStream notes, String defaultUri) {
        java.util.Optional<String> given = uri.or(settings::uri);
        if (given.isPresent()) {
            return GraphStore.open(settings.withUri(given.get()));
        }
        switch (probe(defaultUri, settings)) {
            case COLINEAGE -> {
                return GraphStore.open(settings.withUri(defaultUri));
            }
            case OTHER -> notes.println("colineage: the Neo4j on " + defaultUri + " is not a colineage graph (no colineage"
                    + " migrations in it), so nothing is written to it; using the embedded graph in "
                    + settings.dataDir().toAbsolutePath() + " (pass --neo4j " + defaultUri + " to write there)");
            case NONE -> { }
        }
        return GraphStore.open(settings);
    }
}
