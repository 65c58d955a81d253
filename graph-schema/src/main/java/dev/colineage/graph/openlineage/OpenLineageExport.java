package dev.colineage.graph.openlineage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The graph's query runs of an interval as OpenLineage run events, one per run, by time: read a day at a time,
 * each distinct query's job and datasets made once and shared by its runs. Runs of queries taken in from
 * OpenLineage are not given back.
 */
public final class OpenLineageExport {

    /** Queries whose events are kept made; past this many the memo starts again (an export of a long history). */
    private static final int MEMO = 20_000;

    private final QueryRunStore store;
    private final Map<String, QueryEvents> made = new HashMap<>();

    public OpenLineageExport(QueryRunStore store) {
        this.store = Objects.requireNonNull(store, "store is null");
    }

    /** How many events {@code [since, until)} holds. */
    public long count(Instant since, Instant until) {
        return store.days(since, until).stream().mapToLong(RunsOnDay::runs).sum();
    }

    /**
     * Hands the events of {@code [since, until)} from the {@code offset}-th, at most {@code limit}, to {@code sink},
     * by time, each as its JSON; returns how many it handed. Read a day at a time: the days before the offset are
     * counted, not read.
     */
    public long export(Instant since, Instant until, long offset, long limit, Consumer<String> sink) {
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("until must be after since");
        }
        long skip = offset;
        long handed = 0;
        for (RunsOnDay day : store.days(since, until)) {
            if (handed >= limit) {
                break;
            }
            if (skip >= day.runs()) {
                skip -= day.runs();
                continue;
            }
            List<RunOfQuery> runs = store.runsOn(day.day(), since, until);
            events(runs);
            for (int i = (int) skip; i < runs.size() && handed < limit; i++) {
                QueryEvents events = made.get(runs.get(i).fingerprint());
                if (events != null) {
                    sink.accept(events.json(runs.get(i).run()));
                }
                handed++;
            }
            skip = 0;
        }
        return handed;
    }

    /** Makes the job and datasets of the page's queries not made yet. */
    private void events(List<RunOfQuery> runs) {
        Set<String> needed = new TreeSet<>();
        runs.forEach(r -> needed.add(r.fingerprint()));
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(made.keySet());
        if (missing.isEmpty()) {
            return;
        }
        if (made.size() + missing.size() > MEMO) {
            made.keySet().retainAll(needed);
        }
        Map<String, StoredQuery> queries = store.queries(missing);
        Set<String> tables = new TreeSet<>();
        queries.values().forEach(q -> {
            tables.addAll(q.reads());
            tables.addAll(q.writes());
            q.edges().forEach(e -> {
                tables.add(e.sourceTable());
                tables.add(e.targetTable());
            });
        });
        Map<String, List<SchemaColumn>> schemas = store.schemas(tables);
        queries.forEach((fp, q) -> made.put(fp, new QueryEvents(q, schemas)));
    }
}
