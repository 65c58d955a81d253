package dev.colineage.graph.change;

import dev.colineage.graph.memory.EdgeKind;
import dev.colineage.graph.memory.Lifetimes;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.QuerySummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed in the lineage between two instants, from the read model's lifetimes: an edge becomes current
 * when the first of its queries' lifetimes begins while none holds, and retires when the last one holding
 * ends. Two queries handing an edge over at one instant (one superseded by the other, both writing the same
 * column) change nothing.
 */
public final class LineageChanges {

    private final LineageGraph graph;

    public LineageChanges(LineageGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph is null");
    }

    /**
     * The changes from {@code since} (inclusive) until {@code until} (exclusive; empty: no end), of the edges
     * into or out of {@code table} when given, at most {@code limit} of them listed.
     */
    public ChangeLog between(Instant since, Optional<Instant> until, Optional<String> table, int limit) {
        Objects.requireNonNull(since, "since is null");
        if (until.isPresent() && !until.get().isAfter(since)) {
            throw new IllegalArgumentException("until must be after since: " + since + " .. " + until.get());
        }
        Lifetimes lifetimes = graph.lifetimes();
        OptionalTable only = new OptionalTable(table.flatMap(t -> graph.table(t).isPresent() ? Optional.of(graph.table(t).getAsInt())
                : Optional.of(-1)));
        TreeMap<String, List<LineageChange>> byTable = new TreeMap<>();
        for (int e = 0; e < graph.edgeCount(); e++) {
            int into = graph.kind(e) == EdgeKind.INFLUENCES ? graph.target(e) : graph.tableOf(graph.target(e));
            if (!only.takes(into, graph.tableOf(graph.source(e)))) {
                continue;
            }
            List<String> fingerprints = graph.fingerprints(e);
            if (!anyBoundary(lifetimes, fingerprints, since, until)) {
                continue;
            }
            for (LineageChange c : changes(e, lifetimes, fingerprints, since, until)) {
                byTable.computeIfAbsent(graph.tableName(into), k -> new ArrayList<>()).add(c);
            }
        }
        ChangeLog.Summary summary = ChangeLog.Summary.NONE;
        List<ChangeLog.TableChanges> tables = new ArrayList<>();
        int listed = 0;
        for (var entry : byTable.entrySet()) {
            entry.getValue().sort(Comparator.comparing(LineageChange::at).thenComparing(c -> c.edge().source())
                    .thenComparing(c -> c.edge().target()));
            for (LineageChange c : entry.getValue()) {
                summary = summary.plus(c);
            }
            if (listed < limit) {
                List<LineageChange> shown = entry.getValue().subList(0, Math.min(entry.getValue().size(), limit - listed));
                listed += shown.size();
                tables.add(new ChangeLog.TableChanges(entry.getKey(), shown));
            }
        }
        return new ChangeLog(since, until, table, summary, tables, summary.changes() > listed);
    }

    /** Which tables count: all, or the one asked about as an edge's target or source table (-1: unknown, none). */
    private record OptionalTable(Optional<Integer> table) {
        boolean takes(int into, int from) {
            return table.isEmpty() || table.get() == into || table.get() == from;
        }
    }

    private static boolean anyBoundary(Lifetimes lifetimes, List<String> fingerprints, Instant since, Optional<Instant> until) {
        for (String fp : fingerprints) {
            for (Lifetimes.Interval i : lifetimes.of(fp)) {
                if (in(i.from(), since, until) || i.until().filter(u -> in(u, since, until)).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean in(Instant at, Instant since, Optional<Instant> until) {
        return !at.isBefore(since) && (until.isEmpty() || at.isBefore(until.get()));
    }

    /** One query's interval, named. */
    private record Held(String fingerprint, Lifetimes.Interval interval) {
    }

    /** The edge's changes: at each instant where some interval begins or ends, whether any held before and after. */
    private List<LineageChange> changes(int edge, Lifetimes lifetimes, List<String> fingerprints, Instant since, Optional<Instant> until) {
        List<Held> held = new ArrayList<>();
        Set<Instant> instants = new java.util.TreeSet<>();
        for (String fp : fingerprints) {
            for (Lifetimes.Interval i : lifetimes.of(fp)) {
                held.add(new Held(fp, i));
                instants.add(i.from());
                i.until().ifPresent(instants::add);
            }
        }
        List<LineageChange> out = new ArrayList<>();
        for (Instant at : instants) {
            if (!in(at, since, until)) {
                continue;
            }
            boolean before = false;
            boolean after = false;
            List<Held> starting = new ArrayList<>();
            List<Held> ending = new ArrayList<>();
            for (Held h : held) {
                Lifetimes.Interval i = h.interval();
                before |= i.from().isBefore(at) && (i.open() || i.until().get().isAfter(at)) || i.until().filter(at::equals).isPresent();
                after |= i.holdsAt(at);
                if (i.from().equals(at)) {
                    starting.add(h);
                }
                if (i.until().filter(at::equals).isPresent()) {
                    ending.add(h);
                }
            }
            if (!before && after) {
                boolean fresh = starting.stream().anyMatch(h -> h.interval().began() == Lifetimes.Began.NEW);
                out.add(new LineageChange(graph.graphEdge(edge), at, LineageChange.Change.BECAME_CURRENT,
                        fresh ? LineageChange.Reason.NEW_QUERY : LineageChange.Reason.RESUMED, summaries(starting), List.of()));
            } else if (before && !after) {
                LineageChange.Reason why = reason(ending);
                Set<String> by = new HashSet<>();
                ending.forEach(h -> h.interval().endedBy().ifPresent(by::add));
                out.add(new LineageChange(graph.graphEdge(edge), at, LineageChange.Change.RETIRED, why, summaries(ending),
                        summaries(by.stream().sorted().map(fp -> new Held(fp, null)).toList())));
            }
        }
        return out;
    }

    /** Of several queries ending at once, the strongest reason: a drop, then a supersession, then inactivity. */
    private static LineageChange.Reason reason(List<Held> ending) {
        Set<Lifetimes.Ended> why = new HashSet<>();
        ending.forEach(h -> h.interval().ended().ifPresent(why::add));
        if (why.contains(Lifetimes.Ended.DROPPED)) {
            return LineageChange.Reason.DROPPED;
        }
        return why.contains(Lifetimes.Ended.SUPERSEDED) ? LineageChange.Reason.SUPERSEDED : LineageChange.Reason.INACTIVE;
    }

    private List<QuerySummary> summaries(List<Held> queries) {
        return queries.stream().map(Held::fingerprint).distinct().sorted().map(fp -> graph.query(fp)
                .orElseGet(() -> new QuerySummary(fp, "UNKNOWN", "JOB", "", "", 0, List.of()))).toList();
    }
}
