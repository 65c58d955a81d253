package dev.colineage.graph.check;

import dev.colineage.graph.memory.EdgeKind;
import dev.colineage.graph.memory.ImpactPolicy;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageWalker;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.LineageTime;
import dev.colineage.graph.read.TraversalOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed columns do downstream, over the current lineage of the read model.
 * <ul>
 * <li>A dropped or renamed column: every query with an edge out of it fails — a SELECT-list read (FEEDS) or
 * a read only in a JOIN, WHERE, GROUP BY (INFLUENCES, or an INDIRECT FEEDS edge) — and so does DML writing it
 * (INSERT, MERGE, UPDATE name their columns). The columns those queries write are no longer refreshed, nor
 * anything downstream of them (every edge, DIRECT or INDIRECT): {@link Effect#STALE}.</li>
 * <li>A retyped or rewritten column (every column of a table whose rows change): its values reach
 * downstream over DIRECT edges; the queries behind them change their results, the columns they reach are
 * {@link Effect#CHANGES}, {@code masked} when every such path passes a masking function.</li>
 * </ul>
 * The query a new version replaces is the change itself, so it is in neither list; a table snapshot is a
 * frozen copy, so no change reaches it ({@link FrozenCopies}).
 */
final class ChangeImpact {

    private static final Set<String> DML = Set.of("INSERT", "MERGE", "UPDATE");

    private final LineageGraph g;
    private final int limit;
    private final LineageTime now = LineageTime.current();

    ChangeImpact(LineageGraph g, int limit) {
        this.g = g;
        this.limit = limit;
    }

    /** A downstream column as the walks reach it: nearest depth, worst effect. */
    private static final class Reach {
        int depth;
        Effect effect;

        Reach(int depth, Effect effect) {
            this.depth = depth;
            this.effect = effect;
        }
    }

    CheckReport report(List<ChangedColumn> changed, List<String> warnings) {
        Set<String> replaced = new HashSet<>();
        changed.forEach(c -> c.replacedQuery().ifPresent(replaced::add));
        Set<Integer> changedIds = new HashSet<>();
        Set<Integer> breakingStarts = new LinkedHashSet<>();
        Set<Integer> changingStarts = new LinkedHashSet<>();
        Set<Integer> ddlBreaking = new HashSet<>();
        for (ChangedColumn c : changed) {
            if (c.change() == ChangeKind.ROWS_CHANGED) {
                OptionalInt t = g.table(c.column());
                if (t.isPresent()) {
                    for (int k = 0; k < g.columnsOf(t.getAsInt()); k++) {
                        changingStarts.add(g.columnOfTable(t.getAsInt(), k));
                    }
                }
                continue;
            }
            OptionalInt id = g.column(c.column());
            if (id.isEmpty()) {
                continue;
            }
            changedIds.add(id.getAsInt());
            if (c.change().breaksReaders()) {
                breakingStarts.add(id.getAsInt());
                if (c.replacedQuery().isEmpty()) {
                    ddlBreaking.add(id.getAsInt());
                }
            } else if (c.change().changesResults()) {
                changingStarts.add(id.getAsInt());
            }
        }

        // queries that fail: they read a dropped or renamed column, or write one with DML
        Map<String, Set<QueryImpact.Reason>> breaking = new HashMap<>();
        for (int c : breakingStarts) {
            for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                if (g.live(e, now)) {
                    for (String fp : g.fingerprints(e)) {
                        if (!replaced.contains(fp) && !FrozenCopies.snapshot(g, fp)) {
                            breaking.computeIfAbsent(fp, k -> new TreeSet<>(REASONS)).add(new QueryImpact.Reason(g.columnName(c),
                                    ColumnUse.of(g.subtype(e))));
                        }
                    }
                }
            }
            if (ddlBreaking.contains(c)) {
                for (int k = 0; k < g.feedsInto(c); k++) {
                    int e = g.feedInto(c, k);
                    if (g.live(e, now)) {
                        for (String fp : g.fingerprints(e)) {
                            if (g.query(fp).map(q -> DML.contains(q.statementType())).orElse(false)) {
                                breaking.computeIfAbsent(fp, x -> new TreeSet<>(REASONS)).add(new QueryImpact.Reason(g.columnName(c),
                                        ColumnUse.WRITE));
                            }
                        }
                    }
                }
            }
        }

        Map<Integer, Reach> reached = new HashMap<>();
        // the columns the failing queries write: not refreshed, nor anything downstream of them
        Set<Integer> stale = staleColumns(breaking.keySet());
        stale.removeAll(changedIds);
        stale.forEach(c -> reached.put(c, new Reach(1, Effect.STALE)));
        if (!stale.isEmpty()) {
            LineageWalker.walk(g, stale.stream().mapToInt(Integer::intValue).toArray(), Direction.DOWNSTREAM,
                    new FrozenCopies(ImpactPolicy.of(TraversalOptions.defaults())), OptionalInt.empty(), m -> {
                        if (m.first() && m.step() != LineageWalker.Step.INFLUENCED_TABLE && !changedIds.contains(m.to())) {
                            reached.putIfAbsent(m.to(), new Reach(m.depth() + 1, Effect.STALE));
                        }
                        return true;
                    });
        }

        // queries whose results change: behind the DIRECT edges from retyped and rewritten columns
        Map<String, Set<QueryImpact.Reason>> changing = new HashMap<>();
        Set<Integer> unmasked = new HashSet<>();
        if (!changingStarts.isEmpty()) {
            int[] starts = changingStarts.stream().mapToInt(Integer::intValue).toArray();
            LineageWalker.walk(g, starts, Direction.DOWNSTREAM, new FrozenCopies(ImpactPolicy.of(TraversalOptions.defaults().directOnly())),
                    OptionalInt.empty(), m -> {
                        if (m.edge() >= 0) {
                            for (String fp : g.fingerprints(m.edge())) {
                                if (!replaced.contains(fp) && !breaking.containsKey(fp)) {
                                    changing.computeIfAbsent(fp, k -> new TreeSet<>(REASONS))
                                            .add(new QueryImpact.Reason(g.columnName(m.from()), ColumnUse.SELECT));
                                }
                            }
                        }
                        if (m.first() && !changedIds.contains(m.to())) {
                            Reach r = reached.get(m.to());
                            if (r == null) {
                                reached.put(m.to(), new Reach(m.depth(), Effect.CHANGES));
                            } else if (r.effect == Effect.CHANGES) {
                                r.depth = Math.min(r.depth, m.depth());
                            }
                        }
                        return true;
                    });
            LineageWalker.walk(g, starts, Direction.DOWNSTREAM, new FrozenCopies(ImpactPolicy.of(TraversalOptions.defaults().directOnly().withMasking(false))),
                    OptionalInt.empty(), m -> {
                        if (m.first()) {
                            unmasked.add(m.to());
                        }
                        return true;
                    });
        }

        List<AffectedColumn> columns = new ArrayList<>(reached.size());
        Map<String, AffectedTable> tables = new TreeMap<>();
        reached.forEach((c, r) -> {
            String table = g.tableName(g.tableOf(c));
            columns.add(new AffectedColumn(g.columnName(c), table, r.depth, r.effect, r.effect == Effect.CHANGES && !unmasked.contains(c)));
            tables.merge(table, new AffectedTable(table, r.depth, r.effect, 1), (a, b) -> new AffectedTable(table,
                    Math.min(a.depth(), b.depth()), a.effect() == Effect.STALE || b.effect() == Effect.STALE ? Effect.STALE : Effect.CHANGES,
                    a.columns() + b.columns()));
        });
        columns.sort(Comparator.comparingInt(AffectedColumn::depth).thenComparing(AffectedColumn::column));
        List<AffectedTable> tableList = new ArrayList<>(tables.values());
        tableList.sort(Comparator.comparingInt(AffectedTable::depth).thenComparing(AffectedTable::table));
        List<QueryImpact> breakingQueries = impacts(breaking);
        List<QueryImpact> changingQueries = impacts(changing);

        Severity severity = !breakingQueries.isEmpty() ? Severity.BREAKING
                : !changingQueries.isEmpty() || changed.stream().anyMatch(c -> c.change() != ChangeKind.ADDED) ? Severity.CHANGING
                : Severity.NONE;
        CheckSummary summary = new CheckSummary(changed.size(), columns.size(), tableList.size(), breakingQueries.size(),
                changingQueries.size());
        boolean truncated = changed.size() > limit || columns.size() > limit || tableList.size() > limit
                || breakingQueries.size() > limit || changingQueries.size() > limit;
        return new CheckReport(severity, summary, first(changed), first(columns), first(tableList), first(breakingQueries),
                first(changingQueries), warnings, truncated, limit);
    }

    private static final Comparator<QueryImpact.Reason> REASONS = Comparator.comparing(QueryImpact.Reason::column)
            .thenComparing(QueryImpact.Reason::use);

    private <T> List<T> first(List<T> all) {
        return all.size() <= limit ? all : all.subList(0, limit);
    }

    /** The columns the queries write (their current FEEDS edges), in the tables they write. */
    private Set<Integer> staleColumns(Set<String> queries) {
        Set<Integer> out = new LinkedHashSet<>();
        if (queries.isEmpty()) {
            return out;
        }
        Set<Integer> tables = new TreeSet<>();
        // the tables they write: where their edges out of any column lead; found from the breaking reads
        for (int c = 0; c < g.columnCount(); c++) {
            for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                if (g.live(e, now) && anyOf(g.fingerprints(e), queries)) {
                    tables.add(g.kind(e) == EdgeKind.INFLUENCES ? g.target(e) : g.tableOf(g.target(e)));
                }
            }
        }
        for (int t : tables) {
            for (int k = 0; k < g.columnsOf(t); k++) {
                int c = g.columnOfTable(t, k);
                for (int i = 0; i < g.feedsInto(c); i++) {
                    int e = g.feedInto(c, i);
                    if (g.live(e, now) && anyOf(g.fingerprints(e), queries)) {
                        out.add(c);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean anyOf(List<String> fingerprints, Set<String> wanted) {
        for (String fp : fingerprints) {
            if (wanted.contains(fp)) {
                return true;
            }
        }
        return false;
    }

    /** The queries with their summaries, newest run first. */
    private List<QueryImpact> impacts(Map<String, Set<QueryImpact.Reason>> reasons) {
        List<QuerySummary> summaries = new ArrayList<>();
        reasons.keySet().forEach(fp -> summaries.add(g.query(fp).orElseGet(() -> new QuerySummary(fp, "UNKNOWN", "JOB", "", "", 0,
                List.of()))));
        summaries.sort(QuerySummary.NEWEST_FIRST);
        List<QueryImpact> out = new ArrayList<>(summaries.size());
        for (QuerySummary q : summaries) {
            out.add(new QueryImpact(q.fingerprint(), q.statementType(), q.kind(), q.lastSeen(), q.lastJobId(), q.runCount(), q.users(),
                    List.copyOf(reasons.get(q.fingerprint()))));
        }
        return out;
    }
}
