package dev.colineage.graph;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.LineageAnalyzer;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.QueryRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * One embedded Neo4j (Bolt on a random localhost port) for all graph tests of this JVM, emptied before
 * each test. Lineage comes from lineage-core analysing real SQL.
 */
public abstract class GraphTestSupport {

    private static GraphStore store;

    protected static synchronized GraphStore store() {
        if (store == null) {
            store = GraphStore.openTemporary("colineage-graph-test", 64L * 1024 * 1024);
            Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        }
        return store;
    }

    protected static Driver driver() {
        return store().driver();
    }

    @BeforeEach
    protected void emptyGraph() {
        try (Session s = driver().session()) {
            s.executeWrite(tx -> tx.run("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n").consume());
        }
    }

    /** A query record for {@code sql}, its lineage from lineage-core, run once on {@code day}. */
    protected static QueryRecord record(String fingerprint, String sql, String jobId, Instant at, String user) {
        LineageResult r;
        try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
            r = analyzer.analyze(sql, AnalysisOptions.of(Catalog.empty()).withDefaultProject("p").withDefaultDataset("d"));
        }
        Set<TableRef> reads = new LinkedHashSet<>();
        Set<TableRef> writes = new LinkedHashSet<>();
        r.edges().forEach(e -> {
            reads.add(e.source().table());
            writes.add(e.target().table());
        });
        LocalDate day = at.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        String type = sql.strip().toUpperCase().startsWith("CREATE VIEW") ? "CREATE_VIEW" : "QUERY";
        return new QueryRecord(fingerprint, sql, type, at, at, jobId, Map.of(day, 1), Set.of(user), reads, writes, r.edges(),
                new LinkedHashSet<>(r.transientTables()));
    }

    /** Every node and relationship with all properties, as sorted text: two equal graphs give equal lists. */
    protected static List<String> snapshot(Driver driver) {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("""
                    MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:LineageSequence
                    OPTIONAL MATCH (n)-[r]->(m)
                    RETURN labels(n)[0] AS label, properties(n) AS node, type(r) AS rel, properties(r) AS relProps,
                           coalesce(m.fqn, m.fingerprint) AS other
                    """).list(r -> r.get("label").asString() + " " + withoutSequence(r.get("node").asMap()) + " -"
                    + (r.get("rel").isNull() ? "" : r.get("rel").asString()) + " "
                    + (r.get("relProps").isNull() ? "" : withoutSequence(r.get("relProps").asMap()).toString()) + "-> "
                    + (r.get("other").isNull() ? "" : r.get("other").asString()))).stream().sorted().toList();
        }
    }

    /**
     * Properties without the lineage sequence stamp: which write transaction last touched a node is
     * bookkeeping for the read model, like run history, not lineage (a re-run stamps again).
     */
    protected static java.util.TreeMap<String, Object> withoutSequence(Map<String, Object> properties) {
        java.util.TreeMap<String, Object> out = new java.util.TreeMap<>(properties);
        out.remove("seq");
        return out;
    }

    protected static long count(String cypher) {
        try (Session s = driver().session()) {
            return s.executeRead(tx -> tx.run(cypher).single().get(0).asLong());
        }
    }

    protected static List<Map<String, Object>> rows(String cypher) {
        try (Session s = driver().session()) {
            return s.executeRead(tx -> tx.run(cypher).list(rec -> rec.asMap()));
        }
    }
}
