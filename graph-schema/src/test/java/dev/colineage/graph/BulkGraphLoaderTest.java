package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline bulk path builds exactly the graph the online writer builds. */
class BulkGraphLoaderTest extends GraphTestSupport {

    @TempDir
    Path home;

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");

    private static List<QueryRecord> records() {
        return List.of(
                record("q1", """
                        CREATE TABLE mart.contacts AS
                        SELECT u.user_id, TO_HEX(SHA256(u.email)) AS email_hash, "it's, \\"quoted\\"\\nline" AS note
                        FROM raw.users u JOIN raw.orders o ON u.user_id = o.user_id WHERE u.country = 'DE'
                        """, "job-1", T, "ana@x"),
                record("q2", "CREATE VIEW mart.v AS SELECT user_id FROM mart.contacts", "job-2", T, "bo@x"));
    }

    @Test
    void bulkLoadEqualsOnlineWrites() {
        assertBulkEqualsOnline(records());
    }

    /** Without a line break in any value, every file is parsed as single-line (in parallel chunks). */
    @Test
    void bulkLoadOfSingleLineSqlEqualsOnlineWrites() {
        assertBulkEqualsOnline(List.of(
                record("q1", "CREATE TABLE mart.contacts AS SELECT u.user_id, \"a \"\"b\"\"\" AS note FROM raw.users u",
                        "job-1", T, "ana@x"),
                record("q2", "CREATE VIEW mart.v AS SELECT user_id FROM mart.contacts", "job-2", T, "bo@x")));
    }

    private void assertBulkEqualsOnline(List<QueryRecord> records) {
        long started = System.currentTimeMillis() - 1_000;
        new LineageGraphWriter(driver()).write(records, Catalog.empty());
        List<String> online = snapshot(driver());
        BulkGraphLoader.load(home, records, Catalog.empty());
        try (GraphStore bulk = GraphStore.open(GraphSettings.embedded(home).withPageCache(32L * 1024 * 1024))) {
            assertSame(online, snapshot(bulk.driver()));
            // and the online writer carries on idempotently from a bulk-loaded store
            new LineageGraphWriter(bulk.driver()).write(records, Catalog.empty());
            assertSame(online, snapshot(bulk.driver()));
        }
        // the importer's own report goes with its input files, not into the working directory
        Path report = Path.of("import.report");
        assertEquals(false, Files.exists(report) && report.toFile().lastModified() >= started, "import.report written here");
    }

    /** Equal graphs, or a message listing only the lines that differ. */
    private static void assertSame(List<String> expected, List<String> actual) {
        List<String> missing = expected.stream().filter(l -> !actual.contains(l)).toList();
        List<String> extra = actual.stream().filter(l -> !expected.contains(l)).toList();
        assertEquals(List.of(), missing, () -> "only online: " + missing + "\nonly bulk: " + extra);
        assertEquals(List.of(), extra, () -> "only bulk: " + extra);
    }

    @Test
    void refusesToOverwriteAnExistingStore() throws Exception {
        Files.createDirectories(home.resolve("data/databases/neo4j"));
        Files.writeString(home.resolve("data/databases/neo4j/neostore"), "x");
        assertThrows(IllegalStateException.class, () -> BulkGraphLoader.load(home, records(), Catalog.empty()));
    }
}
