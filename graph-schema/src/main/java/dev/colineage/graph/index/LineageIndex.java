package dev.colineage.graph.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * The column graph's structure in memory, in compressed adjacency arrays: which columns each column
 * feeds, which tables it influences, which columns each table has. Re-run plans walk tens of thousands
 * of columns; over Cypher that costs ~40 µs a column (measured), in memory well under one. A snapshot is
 * taken with its {@link #version} (the counts of lineage relationships, read from Neo4j's count store)
 * and reused until the version changes: writers only ever add relationships, so new lineage changes a
 * count.
 */
public final class LineageIndex {

    public static final byte FEEDS = 0;
    public static final byte INFLUENCES = 1;

    public final String version;
    public final String[] columnName;
    public final int[] tableOfColumn;
    public final String[] tableName;
    public final Map<String, Integer> columnId;
    public final Map<String, Integer> tableId;
    /** Out-edges per column: targets are column ids (FEEDS) or table ids (INFLUENCES). */
    public final int[] edgeStart;
    public final int[] edgeTarget;
    public final byte[] edgeRelation;
    public final String[] edgeType;
    public final String[] edgeSubtype;
    public final boolean[] edgeMasking;
    /** The queries behind each out-edge. */
    public final String[][] edgeFingerprints;
    /** In-edges per column (FEEDS, sources are column ids) and per table (INFLUENCES, sources are column ids): edge indexes. */
    public final int[] feedsInStart;
    public final int[] feedsIn;
    public final int[] influencesInStart;
    public final int[] influencesIn;
    /** The column an out-edge starts from. */
    public final int[] edgeSource;
    /**
     * Each query's summary by fingerprint: statement_type, last_seen, last_job_id, run_count, users (what
     * an impact answer lists for the queries behind its edges).
     */
    public final Map<String, Map<String, Object>> queries;
    /** Columns per table. */
    public final int[] columnsStart;
    public final int[] columnsOfTable;

    private LineageIndex(Builder b) {
        this.version = b.version;
        this.columnName = b.columnName;
        this.tableOfColumn = b.tableOfColumn;
        this.tableName = b.tableName;
        this.columnId = b.columnId;
        this.tableId = b.tableId;
        this.edgeStart = b.edgeStart;
        this.edgeTarget = b.edgeTarget;
        this.edgeRelation = b.edgeRelation;
        this.edgeType = b.edgeType;
        this.edgeSubtype = b.edgeSubtype;
        this.edgeMasking = b.edgeMasking;
        this.edgeFingerprints = b.edgeFingerprints;
        this.feedsInStart = b.feedsInStart;
        this.feedsIn = b.feedsIn;
        this.influencesInStart = b.influencesInStart;
        this.influencesIn = b.influencesIn;
        this.edgeSource = b.edgeSource;
        this.columnsStart = b.columnsStart;
        this.columnsOfTable = b.columnsOfTable;
        this.queries = b.queries;
    }

    /** The arrays while they are filled. */
    private static final class Builder {
        String version;
        String[] columnName;
        int[] tableOfColumn;
        String[] tableName;
        Map<String, Integer> columnId;
        Map<String, Integer> tableId;
        int[] edgeStart;
        int[] edgeTarget;
        byte[] edgeRelation;
        String[] edgeType;
        String[] edgeSubtype;
        boolean[] edgeMasking;
        String[][] edgeFingerprints;
        int[] feedsInStart;
        int[] feedsIn;
        int[] influencesInStart;
        int[] influencesIn;
        int[] edgeSource;
        int[] columnsStart;
        int[] columnsOfTable;
        Map<String, Map<String, Object>> queries;
    }

    /**
     * Relationship counts (lineage only grows) and the number of extraction runs (each run may change the
     * queries' last run and counts): all read from Neo4j's count store, so checking costs next to nothing.
     */
    public static String version(TransactionContext tx) {
        return tx.run("MATCH (r:ExtractionRun) RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH (q:Query) RETURN count(q) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:HAS_COLUMN]->() RETURN count(r) AS n").single().get("n").asLong();
    }

    public static LineageIndex load(TransactionContext tx) {
        String version = version(tx);
        Map<String, Integer> tableId = new HashMap<>();
        List<String> tables = new ArrayList<>();
        Map<Long, Integer> byNodeId = new HashMap<>();
        List<String> columns = new ArrayList<>();
        List<Integer> tableOf = new ArrayList<>();
        // internal ids travel as numbers: far less to send than names for half a million edges
        for (Record r : tx.run("MATCH (t:Table)-[:HAS_COLUMN]->(c:Column) RETURN t.fqn AS t, id(c) AS id, c.fqn AS c").list()) {
            int t = tableId.computeIfAbsent(r.get("t").asString(), k -> {
                tables.add(k);
                return tables.size() - 1;
            });
            byNodeId.put(r.get("id").asLong(), columns.size());
            columns.add(r.get("c").asString());
            tableOf.add(t);
        }
        int n = columns.size();
        List<int[]> edges = new ArrayList<>();
        List<String[]> props = new ArrayList<>();
        List<Boolean> masks = new ArrayList<>();
        List<String[]> fingerprints = new ArrayList<>();
        for (Record r : tx.run("MATCH (a:Column)-[f:FEEDS]->(b:Column) RETURN id(a) AS a, id(b) AS b, f.type AS type, "
                + "f.subtype AS subtype, f.masking AS masking, f.fingerprints AS fps").list()) {
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer b = byNodeId.get(r.get("b").asLong());
            if (a != null && b != null) {
                edges.add(new int[]{a, b, FEEDS});
                props.add(new String[]{r.get("type").asString(), r.get("subtype").asString()});
                masks.add(r.get("masking").asBoolean(false));
                fingerprints.add(r.get("fps").isNull() ? new String[0] : r.get("fps").asList(v -> v.asString()).toArray(String[]::new));
            }
        }
        for (Record r : tx.run("MATCH (a:Column)-[f:INFLUENCES]->(t:Table) RETURN id(a) AS a, t.fqn AS t, "
                + "f.subtype AS subtype, f.masking AS masking, f.fingerprints AS fps").list()) {
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer t = tableId.get(r.get("t").asString());
            if (a != null && t != null) {
                edges.add(new int[]{a, t, INFLUENCES});
                props.add(new String[]{"INDIRECT", r.get("subtype").asString()});
                masks.add(r.get("masking").asBoolean(false));
                fingerprints.add(r.get("fps").isNull() ? new String[0] : r.get("fps").asList(v -> v.asString()).toArray(String[]::new));
            }
        }
        Builder b = new Builder();
        b.version = version;
        b.queries = new HashMap<>();
        for (Record r : tx.run("""
                MATCH (q:Query)
                RETURN q.fingerprint AS fingerprint, q.statement_type AS statement_type, toString(q.last_seen) AS last_seen,
                       q.last_job_id AS last_job_id, q.run_count AS run_count, q.users AS users""").list()) {
            Map<String, Object> q = new java.util.LinkedHashMap<>();
            for (String k : r.keys()) {
                q.put(k, r.get(k).isNull() ? null : r.get(k).asObject());
            }
            b.queries.put(r.get("fingerprint").asString(), java.util.Collections.unmodifiableMap(q));
        }
        int m = edges.size();
        b.edgeStart = new int[n + 1];
        edges.forEach(e -> b.edgeStart[e[0] + 1]++);
        for (int i = 0; i < n; i++) {
            b.edgeStart[i + 1] += b.edgeStart[i];
        }
        b.edgeTarget = new int[m];
        b.edgeSource = new int[m];
        b.edgeRelation = new byte[m];
        b.edgeType = new String[m];
        b.edgeSubtype = new String[m];
        b.edgeMasking = new boolean[m];
        b.edgeFingerprints = new String[m][];
        int[] fill = Arrays.copyOf(b.edgeStart, n);
        for (int i = 0; i < m; i++) {
            int[] e = edges.get(i);
            int at = fill[e[0]]++;
            b.edgeSource[at] = e[0];
            b.edgeTarget[at] = e[1];
            b.edgeRelation[at] = (byte) e[2];
            b.edgeType[at] = props.get(i)[0];
            b.edgeSubtype[at] = props.get(i)[1];
            b.edgeMasking[at] = masks.get(i);
            b.edgeFingerprints[at] = fingerprints.get(i);
        }
        // in-edges, as indexes into the out-edge arrays
        b.feedsInStart = new int[n + 1];
        b.influencesInStart = new int[tables.size() + 1];
        for (int e = 0; e < m; e++) {
            if (b.edgeRelation[e] == FEEDS) {
                b.feedsInStart[b.edgeTarget[e] + 1]++;
            } else {
                b.influencesInStart[b.edgeTarget[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            b.feedsInStart[i + 1] += b.feedsInStart[i];
        }
        for (int i = 0; i < tables.size(); i++) {
            b.influencesInStart[i + 1] += b.influencesInStart[i];
        }
        b.feedsIn = new int[b.feedsInStart[n]];
        b.influencesIn = new int[b.influencesInStart[tables.size()]];
        int[] fFill = Arrays.copyOf(b.feedsInStart, n);
        int[] iFill = Arrays.copyOf(b.influencesInStart, tables.size());
        for (int e = 0; e < m; e++) {
            if (b.edgeRelation[e] == FEEDS) {
                b.feedsIn[fFill[b.edgeTarget[e]]++] = e;
            } else {
                b.influencesIn[iFill[b.edgeTarget[e]]++] = e;
            }
        }
        b.columnsStart = new int[tables.size() + 1];
        tableOf.forEach(t -> b.columnsStart[t + 1]++);
        for (int i = 0; i < tables.size(); i++) {
            b.columnsStart[i + 1] += b.columnsStart[i];
        }
        b.columnsOfTable = new int[n];
        int[] cFill = Arrays.copyOf(b.columnsStart, tables.size());
        for (int c = 0; c < n; c++) {
            b.columnsOfTable[cFill[tableOf.get(c)]++] = c;
        }
        b.columnId = new HashMap<>(n * 2);
        for (int c = 0; c < n; c++) {
            b.columnId.put(columns.get(c), c);
        }
        b.columnName = columns.toArray(String[]::new);
        b.tableOfColumn = tableOf.stream().mapToInt(Integer::intValue).toArray();
        b.tableName = tables.toArray(String[]::new);
        b.tableId = tableId;
        return new LineageIndex(b);
    }
}
