package dev.colineage.graph.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Versioned schema migrations: the Cypher files listed in {@code db/migrations/index.txt}, each applied
 * once and recorded as a {@code (:SchemaMigration {version})} node. Every statement is idempotent
 * ({@code IF NOT EXISTS}), so two processes starting together, or a crash between a file's statements
 * and its record, only re-run harmless statements.
 */
public final class Migrations {

    private static final String ROOT = "/db/migrations/";
    /**
     * Written on every migration record: what tells a colineage graph from any other Neo4j database, so
     * that a tool finding a server on the default port writes into it only when it is ours.
     */
    public static final String MARKER = "colineage";

    /** One migration file: its version number, name and statements. */
    public record Migration(int version, String name, List<String> statements) {
        public Migration {
            Objects.requireNonNull(name, "name is null");
            statements = List.copyOf(statements);
        }
    }

    private final Driver driver;

    public Migrations(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
    }

    /** The migrations shipped with this version, in order. */
    public static List<Migration> available() {
        List<Migration> list = new ArrayList<>();
        for (String file : read("index.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            list.add(new Migration(version, file, statements(read(file))));
        }
        return list;
    }

    /** Applies the migrations not yet recorded; returns the versions applied now. */
    public List<Integer> apply() {
        List<Integer> applied = new ArrayList<>();
        try (Session session = driver.session()) {
            Set<Integer> done = new HashSet<>(session.executeRead(tx -> tx.run(
                    "MATCH (m:SchemaMigration) RETURN m.version AS v").list(r -> r.get("v").asInt())));
            for (Migration m : available()) {
                if (done.contains(m.version())) {
                    continue;
                }
                for (String statement : m.statements()) {
                    // schema changes cannot share a transaction with data writes: one auto-commit each
                    session.run(statement).consume();
                }
                session.executeWrite(tx -> tx.run("""
                        MERGE (m:SchemaMigration {version: $version})
                        ON CREATE SET m.name = $name, m.applied_at = $now
                        SET m.by = $marker
                        """, Map.of("version", m.version(), "name", m.name(), "now", ZonedDateTime.now(ZoneOffset.UTC),
                        "marker", MARKER)).consume());
                applied.add(m.version());
            }
            if (!done.isEmpty() && !isColineageGraph(driver)) {
                // graphs migrated before the marker existed carry our migration names: mark them too
                session.executeWrite(tx -> tx.run("""
                        MATCH (m:SchemaMigration) WHERE m.by IS NULL AND m.name STARTS WITH 'V001__uniqueness_constraints'
                        SET m.by = $marker
                        """, Map.of("marker", MARKER)).consume());
            }
            if (!applied.isEmpty()) {
                // indexes built over existing (e.g. bulk-loaded) data must be online before queries use them
                session.run("CALL db.awaitIndexes(600)").consume();
            }
        }
        return applied;
    }

    /** Whether the database behind {@code driver} is a colineage graph: our migrations marked it. */
    public static boolean isColineageGraph(Driver driver) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (m:SchemaMigration {by: $marker}) RETURN count(m) > 0 AS ours",
                    Map.of("marker", MARKER)).single().get("ours").asBoolean());
        }
    }

    /** Versions recorded in the database. */
    public List<Integer> recorded() {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v")
                    .list(r -> r.get("v").asInt()));
        }
    }

    static List<String> statements(String text) {
        String withoutComments = text.lines().filter(l -> !l.strip().startsWith("//")).collect(Collectors.joining("\n"));
        List<String> out = new ArrayList<>();
        for (String s : withoutComments.split(";")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource missing: " + ROOT + name);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().collect(Collectors.joining("\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
