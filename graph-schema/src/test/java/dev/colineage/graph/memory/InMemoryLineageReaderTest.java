package dev.colineage.graph.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.GraphTestSupport;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.read.LineageLookupStore;
import dev.colineage.graph.read.PiiColumnStore;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.write.LineageGraphWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * The in-memory reader answers exactly as the Cypher reader: every column of a warehouse with a cycle,
 * a filter, a join, a grouping key, a count and a hash, both directions, every kind of option.
 */
class InMemoryLineageReaderTest extends GraphTestSupport {

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");

    /**
     * Everything fixed about an answer. Of several equally short explaining paths the store's order picks
     * one, so paths are compared by length (each is a shortest path: its length is the hit's depth plus the
     * table hops on it).
     */
    private static String describe(Traversal t) {
        TreeSet<String> lines = new TreeSet<>();
        t.hits().forEach(h -> lines.add(h.depth() + " " + h.kind() + " " + h.fqn() + " in " + h.table() + " via "
                + h.path().stream().filter(e -> e.relation() != dev.colineage.graph.read.GraphEdge.Relation.HAS_COLUMN).count() + " lineage edges"));
        return lines + " edges " + new TreeSet<>(t.edges().stream().map(e -> e.living(dev.colineage.graph.read.EdgeLifetime.UNKNOWN).toString()).toList()) + " truncated "
                + t.truncated() + " queries " + t.fingerprints();
    }

    private void writeWarehouse() {
        new LineageGraphWriter(driver()).write(List.of(
                record("q1", "CREATE TABLE b AS SELECT x, y FROM a WHERE f = 1", "j1", T, "u"),
                record("q2", "CREATE TABLE c AS SELECT UPPER(x) AS x, COUNT(y) AS n FROM b GROUP BY 1", "j2", T, "u"),
                record("q3", "CREATE TABLE d AS SELECT x FROM c", "j3", T, "u"),
                record("q4", "INSERT INTO a (x) SELECT x FROM d", "j4", T, "u"),
                record("q5", "CREATE TABLE e AS SELECT SHA256(x) AS h FROM b", "j5", T, "u"),
                record("q6", "CREATE TABLE g AS SELECT b.y, e.h FROM b JOIN e ON b.x = e.h WHERE b.y > 0", "j6", T, "u")),
                Catalog.empty());
    }

    @Test
    void sameAnswersAsTheCypherReader() {
        writeWarehouse();
        LineageGraphReader cypher = new LineageGraphReader(driver());
        InMemoryLineageReader memory = new InMemoryLineageReader(new LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO));
        List<String> columns;
        try (Session s = driver().session()) {
            columns = s.run("MATCH (c:Column) RETURN c.fqn AS fqn ORDER BY fqn").list(r -> r.get("fqn").asString());
        }
        List<TraversalOptions> options = List.of(TraversalOptions.defaults(), TraversalOptions.defaults().directOnly(),
                TraversalOptions.defaults().withMaxDepth(1), TraversalOptions.defaults().withMasking(false),
                TraversalOptions.defaults().withMasking(true), TraversalOptions.defaults().withLimit(2),
                TraversalOptions.defaults().withSubtypes(Set.of(Transformation.Subtype.IDENTITY, Transformation.Subtype.FILTER)));
        int compared = 0;
        for (String column : columns) {
            for (Direction d : Direction.values()) {
                for (TraversalOptions o : options) {
                    Traversal expected = cypher.columnLineage(column, d, o).orElseThrow();
                    Traversal actual = memory.columnLineage(column, d, o).orElseThrow();
                    if (o.limit() == 2) {
                        // which two of several equally near nodes come first is the store's order: compare what is fixed
                        assertEquals(expected.truncated(), actual.truncated(), column + " " + d);
                        assertEquals(expected.hits().size(), actual.hits().size(), column + " " + d);
                    } else {
                        assertEquals(describe(expected), describe(actual), column + " " + d + " " + o);
                    }
                    compared++;
                }
            }
        }
        assertEquals(columns.size() * 2 * options.size(), compared);
        for (String fragment : List.of("x", "B.", "p.d.", "D.C.N", "zz", "h", "d", "N", "c.", "")) {
            for (int limit : List.of(1, 3, 100)) {
                assertEquals(cypher.searchColumns(fragment, limit), memory.searchColumns(fragment, limit), fragment + " " + limit);
                assertEquals(cypher.searchTables(fragment, limit), memory.searchTables(fragment, limit), fragment + " " + limit);
            }
        }
        LineageLookupStore lookups = new LineageLookupStore(driver(), Duration.ofSeconds(10));
        for (String column : columns) {
            assertEquals(lookups.columnQueries(column), memory.columnQueries(column), column);
        }
        assertEquals(List.of("q2", "q5", "q6"), memory.columnQueries("p.d.b.x").orElseThrow().readBy().stream()
                .map(QuerySummary::fingerprint).toList());
        assertEquals(Optional.empty(), memory.columnQueries("p.d.nope.x"));
        assertEquals(Optional.empty(), memory.columnLineage("p.d.nope.x", Direction.DOWNSTREAM, TraversalOptions.defaults()));
        assertEquals(Hit.Kind.TABLE, memory.columnLineage("p.d.a.f", Direction.DOWNSTREAM, TraversalOptions.defaults())
                .orElseThrow().hits().get(0).kind());
    }

    @Test
    void sameTableAnswersAsTheCypherReader() {
        writeWarehouse();
        LineageGraphReader cypher = new LineageGraphReader(driver());
        InMemoryLineageReader memory = new InMemoryLineageReader(new LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO));
        List<String> tables;
        try (Session s = driver().session()) {
            tables = s.run("MATCH (t:Table) RETURN t.fqn AS fqn ORDER BY fqn").list(r -> r.get("fqn").asString());
        }
        // a table hop has no options but indirect-or-not, depth and limit: the rest must change nothing
        List<TraversalOptions> options = List.of(TraversalOptions.defaults(), TraversalOptions.defaults().directOnly(),
                TraversalOptions.defaults().withMaxDepth(1), TraversalOptions.defaults().withMasking(true),
                TraversalOptions.defaults().withSubtypes(Set.of(Transformation.Subtype.IDENTITY)));
        int compared = 0;
        for (String table : tables) {
            for (Direction d : Direction.values()) {
                for (TraversalOptions o : options) {
                    Traversal expected = cypher.tableLineage(table, d, o).orElseThrow();
                    Traversal actual = memory.tableLineage(table, d, o).orElseThrow();
                    // the Cypher oracle names no queries for a table hop; the read model names those behind it
                    assertEquals(describe(expected).replaceAll(" queries .*", ""), describe(actual).replaceAll(" queries .*", ""),
                            table + " " + d + " " + o);
                    compared++;
                }
            }
        }
        assertEquals(tables.size() * 2 * options.size(), compared);
        Traversal fromA = memory.tableLineage("p.d.a", Direction.DOWNSTREAM, TraversalOptions.defaults()).orElseThrow();
        assertEquals(Set.of("q1", "q2", "q3", "q4", "q5", "q6"), fingerprintsOf(fromA), "q4 closes the cycle back into a");
        assertEquals(Optional.empty(), memory.tableLineage("p.d.nope", Direction.DOWNSTREAM, TraversalOptions.defaults()));
    }

    @Test
    void samePiiColumnsAsTheCypherStore() {
        writeWarehouse();
        new LineageGraphWriter(driver()).write(List.of(
                record("q7", "CREATE TABLE p AS SELECT email, user_email, email_hash, phone, zip, address FROM users", "j7", T, "u")),
                dev.colineage.core.catalog.CatalogLoader.parse("{\"p.d.users\": [{\"name\": \"zip\", \"type\": \"STRING\","
                        + " \"policyTags\": {\"names\": [\"projects/x/policyTags/pii\"]}}, {\"name\": \"email\", \"type\": \"STRING\"},"
                        + " {\"name\": \"user_email\", \"type\": \"STRING\"}, {\"name\": \"email_hash\", \"type\": \"STRING\"},"
                        + " {\"name\": \"phone\", \"type\": \"STRING\"}, {\"name\": \"address\", \"type\": \"STRING\"}]}"));
        LineageLookupStore lookups = new LineageLookupStore(driver(), Duration.ofSeconds(10));
        LineageGraphs graphs = new LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO);
        PiiColumnStore store = new PiiColumnStore(driver(), Duration.ofSeconds(10));
        PiiColumnStore.Criteria criteria = new PiiColumnStore.Criteria(
                "(?i)(.*_)?(e_?mail|phone|address)(_.*)?", "(?i).*_(hash|hashed)", "pii", "not-pii");
        PiiColumns memory = new PiiColumns(criteria);
        graphs.current();   // loaded before the tags: they arrive by refresh
        assertEquals(true, lookups.tag("p.d.a.x", "pii", true));
        assertEquals(true, lookups.tag("p.d.users.phone", "not-pii", true));
        assertEquals(true, lookups.tag("p.d.p.zip", "pii", true));
        Map<String, List<String>> expected = store.columns(Optional.empty(), criteria);
        Map<String, List<String>> actual = new java.util.LinkedHashMap<>();
        memory.all(graphs.current()).forEach(c -> actual.put(c.column(), c.reasons()));
        assertEquals(expected, actual);
        assertEquals(List.of("policy_tag:projects/x/policyTags/pii"), actual.get("p.d.users.zip"));
        assertEquals(List.of("tag:pii"), actual.get("p.d.p.zip"));
        assertEquals(false, actual.containsKey("p.d.users.phone"), "the not-pii tag vetoes a name match");
        assertEquals(false, actual.containsKey("p.d.p.email_hash"));
        for (String column : List.of("p.d.a.x", "p.d.users.phone", "p.d.p.email", "p.d.p.email_hash", "p.d.nope.x")) {
            assertEquals(store.columns(Optional.of(column), criteria).entrySet().stream().findFirst()
                            .map(e -> new PiiColumns.PiiColumn(e.getKey(), e.getValue())),
                    memory.one(graphs.current(), column), column);
        }
        lookups.tag("p.d.a.x", "pii", false);
        assertEquals(false, memory.all(graphs.current()).stream().anyMatch(c -> c.column().equals("p.d.a.x")),
                "an untagged column leaves the answer after a refresh");
    }

    private static Set<String> fingerprintsOf(Traversal t) {
        return new TreeSet<>(t.fingerprints());
    }
}
