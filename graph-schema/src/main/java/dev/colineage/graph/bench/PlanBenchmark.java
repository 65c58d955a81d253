package dev.colineage.graph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.graph.plan.RerunPlan;
import dev.colineage.graph.plan.RerunPlanner;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code colineage bench plan}: a synthetic warehouse of ~20k tables bulk-loaded into a fresh embedded
 * Neo4j, then re-run plans for a change to the most widely read raw columns (the id of the most popular
 * raw table, and others). Prints each plan's size and time and, last, one JSON line for the largest.
 */
public final class PlanBenchmark {

    private PlanBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) {
        int tables = 20_000;
        int repeat = 9;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            if (args.get(i).equals("--tables")) {
                tables = Integer.parseInt(args.get(i + 1));
            } else if (args.get(i).equals("--repeat")) {
                repeat = Integer.parseInt(args.get(i + 1));
            } else {
                throw new IllegalArgumentException("unknown option " + args.get(i) + " (known: --tables, --repeat)");
            }
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat is at least 1");
        }
        try (LoadedWarehouse loaded = LoadedWarehouse.planSized(tables, "colineage-bench-plan", out)) {
            SyntheticWarehouse warehouse = loaded.warehouse;
            GraphStore store = loaded.store;
            dev.colineage.graph.memory.LineageGraphs graphs = new dev.colineage.graph.memory.LineageGraphs(store.driver(),
                    Duration.ofSeconds(60), Duration.ZERO);
            RerunPlanner planner = new RerunPlanner(graphs);
            List<String> changes = new ArrayList<>();
            warehouse.upstreamColumns().stream().limit(3).forEach(c -> changes.add(c.fqn()));
            long w = System.nanoTime();
            planner.plan(Set.of(changes.get(1)), Set.of());
            out.printf("first plan, loading the lineage snapshot (%d ms): later plans reuse it until lineage changes%n",
                    (System.nanoTime() - w) / 1_000_000);
            RerunPlan largest = null;
            long largestMillis = 0;
            List<Set<String>[]> cases = new ArrayList<>();
            for (String change : changes) {
                @SuppressWarnings("unchecked") Set<String>[] c = new Set[]{Set.of(change), Set.of()};
                cases.add(c);
            }
            // failed tables: the most read raw tables, all their columns changed
            // a small warehouse (--tables) has raw tables no query reads: the graph does not know those
            List<String> raw = warehouse.upstreamColumns().stream().map(c -> c.table().fqn()).distinct()
                    .filter(t -> graphs.current().table(t).isPresent()).limit(300).toList();
            for (int k : new int[]{1, 10, Math.min(300, raw.size())}) {
                @SuppressWarnings("unchecked") Set<String>[] c = new Set[]{Set.of(), Set.copyOf(raw.subList(0, k))};
                cases.add(c);
            }
            for (Set<String>[] change : cases) {
                long s = System.nanoTime();
                RerunPlan plan = planner.plan(change[0], change[1]);
                long ms = (System.nanoTime() - s) / 1_000_000;
                String what = change[0].isEmpty() ? change[1].size() + " failed raw table(s)" : "change to " + change[0].iterator().next();
                out.printf("%s: %d tables affected (%d columns) in %d waves, %d cycles; plan in %d ms%n", what,
                        plan.tables().size(), plan.columns(), plan.waves().size(), plan.cycles().size(), ms);
                if (largest == null || plan.tables().size() > largest.tables().size()) {
                    largest = plan;
                    largestMillis = ms;
                }
            }
            // one plan is one timing on a noisy machine: the largest case again, repeat times, gives a median
            Set<String>[] largestCase = cases.get(cases.size() - 1);
            long[] times = LoadedWarehouse.timed(repeat, () -> planner.plan(largestCase[0], largestCase[1]));
            out.printf("the largest plan %d more times: median %.1f ms, min %.1f ms, max %.1f ms%n", repeat, times[repeat / 2] / 1e3,
                    times[0] / 1e3, times[repeat - 1] / 1e3);
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("affected_tables", largest.tables().size());
            last.put("waves", largest.waves().size());
            last.put("plan_ms", largestMillis);
            last.put("repeat", repeat);
            last.put("median_ms", times[repeat / 2] / 1e3);
            last.put("min_ms", times[0] / 1e3);
            last.put("max_ms", times[repeat - 1] / 1e3);
            out.println(new ObjectMapper().writeValueAsString(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
