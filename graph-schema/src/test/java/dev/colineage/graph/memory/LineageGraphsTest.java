package dev.colineage.graph.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.GraphTestSupport;
import dev.colineage.graph.write.LineageGraphWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.driver.Session;

/**
 * The read model kept current: a write stamped with the lineage sequence is applied in memory (new
 * columns and tables, new edges, an edge with one more query, a changed query), and the result is the
 * graph a full load gives; a reader keeps the instance it had; a removal or an unstamped change reloads.
 */
class LineageGraphsTest extends GraphTestSupport {

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");

    /** Everything the read model holds, as sorted text: two graphs with the same lineage give equal text. */
    private static String dump(LineageGraph g) {
        TreeSet<String> lines = new TreeSet<>();
        for (int c = 0; c < g.columnCount(); c++) {
            lines.add("column " + g.columnName(c) + " in " + g.tableName(g.tableOf(c)));
            for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                String target = g.kind(e) == EdgeKind.FEEDS ? g.columnName(g.target(e)) : g.tableName(g.target(e));
                lines.add("edge " + g.columnName(c) + " -" + g.kind(e) + "/" + g.subtype(e) + (g.masking(e) ? "/masked" : "")
                        + "-> " + target + " " + new TreeSet<>(g.fingerprints(e)));
            }
            for (int k = 0; k < g.feedsInto(c); k++) {
                lines.add("into " + g.columnName(c) + " from " + g.columnName(g.source(g.feedInto(c, k))));
            }
        }
        for (int t = 0; t < g.tableCount(); t++) {
            for (int k = 0; k < g.influencesOn(t); k++) {
                lines.add("influenced " + g.tableName(t) + " by " + g.columnName(g.source(g.influenceOn(t, k))));
            }
            lines.add("table " + g.tableName(t) + " has " + g.columnsOf(t));
        }
        for (String fp : List.of("q1", "q2", "q3", "q4", "q5")) {
            g.query(fp).ifPresent(q -> lines.add("query " + q));
        }
        return String.join("\n", lines);
    }

    private static LineageGraph fullLoad() {
        return new LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO).fresh();
    }

    /** Over Bolt (a server elsewhere), or reading the embedded database of this process directly (as serve does). */
    private static LineageGraphs graphs(boolean local) {
        return local ? new LineageGraphs(driver(), java.util.Optional.of(store().embedded().orElseThrow().database()),
                Duration.ofSeconds(10), Duration.ZERO) : new LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO);
    }

    @ParameterizedTest(name = "local database: {0}")
    @ValueSource(booleans = {false, true})
    void aStampedWriteIsAppliedInMemoryAndEqualsAFullLoad(boolean local) {
        LineageGraphWriter writer = new LineageGraphWriter(driver());
        writer.write(List.of(record("q1", "CREATE TABLE b AS SELECT x, y FROM a WHERE f = 1", "j1", T, "u")), Catalog.empty());
        LineageGraphs graphs = graphs(local);
        LineageGraph before = graphs.fresh();
        assertEquals(1, graphs.loads());
        assertSame(before, graphs.fresh(), "nothing changed: the same instance");

        writer.write(List.of(
                // the same edges from one more query, a new table and its columns, and a hash
                record("q2", "INSERT INTO b (x, y) SELECT x, y FROM a WHERE f = 2", "j2", T.plusSeconds(60), "v"),
                record("q3", "CREATE TABLE c AS SELECT SHA256(x) AS h, COUNT(*) AS n FROM b GROUP BY y", "j3", T.plusSeconds(120), "v"),
                record("q1", "CREATE TABLE b AS SELECT x, y FROM a WHERE f = 1", "j4", T.plusSeconds(180), "w"),
                // edges out of columns that are new in this write too, and into an old table from a new one
                record("q4", "CREATE TABLE d AS SELECT h FROM c WHERE n > 1", "j5", T.plusSeconds(240), "v"),
                record("q5", "INSERT INTO a (x) SELECT h FROM c", "j6", T.plusSeconds(300), "v")), Catalog.empty());
        LineageGraph after = graphs.fresh();
        assertEquals(1, graphs.loads(), "applied, not reloaded");
        assertEquals(1, graphs.refreshes());
        assertNotSame(before, after);
        assertEquals(dump(fullLoad()), dump(after));
        assertEquals(3, before.edgeCount(), "a reader holding the old graph still sees it whole: " + dump(before));
        assertEquals("j4", after.query("q1").orElseThrow().lastJobId());
        assertEquals(List.of("u", "w"), after.query("q1").orElseThrow().users().stream().sorted().toList());
    }

    @ParameterizedTest(name = "local database: {0}")
    @ValueSource(booleans = {false, true})
    void aRemovalOrAnUnstampedChangeReloads(boolean local) {
        LineageGraphWriter writer = new LineageGraphWriter(driver());
        writer.write(List.of(record("q1", "CREATE TABLE b AS SELECT x, y FROM a", "j1", T, "u")), Catalog.empty());
        LineageGraphs graphs = graphs(local);
        graphs.fresh();
        try (Session s = driver().session()) {
            // a hand-made edge: no sequence number, only the counts tell
            s.run("MATCH (a:Column {fqn: 'p.d.a.x'}), (b:Column {fqn: 'p.d.b.y'}) "
                    + "CREATE (a)-[:FEEDS {type: 'DIRECT', subtype: 'TRANSFORMATION', masking: false, fingerprints: []}]->(b)").consume();
        }
        LineageGraph reloaded = graphs.fresh();
        assertEquals(2, graphs.loads());
        assertEquals(3, reloaded.edgeCount());
        try (Session s = driver().session()) {
            s.executeWrite(tx -> {
                long seq = dev.colineage.graph.write.LineageSequence.next(tx);
                tx.run("MATCH (:Column {fqn: 'p.d.a.x'})-[f:FEEDS {subtype: 'TRANSFORMATION'}]->() DELETE f").consume();
                dev.colineage.graph.write.LineageSequence.markRemoved(tx, seq);
                return seq;
            });
        }
        assertEquals(2, graphs.fresh().edgeCount());
        assertEquals(3, graphs.loads(), "a removal is never applied piecemeal");
        assertEquals(0, graphs.refreshes());
    }

    @Test
    void theEmbeddedDatabaseLoadsTheSameGraphAsBolt() {
        LineageGraphWriter writer = new LineageGraphWriter(driver());
        writer.write(List.of(record("q1", "CREATE TABLE b AS SELECT x, y FROM a WHERE f = 1", "j1", T, "u"),
                record("q3", "CREATE TABLE c AS SELECT SHA256(x) AS h, COUNT(*) AS n FROM b GROUP BY y", "j3", T, "v")),
                Catalog.empty());
        LineageGraphs local = new LineageGraphs(driver(), java.util.Optional.of(store().embedded().orElseThrow().database()),
                Duration.ofSeconds(10), Duration.ZERO);
        LineageGraph direct = local.fresh();
        LineageGraph bolt = fullLoad();
        assertEquals(dump(bolt), dump(direct));
        assertEquals(bolt.version(), direct.version());
        assertEquals(bolt.sequence(), direct.sequence());
        assertSame(direct, local.fresh(), "the versions agree: no second load");
        writer.write(List.of(record("q2", "INSERT INTO c (h) SELECT x FROM a", "j2", T, "w")), Catalog.empty());
        assertEquals(dump(fullLoad()), dump(local.fresh()));
        assertEquals(1, local.loads());
        assertEquals(1, local.refreshes());
    }
}
