package dev.colineage.graph.plan;

import dev.colineage.graph.read.GraphEdge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.TransactionContext;

/**
 * Builds re-run plans from column-level lineage. From the changed columns it follows every lineage edge
 * downstream (DIRECT and INDIRECT, masked or not: a hash of changed data changes too); a table-wide
 * influence (a join key, a filter) affects all columns of its table. A table is in the plan when one of
 * its columns is reached, and it depends on the plan's tables whose reached columns feed it; a table
 * reading itself (an incremental MERGE) is no cycle, it runs once. Then {@link Waves} orders the plan.
 */
public final class RerunPlanner {

    /**
     * One level of the search. Nodes travel as element ids: a seek by id is cheaper than an index
     * lookup by name, and a plan for 10k tables expands ~100k columns.
     */
    private static final String STEP = """
            UNWIND $frontier AS f
            MATCH (c:Column) WHERE elementId(c) = f
            MATCH (c)-[r:FEEDS]->(d:Column)
            RETURN f AS from, elementId(d) AS to, d.fqn AS name, d.table_fqn AS table, 'FEEDS' AS relation,
                   r.type AS type, r.subtype AS subtype, r.masking AS masking
            UNION ALL
            UNWIND $frontier AS f
            MATCH (c:Column) WHERE elementId(c) = f
            MATCH (c)-[r:INFLUENCES]->(t:Table)
            RETURN f AS from, elementId(t) AS to, t.fqn AS name, t.fqn AS table, 'INFLUENCES' AS relation,
                   'INDIRECT' AS type, r.subtype AS subtype, r.masking AS masking
            """;
    private static final String COLUMNS_OF = """
            UNWIND $tables AS t
            MATCH (:Table {fqn: t})-[:HAS_COLUMN]->(c:Column)
            RETURN t AS table, c.fqn AS column, elementId(c) AS id
            """;

    private final Driver driver;
    private final TransactionConfig tx;

    public RerunPlanner(Driver driver, Duration timeout) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /**
     * The plan for a change to these columns and tables.
     *
     * @throws IllegalArgumentException naming the columns and tables the graph does not have
     */
    public RerunPlan plan(Set<String> columns, Set<String> tables) {
        long start = System.nanoTime();
        try (Session session = driver.session()) {
            return session.executeRead(t -> plan(t, columns, tables, start), tx);
        }
    }

    private RerunPlan plan(TransactionContext t, Set<String> columns, Set<String> tables, long start) {
        List<String> unknown = new ArrayList<>();
        for (String c : new TreeSet<>(columns)) {
            if (t.run("MATCH (c:Column {fqn: $fqn}) RETURN count(c) AS n", Map.of("fqn", c)).single().get("n").asInt() == 0) {
                unknown.add("column " + c);
            }
        }
        for (String tb : new TreeSet<>(tables)) {
            if (t.run("MATCH (x:Table {fqn: $fqn}) RETURN count(x) AS n", Map.of("fqn", tb)).single().get("n").asInt() == 0) {
                unknown.add("table " + tb);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not in the lineage graph: " + String.join(", ", unknown));
        }
        Set<String> changed = new HashSet<>(columns);
        for (Record r : t.run(COLUMNS_OF, Map.of("tables", List.copyOf(tables))).list()) {
            changed.add(r.get("column").asString());
        }
        // element id -> name and table of every column met
        Map<String, String> nameOf = new HashMap<>();
        Map<String, String> tableOf = new HashMap<>();
        List<String> frontier = new ArrayList<>();
        for (Record r : t.run("UNWIND $cols AS c MATCH (x:Column {fqn: c}) RETURN elementId(x) AS id, c, x.table_fqn AS table",
                Map.of("cols", List.copyOf(changed))).list()) {
            String id = r.get("id").asString();
            nameOf.put(id, r.get("c").asString());
            tableOf.put(id, r.get("table").asString());
            frontier.add(id);
        }
        Set<String> seenColumns = new HashSet<>(frontier);
        Set<String> influenced = new HashSet<>();
        Map<String, GraphEdge> reason = new LinkedHashMap<>();
        Map<String, Set<String>> dependsOn = new HashMap<>();
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            List<String> newlyInfluenced = new ArrayList<>();
            for (Record r : t.run(STEP, Map.of("frontier", frontier)).list()) {
                String from = r.get("from").asString();
                String to = r.get("to").asString();
                String table = r.get("table").asString();
                boolean wide = r.get("relation").asString().equals("INFLUENCES");
                String fromTable = tableOf.get(from);
                if (fromTable != null && !fromTable.equals(table)) {
                    // kept whatever the order of discovery; only the plan's tables count in the end
                    dependsOn.computeIfAbsent(table, k -> new TreeSet<>()).add(fromTable);
                }
                if (fromTable != null && fromTable.equals(table) && !reason.containsKey(table)) {
                    continue;   // a changed table feeding itself is no reason to re-run it
                }
                String name = r.get("name").asString();
                reason.computeIfAbsent(table, k -> new GraphEdge(nameOf.get(from), name, r.get("relation").asString(),
                        r.get("type").asString(), r.get("subtype").asString(), r.get("masking").asBoolean(false)));
                if (wide) {
                    if (influenced.add(table)) {
                        newlyInfluenced.add(table);
                    }
                } else if (seenColumns.add(to)) {
                    nameOf.put(to, name);
                    tableOf.put(to, table);
                    next.add(to);
                }
            }
            if (!newlyInfluenced.isEmpty()) {
                for (Record r : t.run(COLUMNS_OF, Map.of("tables", newlyInfluenced)).list()) {
                    String id = r.get("id").asString();
                    if (seenColumns.add(id)) {
                        nameOf.put(id, r.get("column").asString());
                        tableOf.put(id, r.get("table").asString());
                        next.add(id);
                    }
                }
            }
            frontier = next;
        }
        // changed tables are not re-run by the plan: they are what changed
        Set<String> affected = new TreeSet<>(reason.keySet());
        affected.removeAll(tables);
        Map<String, Set<String>> deps = new HashMap<>();
        for (String a : affected) {
            Set<String> d = new TreeSet<>(dependsOn.getOrDefault(a, Set.of()));
            d.retainAll(affected);
            d.remove(a);
            deps.put(a, d);
        }
        Waves waves = Waves.of(affected, deps);
        Map<String, Integer> waveOf = new HashMap<>();
        for (int w = 0; w < waves.waves().size(); w++) {
            for (String table : waves.waves().get(w)) {
                waveOf.put(table, w);
            }
        }
        List<PlannedTable> planned = new ArrayList<>();
        for (String a : affected) {
            planned.add(new PlannedTable(a, waveOf.getOrDefault(a, -1), reason.get(a), List.copyOf(deps.get(a))));
        }
        planned.sort(Comparator.comparingInt((PlannedTable p) -> p.wave() < 0 ? Integer.MAX_VALUE : p.wave())
                .thenComparing(PlannedTable::table));
        return new RerunPlan(new TreeSet<>(columns), new TreeSet<>(tables), planned, waves.waves(), waves.cycles(),
                seenColumns.size() - changed.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
