package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import dev.colineage.graph.change.ChangeLog;
import dev.colineage.graph.change.LineageChanges;
import dev.colineage.graph.read.ColumnQueries;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.EdgeLifetime;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.SearchTree;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Column impact (downstream) and origin (upstream) answered from the process's {@link LineageGraph} by
 * the {@link LineageWalker} under an {@link ImpactPolicy}, with the same meaning as graph-schema's Cypher
 * {@code LineageGraphReader} (the test oracle): a hit limit with {@code truncated}, the shortest path
 * explaining each hit, the edges among the hits and the queries behind them. Nothing crosses the network
 * per question.
 */
public final class InMemoryLineageReader {

    private final LineageGraphs graphs;

    public InMemoryLineageReader(LineageGraphs graphs) {
        this.graphs = Objects.requireNonNull(graphs, "graphs is null");
    }

    public Optional<Traversal> columnLineage(String column, Direction direction, TraversalOptions options) {
        LineageGraph g = graphs.current();
        OptionalInt start = g.column(column);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        Answer answer = new Answer(g, column, options.limit());
        boolean complete = LineageWalker.walk(g, new int[]{start.getAsInt()}, direction, ImpactPolicy.of(options),
                options.maxDepth().map(OptionalInt::of).orElse(OptionalInt.empty()), answer::take);
        List<GraphEdge> among = answer.edges.stream().filter(e -> SearchTree.inResult(e, column, answer.reached)).distinct().toList();
        Set<String> fingerprints = new TreeSet<>();
        among.forEach(e -> fingerprints.addAll(answer.fingerprints.getOrDefault(e, List.of())));
        return Optional.of(new Traversal(column, direction, new ArrayList<>(answer.reached.values()), among, !complete, fingerprints));
    }

    /**
     * Tables reached from a table over the table-level lineage (as the Cypher reader's {@code FEEDS_TABLE}
     * walk: only {@code includeIndirect} and {@code maxDepth} apply), with the queries behind the column
     * edges of each table edge in the answer.
     */
    public Optional<Traversal> tableLineage(String table, Direction direction, TraversalOptions options) {
        LineageGraph g = graphs.current();
        OptionalInt start = g.table(table);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        SearchTree tree = new SearchTree(table);
        Map<String, Hit> reached = new LinkedHashMap<>();
        List<GraphEdge> edges = new ArrayList<>();
        Map<GraphEdge, int[]> ends = new HashMap<>();
        boolean complete = LineageWalker.walkTables(g, start.getAsInt(), direction, !options.includeIndirect(),
                options.maxDepth().map(OptionalInt::of).orElse(OptionalInt.empty()), options.time(), m -> {
                    String from = g.tableName(m.from());
                    String to = g.tableName(m.to());
                    // in data-flow direction, whichever way the walk took it
                    GraphEdge e = direction == Direction.DOWNSTREAM ? GraphEdge.tableFeed(from, to, m.direct())
                            : GraphEdge.tableFeed(to, from, m.direct());
                    edges.add(e);
                    ends.put(e, direction == Direction.DOWNSTREAM ? new int[]{m.from(), m.to()} : new int[]{m.to(), m.from()});
                    if (!m.first()) {
                        return true;
                    }
                    if (reached.size() >= options.limit()) {
                        return false;
                    }
                    tree.reached(to, from, List.of(e));
                    reached.put(to, new Hit(to, Hit.Kind.TABLE, to, m.depth(), tree.path(to)));
                    return true;
                });
        List<GraphEdge> among = edges.stream().filter(e -> SearchTree.inResult(e, table, reached)).distinct().toList();
        Set<String> fingerprints = new TreeSet<>();
        List<GraphEdge> living = new ArrayList<>(among.size());
        for (GraphEdge e : among) {
            int[] st = ends.get(e);
            // a table edge lives as long as the column edges it stands for (those this question takes)
            EdgeLifetime life = EdgeLifetime.UNKNOWN;
            for (int k = 0; k < g.columnsOf(st[0]); k++) {
                int c = g.columnOfTable(st[0], k);
                for (int x = g.firstOut(c); x < g.endOut(c); x++) {
                    int u = g.kind(x) == EdgeKind.FEEDS ? g.tableOf(g.target(x)) : g.target(x);
                    if (u == st[1] && g.live(x, options.time())) {
                        fingerprints.addAll(g.fingerprints(x));
                        life = life.and(g.lifetime(x));
                    }
                }
            }
            living.add(e.living(life));
        }
        return Optional.of(new Traversal(table, direction, new ArrayList<>(reached.values()), living, !complete, fingerprints));
    }

    /** Columns whose name contains {@code fragment}, ignoring case, shortest first (as the Cypher reader's search). */
    public List<String> searchColumns(String fragment, int limit) {
        return graphs.current().searchColumns(fragment, limit);
    }

    /** Tables whose name contains {@code fragment}, ignoring case, shortest first. */
    public List<String> searchTables(String fragment, int limit) {
        return graphs.current().searchTables(fragment, limit);
    }

    /** The queries that write the column (FEEDS into it) and read it (FEEDS or INFLUENCES out of it), newest first. */
    public Optional<ColumnQueries> columnQueries(String fqn) {
        LineageGraph g = graphs.current();
        java.util.OptionalInt found = g.column(fqn);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int c = found.getAsInt();
        Set<String> written = new java.util.HashSet<>();
        for (int k = 0; k < g.feedsInto(c); k++) {
            written.addAll(g.fingerprints(g.feedInto(c, k)));
        }
        Set<String> read = new java.util.HashSet<>();
        for (int e = g.firstOut(c); e < g.endOut(c); e++) {
            read.addAll(g.fingerprints(e));
        }
        return Optional.of(new ColumnQueries(summaries(g, written), summaries(g, read)));
    }

    /** The stored edge's lifetime as the read model derives it; empty for an edge it does not hold. */
    public Optional<EdgeLifetime> lifetime(String source, String target, GraphEdge.Relation relation,
                                                                    Transformation.Subtype subtype, boolean masking) {
        LineageGraph g = graphs.current();
        OptionalInt e = edge(g, source, target, relation, subtype, masking);
        return e.isEmpty() ? Optional.empty() : Optional.of(g.lifetime(e.getAsInt()));
    }

    /**
     * The fingerprints of the queries behind each lineage edge (FEEDS, INFLUENCES) of an answer, in its order;
     * a structural hop (a table's column, a table-level edge) has none.
     */
    public List<List<String>> fingerprints(List<GraphEdge> edges) {
        LineageGraph g = graphs.current();
        List<List<String>> out = new ArrayList<>(edges.size());
        for (GraphEdge e : edges) {
            boolean lineage = e.relation() == GraphEdge.Relation.FEEDS || e.relation() == GraphEdge.Relation.INFLUENCES;
            OptionalInt id = lineage ? edge(g, e.source(), e.target(), e.relation(),
                    Transformation.Subtype.valueOf(e.subtype()), e.masking()) : OptionalInt.empty();
            out.add(id.isEmpty() ? List.of() : g.fingerprints(id.getAsInt()));
        }
        return out;
    }

    /** The {@code n} columns with the most edges out, most first (ties by name): the widest lineage questions. */
    public List<String> busiestColumns(int n) {
        LineageGraph g = graphs.current();
        PriorityQueue<Integer> top = new PriorityQueue<>(Comparator.<Integer>comparingInt(c -> g.endOut(c) - g.firstOut(c))
                .thenComparing(g::columnName, Comparator.reverseOrder()));
        for (int c = 0; c < g.columnCount(); c++) {
            if (g.endOut(c) > g.firstOut(c)) {
                top.add(c);
                if (top.size() > n) {
                    top.poll();
                }
            }
        }
        List<String> out = new ArrayList<>();
        while (!top.isEmpty()) {
            out.add(0, g.columnName(top.poll()));
        }
        return out;
    }

    /** Whether the graph knows the table. */
    public boolean knowsTable(String table) {
        return graphs.current().table(table).isPresent();
    }

    /** How many columns of a table the graph knows (0 for a table it does not know). */
    public int columnCount(String table) {
        LineageGraph g = graphs.current();
        OptionalInt t = g.table(table);
        return t.isEmpty() ? 0 : g.columnsOf(t.getAsInt());
    }

    /** The columns of a table the graph knows, by name; empty when it does not know the table. */
    public Optional<List<String>> tableColumns(String table) {
        LineageGraph g = graphs.current();
        OptionalInt t = g.table(table);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>(g.columnsOf(t.getAsInt()));
        for (int k = 0; k < g.columnsOf(t.getAsInt()); k++) {
            out.add(g.columnName(g.columnOfTable(t.getAsInt(), k)));
        }
        out.sort(null);
        return Optional.of(out);
    }

    private static OptionalInt edge(LineageGraph g, String source, String target, GraphEdge.Relation relation,
                                    Transformation.Subtype subtype, boolean masking) {
        OptionalInt from = g.column(source);
        if (from.isEmpty()) {
            return OptionalInt.empty();
        }
        EdgeKind kind = relation == GraphEdge.Relation.INFLUENCES ? EdgeKind.INFLUENCES : EdgeKind.FEEDS;
        OptionalInt to = kind == EdgeKind.INFLUENCES ? g.table(target) : g.column(target);
        if (to.isEmpty()) {
            return OptionalInt.empty();
        }
        for (int e = g.firstOut(from.getAsInt()); e < g.endOut(from.getAsInt()); e++) {
            if (g.kind(e) == kind && g.target(e) == to.getAsInt() && g.subtype(e) == subtype && g.masking(e) == masking) {
                return OptionalInt.of(e);
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The lineage that became current or retired from {@code since} until {@code until}, grouped by target
     * table, of the edges into or out of {@code table} when given.
     */
    public ChangeLog changes(Instant since, Optional<Instant> until, Optional<String> table,
                                                        int limit) {
        return new LineageChanges(graphs.current()).between(since, until, table, limit);
    }

    /** The summaries of these queries, newest run first (as the API lists the queries behind an answer). */
    public List<QuerySummary> queries(Set<String> fingerprints) {
        return summaries(graphs.current(), fingerprints);
    }

    private static List<QuerySummary> summaries(LineageGraph g, Set<String> fingerprints) {
        List<QuerySummary> out = new ArrayList<>();
        fingerprints.forEach(fp -> g.query(fp).ifPresent(out::add));
        out.sort(QuerySummary.NEWEST_FIRST);
        return out;
    }

    /** An answer while the walk runs: the hits in the order reached, their explaining tree, every edge seen. */
    private static final class Answer {
        private final LineageGraph g;
        private final int limit;
        private final SearchTree tree;
        final Map<String, Hit> reached = new LinkedHashMap<>();
        final List<GraphEdge> edges = new ArrayList<>();
        final Map<GraphEdge, List<String>> fingerprints = new HashMap<>();

        Answer(LineageGraph g, String start, int limit) {
            this.g = g;
            this.limit = limit;
            this.tree = new SearchTree(start);
        }

        boolean take(LineageWalker.Move m) {
            String from;
            String to;
            Hit.Kind kind = Hit.Kind.COLUMN;
            String table;
            List<GraphEdge> via;
            switch (m.step()) {
                case FEEDS -> {
                    // the edge in data-flow direction, whichever way the walk took it
                    from = g.columnName(m.from());
                    to = g.columnName(m.to());
                    table = g.tableName(g.tableOf(m.to()));
                    via = List.of(g.graphEdge(m.edge()));
                }
                case INFLUENCED_TABLE -> {
                    from = g.columnName(m.from());
                    to = g.tableName(m.to());
                    kind = Hit.Kind.TABLE;
                    table = to;
                    via = List.of(g.graphEdge(m.edge()));
                }
                case TABLE_COLUMN -> {
                    from = g.tableName(m.from());
                    to = g.columnName(m.to());
                    table = from;
                    via = List.of(GraphEdge.hasColumn(from, to));
                }
                default -> {
                    from = g.columnName(m.from());
                    to = g.columnName(m.to());
                    String through = g.tableName(g.tableOf(m.from()));
                    table = g.tableName(g.tableOf(m.to()));
                    via = List.of(GraphEdge.hasColumn(through, from), g.graphEdge(m.edge()));
                }
            }
            edges.addAll(via);
            if (m.edge() >= 0) {
                List<String> fps = g.fingerprints(m.edge());
                if (!fps.isEmpty()) {
                    fingerprints.put(via.get(via.size() - 1), fps);
                }
            }
            if (!m.first()) {
                return true;
            }
            if (reached.size() >= limit) {
                return false;
            }
            tree.reached(to, from, via);
            reached.put(to, new Hit(to, kind, table, m.depth(), tree.path(to)));
            return true;
        }
    }
}
