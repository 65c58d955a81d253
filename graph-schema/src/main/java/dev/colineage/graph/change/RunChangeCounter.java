package dev.colineage.graph.change;

import dev.colineage.graph.memory.Lifetimes;
import dev.colineage.graph.memory.QueryActivity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lineage changes an extraction run caused: the current state of every query taken before the run
 * writes, compared with the state after. Lifetimes are derived from stored aggregates, so a run can make a
 * query current (new, or running again), or retire others (a supersession, a drop, or silence now longer
 * than the activity window because the newest job moved on); an edge changes when the first of its queries
 * becomes current or the last one retires.
 */
public final class RunChangeCounter {

    private final LineageHistoryStore store;
    private final Duration activeWindow;
    private final Lifetimes before;
    private final Set<String> knownBefore;

    private RunChangeCounter(LineageHistoryStore store, Duration activeWindow, Lifetimes before, Set<String> knownBefore) {
        this.store = store;
        this.activeWindow = activeWindow;
        this.before = before;
        this.knownBefore = knownBefore;
    }

    /** The state before a run writes. */
    public static RunChangeCounter before(LineageHistoryStore store, Duration activeWindow) {
        Objects.requireNonNull(store, "store is null");
        List<QueryActivity> activities = store.activities();
        Set<String> known = new HashSet<>();
        activities.forEach(a -> known.add(a.fingerprint()));
        return new RunChangeCounter(store, activeWindow, Lifetimes.of(activities, activeWindow), known);
    }

    /** An empty graph before the run (a first load). */
    public static RunChangeCounter empty(LineageHistoryStore store, Duration activeWindow) {
        return new RunChangeCounter(store, activeWindow, Lifetimes.of(List.of(), activeWindow), Set.of());
    }

    /** The changes, as the run report's counters ({@code lineage_*}), comparing with the graph now. */
    public Map<String, Long> after() {
        List<QueryActivity> activities = store.activities();
        Lifetimes now = Lifetimes.of(activities, activeWindow);
        Map<String, Long> out = new TreeMap<>();
        for (String name : List.of("lineage_queries_new", "lineage_queries_new_retired", "lineage_queries_resumed", "lineage_queries_superseded",
                "lineage_queries_dropped", "lineage_queries_inactive", "lineage_edges_became_current", "lineage_edges_retired")) {
            out.put(name, 0L);
        }
        Set<String> flipped = new HashSet<>();
        for (QueryActivity q : activities) {
            String fp = q.fingerprint();
            boolean was = wasCurrent(fp);
            boolean is = now.current(fp);
            if (!knownBefore.contains(fp) && !is) {
                // first seen in this run, already retired (a long history loaded at once): never current
                out.merge("lineage_queries_new_retired", 1L, Long::sum);
                continue;
            }
            if (was == is) {
                continue;
            }
            flipped.add(fp);
            List<Lifetimes.Interval> life = now.of(fp);
            Lifetimes.Interval last = life.get(life.size() - 1);
            String key = is ? (!knownBefore.contains(fp) ? "lineage_queries_new" : "lineage_queries_resumed")
                    : "lineage_queries_" + last.ended().orElseThrow().name().toLowerCase(java.util.Locale.ROOT);
            out.merge(key, 1L, Long::sum);
        }
        for (List<String> edge : store.edgesOf(flipped)) {
            boolean was = edge.stream().anyMatch(this::wasCurrent);
            boolean is = edge.stream().anyMatch(now::current);
            if (was != is) {
                out.merge(is ? "lineage_edges_became_current" : "lineage_edges_retired", 1L, Long::sum);
            }
        }
        return out;
    }

    private boolean wasCurrent(String fingerprint) {
        return knownBefore.contains(fingerprint) && before.current(fingerprint);
    }
}
