package dev.colineage.graph.plan;

import dev.colineage.graph.index.LineageIndex;
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

/**
 * Builds re-run plans from column-level lineage. From the changed columns it follows every lineage edge
 * downstream (DIRECT and INDIRECT, masked or not: a hash of changed data changes too); a table-wide
 * influence (a join key, a filter) affects all columns of its table. A table is in the plan when one of
 * its columns is reached, and it depends on the plan's tables whose reached columns feed it; a table
 * reading itself (an incremental MERGE) is no cycle, it runs once. Then {@link Waves} orders the plan.
 */
public final class RerunPlanner {

    /** The structure snapshot plans walk; reloaded when the graph's lineage changed. */
    private final dev.colineage.graph.index.LineageSnapshots snapshots;

    public RerunPlanner(Driver driver, Duration timeout) {
        Objects.requireNonNull(driver, "driver is null");
        // a plan checks the version every time: plans are rare, and must see the newest lineage
        this.snapshots = new dev.colineage.graph.index.LineageSnapshots(driver, timeout, Duration.ZERO);
    }

    /**
     * The plan for a change to these columns and tables.
     *
     * @throws IllegalArgumentException naming the columns and tables the graph does not have
     */
    public synchronized RerunPlan plan(Set<String> columns, Set<String> tables) {
        long start = System.nanoTime();
        LineageIndex idx = index();
        List<String> unknown = new ArrayList<>();
        new TreeSet<>(columns).stream().filter(c -> !idx.columnId.containsKey(c)).forEach(c -> unknown.add("column " + c));
        new TreeSet<>(tables).stream().filter(t -> !idx.tableId.containsKey(t)).forEach(t -> unknown.add("table " + t));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not in the lineage graph: " + String.join(", ", unknown));
        }
        boolean[] seen = new boolean[idx.columnName.length];
        boolean[] influenced = new boolean[idx.tableName.length];
        List<Integer> frontier = new ArrayList<>();
        for (String c : columns) {
            int id = idx.columnId.get(c);
            if (!seen[id]) {
                seen[id] = true;
                frontier.add(id);
            }
        }
        for (String t : tables) {
            int tid = idx.tableId.get(t);
            for (int k = idx.columnsStart[tid]; k < idx.columnsStart[tid + 1]; k++) {
                int c = idx.columnsOfTable[k];
                if (!seen[c]) {
                    seen[c] = true;
                    frontier.add(c);
                }
            }
        }
        int changedCount = frontier.size();
        Map<Integer, GraphEdge> reasonById = new LinkedHashMap<>();
        Map<Integer, Set<Integer>> dependsOnById = new HashMap<>();
        while (!frontier.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int c : frontier) {
                int fromTable = idx.tableOfColumn[c];
                for (int e = idx.edgeStart[c]; e < idx.edgeStart[c + 1]; e++) {
                    boolean wide = idx.edgeRelation[e] == LineageIndex.INFLUENCES;
                    int target = idx.edgeTarget[e];
                    int table = wide ? target : idx.tableOfColumn[target];
                    if (fromTable != table) {
                        // kept whatever the order of discovery; only the plan's tables count in the end
                        dependsOnById.computeIfAbsent(table, k -> new HashSet<>()).add(fromTable);
                    } else if (!reasonById.containsKey(table)) {
                        continue;   // a changed table feeding itself is no reason to re-run it
                    }
                    if (!reasonById.containsKey(table)) {
                        reasonById.put(table, new GraphEdge(idx.columnName[c], wide ? idx.tableName[target]
                                : idx.columnName[target], wide ? "INFLUENCES" : "FEEDS", idx.edgeType[e], idx.edgeSubtype[e],
                                idx.edgeMasking[e]));
                    }
                    if (wide) {
                        if (!influenced[table]) {
                            influenced[table] = true;
                            for (int k = idx.columnsStart[table]; k < idx.columnsStart[table + 1]; k++) {
                                int col = idx.columnsOfTable[k];
                                if (!seen[col]) {
                                    seen[col] = true;
                                    next.add(col);
                                }
                            }
                        }
                    } else if (!seen[target]) {
                        seen[target] = true;
                        next.add(target);
                    }
                }
            }
            frontier = next;
        }
        int reached = -changedCount;
        for (boolean b : seen) {
            reached += b ? 1 : 0;
        }
        Map<String, GraphEdge> reason = new LinkedHashMap<>();
        reasonById.forEach((t, e) -> reason.put(idx.tableName[t], e));
        Map<String, Set<String>> dependsOn = new HashMap<>();
        dependsOnById.forEach((t, from) -> {
            Set<String> names = new TreeSet<>();
            from.forEach(f -> names.add(idx.tableName[f]));
            dependsOn.put(idx.tableName[t], names);
        });
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
                reached, (System.nanoTime() - start) / 1_000_000);
    }

    private LineageIndex index() {
        return snapshots.current();
    }
}
