package dev.colineage.graph.write;

import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageTarget;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The Cypher of transient tables. Their own edges are parked under {@code TRANSIENT_FEEDS},
 * {@code TRANSIENT_INFLUENCES} and {@code TRANSIENT_FEEDS_TABLE}: kept with their queries and times, but
 * out of every traversal, which follows {@code FEEDS}, {@code INFLUENCES} and {@code FEEDS_TABLE} only. The
 * edges composed through them are ordinary {@code FEEDS} / {@code INFLUENCES} edges, merged the way the
 * writer merges (first/last seen min/max, fingerprints a set union), with the transient tables they went
 * through in {@code through_transient}.
 */
public final class TransientEdgeStore {

    public static final String KIND = "TRANSIENT";
    private static final int BATCH = 5_000;

    private static final String TABLES = "MATCH (t:Table {kind: 'TRANSIENT'}) RETURN t.fqn AS fqn ORDER BY fqn";
    private static final String PARK_FEEDS = park("(t)-[:HAS_COLUMN]->(:Column)-[r:FEEDS]->(:Column)",
            "(t)-[:HAS_COLUMN]->(:Column)<-[r:FEEDS]-(:Column)", """
            MERGE (a)-[f:TRANSIENT_FEEDS {type: r.type, subtype: r.subtype, masking: r.masking}]->(b)
            """ + LineageGraphWriter.EDGE_COUNTERS);
    private static final String PARK_INFLUENCES = park("(t)-[:HAS_COLUMN]->(:Column)-[r:INFLUENCES]->(:Table)",
            "(:Column)-[r:INFLUENCES]->(t)", """
            MERGE (a)-[f:TRANSIENT_INFLUENCES {subtype: r.subtype, masking: r.masking}]->(b)
            """ + LineageGraphWriter.EDGE_COUNTERS + """
            SET f.type = 'INDIRECT'
            """);
    private static final String PARK_TABLE_FEEDS = park("(t)-[r:FEEDS_TABLE]->(:Table)", "(:Table)-[r:FEEDS_TABLE]->(t)",
            "MERGE (a)-[f:TRANSIENT_FEEDS_TABLE]->(b)\n" + LineageGraphWriter.TABLE_FEED_COUNTERS);
    private static final String EDGE_FIELDS = """
            RETURN type(r) AS relation, a.table_fqn AS source_table, a.path AS source_path,
                   labels(b)[0] AS target_label, coalesce(b.table_fqn, b.fqn) AS target_table, b.path AS target_path,
                   r.type AS type, r.subtype AS subtype, r.masking AS masking, r.first_seen AS first_seen,
                   r.last_seen AS last_seen, r.last_job_id AS last_job_id, r.fingerprints AS fingerprints
            """;
    private static final String PARKED = """
            UNWIND $tables AS fqn
            MATCH (t:Table {fqn: fqn})
            CALL {
              WITH t MATCH (t)-[:HAS_COLUMN]->(:Column)-[r:TRANSIENT_FEEDS|TRANSIENT_INFLUENCES]->() RETURN r
              UNION
              WITH t MATCH (t)-[:HAS_COLUMN]->(:Column)<-[r:TRANSIENT_FEEDS]-(:Column) RETURN r
              UNION
              WITH t MATCH (t)<-[r:TRANSIENT_INFLUENCES]-(:Column) RETURN r
            }
            WITH DISTINCT r
            WITH r, startNode(r) AS a, endNode(r) AS b
            """ + EDGE_FIELDS;
    private static final String COMPOSED_FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Column {fqn: r.target})
            MERGE (s)-[f:FEEDS {type: r.type, subtype: r.subtype, masking: r.masking}]->(t)
            """ + LineageGraphWriter.EDGE_COUNTERS + """
            SET f.through_transient = coalesce(f.through_transient, [])
                + [x IN r.through WHERE NOT x IN coalesce(f.through_transient, [])]
            """;
    private static final String COMPOSED_INFLUENCES = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:INFLUENCES {subtype: r.subtype, masking: r.masking}]->(t)
            """ + LineageGraphWriter.EDGE_COUNTERS + """
            SET f.type = 'INDIRECT',
                f.through_transient = coalesce(f.through_transient, [])
                + [x IN r.through WHERE NOT x IN coalesce(f.through_transient, [])]
            """;
    private static final String COMPOSED_TABLE_FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Table {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:FEEDS_TABLE]->(t)
            """ + LineageGraphWriter.TABLE_FEED_COUNTERS;


    /**
     * Moves the relationships {@code r} matched from each transient table {@code t} by either pattern
     * into {@code merge}'s parked relationship {@code f} (from {@code a} to {@code b}), then deletes them.
     */
    private static String park(String outOf, String into, String merge) {
        return """
                UNWIND $tables AS fqn
                MATCH (t:Table {fqn: fqn})
                CALL {
                  WITH t MATCH %s RETURN r
                  UNION
                  WITH t MATCH %s RETURN r
                }
                WITH DISTINCT r
                WITH r, startNode(r) AS a, endNode(r) AS b
                """.formatted(outOf, into) + merge + "DELETE r\n";
    }

    /** An edge as stored: the lineage fact, and the queries and times behind it. */
    public record StoredEdge(Edge edge, Instant firstSeen, Instant lastSeen, String lastJobId, List<String> fingerprints) {
        public StoredEdge {
            Objects.requireNonNull(edge, "edge is null");
            Objects.requireNonNull(firstSeen, "firstSeen is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
            Objects.requireNonNull(lastJobId, "lastJobId is null");
            fingerprints = List.copyOf(Objects.requireNonNull(fingerprints, "fingerprints is null"));
        }
    }

    /** A table-level edge to write: direct when any column path under it is. */
    public record TableFeed(String source, String target, boolean direct, Instant lastSeen) {
        public TableFeed {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(target, "target is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
        }
    }

    private final Driver driver;

    public TransientEdgeStore(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
    }

    /** The tables the graph knows to be transient, by fqn. */
    public List<String> transientTables() {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(TABLES).list(r -> r.get("fqn").asString()));
        }
    }

    /** Moves the lineage edges touching {@code tables} out of the traversed relationships; returns how many moved. */
    public long park(List<String> tables) {
        long moved = 0;
        try (Session session = driver.session()) {
            for (String cypher : List.of(PARK_FEEDS, PARK_INFLUENCES, PARK_TABLE_FEEDS)) {
                moved += session.executeWrite(tx -> {
                    long seq = LineageSequence.next(tx);
                    int deleted = tx.run(cypher, Map.of("tables", tables, "seq", seq)).consume().counters().relationshipsDeleted();
                    if (deleted > 0) {
                        // edges left the traversed relationships: the read model reloads rather than apply removals
                        LineageSequence.markRemoved(tx, seq);
                    }
                    return deleted;
                });
            }
        }
        return moved;
    }

    /** The parked column edges into and out of {@code tables}. */
    public List<StoredEdge> parkedEdges(List<String> tables) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(PARKED, Map.of("tables", tables)).list(TransientEdgeStore::stored));
        }
    }

    /** Writes edges composed through transient tables; {@code through} names the transient tables of each. */
    public void writeComposed(List<StoredEdge> edges, List<List<String>> through, List<TableFeed> tableFeeds) {
        if (edges.size() != through.size()) {
            throw new IllegalArgumentException("one list of transient tables per edge: " + edges.size() + " vs " + through.size());
        }
        List<Map<String, Object>> feeds = new ArrayList<>();
        List<Map<String, Object>> influences = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            StoredEdge e = edges.get(i);
            Transformation t = e.edge().transformation();
            Map<String, Object> row = new HashMap<>();
            row.put("source", e.edge().source().fqn());
            row.put("target", e.edge().target().fqn());
            row.put("type", t.type().name());
            row.put("subtype", t.subtype().name());
            row.put("masking", t.masking());
            row.put("first_seen", GraphRows.utc(e.firstSeen()));
            row.put("last_seen", GraphRows.utc(e.lastSeen()));
            row.put("last_job_id", e.lastJobId());
            row.put("fingerprints", e.fingerprints());
            row.put("through", through.get(i));
            (e.edge().target() instanceof ColumnRef ? feeds : influences).add(row);
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableFeed f : tableFeeds) {
            tables.add(Map.of("source", f.source(), "target", f.target(), "direct", f.direct(),
                    "last_seen", GraphRows.utc(f.lastSeen())));
        }
        try (Session session = driver.session()) {
            write(session, COMPOSED_FEEDS, feeds);
            write(session, COMPOSED_INFLUENCES, influences);
            write(session, COMPOSED_TABLE_FEEDS, tables);
        }
    }

    private static void write(Session session, String cypher, List<Map<String, Object>> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            session.executeWrite(tx -> tx.run(cypher, Map.of("rows", batch, "seq", LineageSequence.next(tx))).consume());
        }
    }

    private static StoredEdge stored(Record r) {
        ColumnRef source = column(r.get("source_table").asString(), r.get("source_path").asString());
        String targetTable = r.get("target_table").asString();
        LineageTarget target = r.get("target_label").asString().equals("Column")
                ? column(targetTable, r.get("target_path").asString()) : table(targetTable);
        Transformation t = new Transformation(Transformation.Type.valueOf(r.get("type").asString()),
                Transformation.Subtype.valueOf(r.get("subtype").asString()), r.get("masking").asBoolean());
        return new StoredEdge(new Edge(source, target, t), instant(r.get("first_seen")), instant(r.get("last_seen")),
                r.get("last_job_id").asString(""), r.get("fingerprints").asList(Value::asString));
    }

    private static Instant instant(Value v) {
        return ((ZonedDateTime) v.asObject()).toInstant();
    }

    /** A table by its fqn: datasets and table names hold no dots, a project may ({@code example.com:p}). */
    static TableRef table(String fqn) {
        return TableRef.parse(fqn).orElseThrow(() -> new IllegalArgumentException("not a table name: " + fqn));
    }

    private static ColumnRef column(String tableFqn, String path) {
        return new ColumnRef(table(tableFqn), Arrays.asList(path.split("\\.", -1)));
    }
}
