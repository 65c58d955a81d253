package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The stamped changes read from a database of this process, in one of its transactions: the same rows as
 * {@link BoltChanges} without the driver's cost per record (the embedded store's refresh, as its full load).
 */
final class LocalChanges implements StoredChanges {

    private final Transaction tx;

    LocalChanges(Transaction tx) {
        this.tx = Objects.requireNonNull(tx, "tx is null");
    }

    /** The lineage sequence number and the last removal's number, as {@link dev.colineage.graph.write.LineageSequence#read}. */
    long[] sequence() {
        Node s = tx.findNode(org.neo4j.graphdb.Label.label("LineageSequence"), "name", dev.colineage.graph.write.LineageSequence.NAME);
        return s == null ? new long[]{0, 0}
                : new long[]{((Number) s.getProperty("value", 0L)).longValue(), ((Number) s.getProperty("removed", 0L)).longValue()};
    }

    @Override
    public Optional<List<EdgeRow>> edges(long since, int max) {
        List<EdgeRow> rows = new ArrayList<>();
        for (EdgeKind kind : EdgeKind.values()) {
            try (Result r = tx.execute("MATCH ()-[f:" + kind.name() + "]->() WHERE f.seq > $since RETURN f", Map.of("since", since))) {
                while (r.hasNext()) {
                    if (rows.size() == max) {
                        return Optional.empty();
                    }
                    Relationship f = (Relationship) r.next().get("f");
                    rows.add(new EdgeRow(kind, (String) f.getStartNode().getProperty("fqn"), (String) f.getEndNode().getProperty("fqn"),
                            Transformation.Subtype.valueOf((String) f.getProperty("subtype")), (Boolean) f.getProperty("masking", false),
                            Arrays.asList((String[]) f.getProperty("fingerprints", new String[0]))));
                }
            }
        }
        return Optional.of(rows);
    }

    @Override
    public List<ColumnRow> columns(long since) {
        List<ColumnRow> rows = new ArrayList<>();
        try (Result r = tx.execute("MATCH (c:Column) WHERE c.seq > $since MATCH (t:Table)-[:HAS_COLUMN]->(c) RETURN t, c",
                Map.of("since", since))) {
            while (r.hasNext()) {
                Map<String, Object> row = r.next();
                Node t = (Node) row.get("t");
                Node c = (Node) row.get("c");
                Object tags = c.getProperty("tags", null);
                rows.add(new ColumnRow((String) t.getProperty("fqn"), (String) t.getProperty("kind", ""), (String) c.getProperty("fqn"),
                        Optional.ofNullable((String) c.getProperty("policy_tag", null)),
                        tags instanceof String[] a ? Arrays.asList(a) : List.of()));
            }
        }
        return rows;
    }

    @Override
    public List<QueryRow> queries(long since) {
        List<QueryRow> rows = new ArrayList<>();
        try (Result r = tx.execute("MATCH (q:Query) WHERE q.seq > $since RETURN q", Map.of("since", since))) {
            while (r.hasNext()) {
                Node q = (Node) r.next().get("q");
                rows.add(new QueryRow(LineageGraph.querySummary(q), LineageGraph.activity(q)));
            }
        }
        return rows;
    }

    @Override
    public String version() {
        return count("MATCH (q:Query) RETURN count(q) AS n") + "/" + count("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n") + "/"
                + count("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n") + "/" + count("MATCH ()-[r:HAS_COLUMN]->() RETURN count(r) AS n");
    }

    @Override
    public long storedEdges() {
        return count("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n") + count("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n");
    }

    private long count(String cypher) {
        try (Result r = tx.execute(cypher)) {
            return ((Number) r.next().get("n")).longValue();
        }
    }
}
