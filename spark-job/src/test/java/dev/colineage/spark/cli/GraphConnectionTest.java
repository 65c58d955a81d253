package dev.colineage.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.graph.schema.Migrations;
import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.Directories;
import dev.colineage.graph.store.EmbeddedNeo4j;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * Issue 12, item 7: on a shared host, an extraction writes into the Neo4j found on the default address
 * only when it is a colineage graph. Somebody else's Neo4j (a real server, unmigrated) stays untouched.
 */
class GraphConnectionTest {

    private static long nodes(Driver driver) {
        try (Session s = driver.session()) {
            return s.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong();
        }
    }

    @Test
    void somebodyElsesNeo4jIsLeftAloneAndOursIsUsed() throws Exception {
        Path dir = Files.createTempDirectory("colineage-shared-host");
        try (EmbeddedNeo4j foreign = EmbeddedNeo4j.start(dir.resolve("theirs"), 0, 32L * 1024 * 1024, Duration.ofSeconds(30));
             Driver theirs = GraphDatabase.driver(foreign.boltUri(), AuthTokens.none())) {
            try (Session s = theirs.session()) {
                s.run("CREATE (:Customer {name: 'theirs'})").consume();
            }
            GraphSettings settings = GraphSettings.embedded(dir.resolve("ours")).withPageCache(32L * 1024 * 1024);
            assertEquals(DefaultGraphServer.Listener.OTHER, DefaultGraphServer.probe(foreign.boltUri(), settings));
            assertEquals(DefaultGraphServer.Listener.NONE, DefaultGraphServer.probe("bolt://127.0.0.1:1", settings));

            ByteArrayOutputStream notes = new ByteArrayOutputStream();
            try (GraphStore store = GraphConnection.open(Optional.empty(), settings,
                    new PrintStream(notes, true, StandardCharsets.UTF_8), foreign.boltUri())) {
                assertTrue(store.embedded().isPresent(), "the run writes into its own embedded graph");
                assertEquals(dir.resolve("ours").toAbsolutePath(), store.embedded().get().home());
            }
            assertEquals("colineage: the Neo4j on " + foreign.boltUri() + " is not a colineage graph (no colineage migrations"
                    + " in it), so nothing is written to it; using the embedded graph in " + dir.resolve("ours").toAbsolutePath()
                    + " (pass --neo4j " + foreign.boltUri() + " to write there)\n", notes.toString(StandardCharsets.UTF_8));
            assertEquals(1, nodes(theirs), "not one node (no migration record) written into their graph");

            // named explicitly, it is used (and migrated); from then on it carries the marker
            try (GraphStore named = GraphConnection.open(Optional.of(foreign.boltUri()), settings)) {
                assertTrue(named.embedded().isEmpty());
            }
            assertTrue(Migrations.isColineageGraph(theirs));
            assertEquals(DefaultGraphServer.Listener.COLINEAGE, DefaultGraphServer.probe(foreign.boltUri(), settings));
            try (GraphStore found = GraphConnection.open(Optional.empty(), settings, System.err, foreign.boltUri())) {
                assertEquals(Optional.of(foreign.boltUri()), found.settings().uri(), "a colineage graph on the address is used");
            }
        } finally {
            Directories.deleteTree(dir);
        }
    }

    @Test
    void graphsMigratedBeforeTheMarkerAreMarkedWhenOpened() throws Exception {
        Path dir = Files.createTempDirectory("colineage-legacy");
        try (EmbeddedNeo4j server = EmbeddedNeo4j.start(dir.resolve("g"), 0, 32L * 1024 * 1024, Duration.ofSeconds(30));
             Driver driver = GraphDatabase.driver(server.boltUri(), AuthTokens.none())) {
            new Migrations(driver).apply();
            try (Session s = driver.session()) {
                s.run("MATCH (m:SchemaMigration) REMOVE m.by").consume();   // as an older colineage left it
            }
            assertEquals(false, Migrations.isColineageGraph(driver));
            assertEquals(java.util.List.of(), new Migrations(driver).apply());
            assertTrue(Migrations.isColineageGraph(driver));
        } finally {
            Directories.deleteTree(dir);
        }
    }
}
