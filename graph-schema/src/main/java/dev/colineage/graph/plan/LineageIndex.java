package dev.colineage.graph.plan;

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
final class LineageIndex {

    static final byte FEEDS = 0;
    static final byte INFLUENCES = 1;

    final String version;
    final String[] columnName;
    final int[] tableOfColumn;
    final String[] tableName;
    final Map<String, Integer> columnId;
    final Map<String, Integer> tableId;
    /** Out-edges per column: targets are column ids (FEEDS) or table ids (INFLUENCES). */
    final int[] edgeStart;
    final int[] edgeTarget;
    final byte[] edgeRelation;
    final String[] edgeType;
    final String[] edgeSubtype;
    final boolean[] edgeMasking;
    /** Columns per table. */
    final int[] columnsStart;
    final int[] columnsOfTable;

    private LineageIndex(String version, String[] columnName, int[] tableOfColumn, String[] tableName,
                         Map<String, Integer> columnId, Map<String, Integer> tableId, int[] edgeStart, int[] edgeTarget,
                         byte[] edgeRelation, String[] edgeType, String[] edgeSubtype, boolean[] edgeMasking,
                         int[] columnsStart, int[] columnsOfTable) {
        this.version = version;
        this.columnName = columnName;
        this.tableOfColumn = tableOfColumn;
        this.tableName = tableName;
        this.columnId = columnId;
        this.tableId = tableId;
        this.edgeStart = edgeStart;
        this.edgeTarget = edgeTarget;
        this.edgeRelation = edgeRelation;
        this.edgeType = edgeType;
        this.edgeSubtype = edgeSubtype;
        this.edgeMasking = edgeMasking;
        this.columnsStart = columnsStart;
        this.columnsOfTable = columnsOfTable;
    }

    static String version(TransactionContext tx) {
        return tx.run("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:HAS_COLUMN]->() RETURN count(r) AS n").single().get("n").asLong();
    }

    static LineageIndex load(TransactionContext tx) {
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
        for (Record r : tx.run("MATCH (a:Column)-[f:FEEDS]->(b:Column) RETURN id(a) AS a, id(b) AS b, f.type AS type, "
                + "f.subtype AS subtype, f.masking AS masking").list()) {
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer b = byNodeId.get(r.get("b").asLong());
            if (a != null && b != null) {
                edges.add(new int[]{a, b, FEEDS});
                props.add(new String[]{r.get("type").asString(), r.get("subtype").asString()});
                masks.add(r.get("masking").asBoolean(false));
            }
        }
        for (Record r : tx.run("MATCH (a:Column)-[f:INFLUENCES]->(t:Table) RETURN id(a) AS a, t.fqn AS t, "
                + "f.subtype AS subtype, f.masking AS masking").list()) {
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer t = tableId.get(r.get("t").asString());
            if (a != null && t != null) {
                edges.add(new int[]{a, t, INFLUENCES});
                props.add(new String[]{"INDIRECT", r.get("subtype").asString()});
                masks.add(r.get("masking").asBoolean(false));
            }
        }
        int[] start = new int[n + 1];
        edges.forEach(e -> start[e[0] + 1]++);
        for (int i = 0; i < n; i++) {
            start[i + 1] += start[i];
        }
        int m = edges.size();
        int[] target = new int[m];
        byte[] relation = new byte[m];
        String[] type = new String[m];
        String[] subtype = new String[m];
        boolean[] masking = new boolean[m];
        int[] fill = Arrays.copyOf(start, n);
        for (int i = 0; i < m; i++) {
            int[] e = edges.get(i);
            int at = fill[e[0]]++;
            target[at] = e[1];
            relation[at] = (byte) e[2];
            type[at] = props.get(i)[0];
            subtype[at] = props.get(i)[1];
            masking[at] = masks.get(i);
        }
        int[] cStart = new int[tables.size() + 1];
        tableOf.forEach(t -> cStart[t + 1]++);
        for (int i = 0; i < tables.size(); i++) {
            cStart[i + 1] += cStart[i];
        }
        int[] cOf = new int[n];
        int[] cFill = Arrays.copyOf(cStart, tables.size());
        for (int c = 0; c < n; c++) {
            cOf[cFill[tableOf.get(c)]++] = c;
        }
        Map<String, Integer> columnId = new HashMap<>(n * 2);
        for (int c = 0; c < n; c++) {
            columnId.put(columns.get(c), c);
        }
        return new LineageIndex(version, columns.toArray(String[]::new), tableOf.stream().mapToInt(Integer::intValue).toArray(),
                tables.toArray(String[]::new), columnId, tableId, start, target, relation, type, subtype, masking, cStart, cOf);
    }
}
