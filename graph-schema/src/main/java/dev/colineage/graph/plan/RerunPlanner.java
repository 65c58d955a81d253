package dev.colineage.graph.plan;

import dev.colineage.graph.memory.EdgeKind;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.memory.LineageWalker;
import dev.colineage.graph.memory.StepPolicy;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import java.util.OptionalInt;
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

/**
 * Builds re-run plans from column-level lineage. From the changed columns it follows every lineage edge
 * downstream (DIRECT and INDIRECT, masked or not: a hash of changed data changes too); a table-wide
 * influence (a join key, a filter) affects all columns of its table. A table is in the plan when one of
 * its columns is reached, and it depends on the plan's tables whose reached columns feed it; a table
 * reading itself (an incremental MERGE) is no cycle, it runs once. Then {@link Waves} orders the plan.
 */
public final class RerunPlanner {

    /** The process's read model; a plan reads it fresh (plans are rare, and must see the newest lineage). */
    private final LineageGraphs graphs;

    public RerunPlanner(LineageGraphs graphs) {
        this.graphs = Objects.requireNonNull(graphs, "graphs is null");
    }

    /**
     * The plan for a change to these columns and tables.
     *
     * @throws IllegalArgumentException naming the columns and tables the graph does not have
     */
    public RerunPlan plan(Set<String> columns, Set<String> tables) {
        return plan(columns, tables, dev.colineage.graph.read.LineageTime.current());
    }

    /** The plan over the lineage of {@code time}: the current lineage, as of an instant, or every edge ever seen. */
    public RerunPlan plan(Set<String> columns, Set<String> tables, dev.colineage.graph.read.LineageTime time) {
        long start = System.nanoTime();
        LineageGraph g = graphs.fresh();
        List<String> unknown = new ArrayList<>();
        new TreeSet<>(columns).stream().filter(c -> g.column(c).isEmpty()).forEach(c -> unknown.add("column " + c));
        new TreeSet<>(tables).stream().filter(t -> g.table(t).isEmpty()).forEach(t -> unknown.add("table " + t));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not in the lineage graph: " + String.join(", ", unknown));
        }
        Set<Integer> starts = new java.util.LinkedHashSet<>();
        columns.forEach(c -> starts.add(g.column(c).getAsInt()));
        for (String t : tables) {
            int tid = g.table(t).getAsInt();
            for (int k = 0; k < g.columnsOf(tid); k++) {
                starts.add(g.columnOfTable(tid, k));
            }
        }
        Closure closure = new Closure(g, time);
        LineageWalker.walk(g, starts.stream().mapToInt(Integer::intValue).toArray(), Direction.DOWNSTREAM, closure,
                OptionalInt.empty(), closure::visit);
        int changedCount = starts.size();
        Map<Integer, GraphEdge> reasonById = closure.reason;
        Map<Integer, Set<Integer>> dependsOnById = closure.dependsOn;
        int reached = closure.reachedColumns;
        Map<String, GraphEdge> reason = new LinkedHashMap<>();
        reasonById.forEach((t, e) -> reason.put(g.tableName(t), e));
        Map<String, Set<String>> dependsOn = new HashMap<>();
        dependsOnById.forEach((t, from) -> {
            Set<String> names = new TreeSet<>();
            from.forEach(f -> names.add(g.tableName(f)));
            dependsOn.put(g.tableName(t), names);
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

    /**
     * The re-run closure as a policy of the walk: every edge, except an edge of a changed table into
     * itself while nothing else brought the change into it (a changed table feeding itself is no reason to
     * re-run it). Tables depend on the tables whose reached columns feed them; the first edge into a table
     * is its reason.
     */
    private static final class Closure implements StepPolicy {
        private final LineageGraph g;
        final Map<Integer, GraphEdge> reason = new LinkedHashMap<>();
        /** Tables with a reason, by id: asked for every edge, so no boxed lookup. */
        private final boolean[] hasReason;
        final Map<Integer, Set<Integer>> dependsOn = new HashMap<>();
        int reachedColumns;

        private final dev.colineage.graph.read.LineageTime time;

        Closure(LineageGraph g, dev.colineage.graph.read.LineageTime time) {
            this.g = g;
            this.time = time;
            this.hasReason = new boolean[g.tableCount()];
        }

        private int targetTable(int e) {
            return g.kind(e) == EdgeKind.INFLUENCES ? g.target(e) : g.tableOf(g.target(e));
        }

        @Override
        public dev.colineage.graph.read.LineageTime time() {
            return time;
        }

        @Override
        public boolean takes(LineageGraph graph, int e) {
            int table = targetTable(e);
            return g.tableOf(g.source(e)) != table || hasReason[table];
        }

        boolean visit(LineageWalker.Move m) {
            if (m.step() != LineageWalker.Step.INFLUENCED_TABLE && m.first()) {
                reachedColumns++;
            }
            if (m.edge() < 0) {
                return true;
            }
            int e = m.edge();
            int fromTable = g.tableOf(g.source(e));
            int table = targetTable(e);
            if (fromTable != table) {
                // kept whatever the order of discovery; only the plan's tables count in the end
                dependsOn.computeIfAbsent(table, k -> new HashSet<>()).add(fromTable);
            }
            if (hasReason[table]) {
                return true;
            }
            hasReason[table] = true;
            reason.put(table, g.graphEdge(e));
            return true;
        }
    }
}
