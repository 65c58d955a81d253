package dev.colineage.graph.memory;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.SearchTree;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
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

    /** Columns whose name contains {@code fragment}, ignoring case, shortest first (as the Cypher reader's search). */
    public List<String> searchColumns(String fragment, int limit) {
        return graphs.current().searchColumns(fragment, limit);
    }

    /** Tables whose name contains {@code fragment}, ignoring case, shortest first. */
    public List<String> searchTables(String fragment, int limit) {
        return graphs.current().searchTables(fragment, limit);
    }

    /** The summaries of these queries, newest run first (as the API lists the queries behind an answer). */
    public List<QuerySummary> queries(Set<String> fingerprints) {
        LineageGraph g = graphs.current();
        List<QuerySummary> out = new ArrayList<>();
        fingerprints.forEach(fp -> g.query(fp).ifPresent(out::add));
        out.sort(Comparator.comparing(QuerySummary::lastSeen).reversed().thenComparing(QuerySummary::fingerprint));
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
                    via = List.of(new GraphEdge(from, to, "HAS_COLUMN", "INDIRECT", "TABLE", false));
                }
                default -> {
                    from = g.columnName(m.from());
                    to = g.columnName(m.to());
                    String through = g.tableName(g.tableOf(m.from()));
                    table = g.tableName(g.tableOf(m.to()));
                    via = List.of(new GraphEdge(through, from, "HAS_COLUMN", "INDIRECT", "TABLE", false), g.graphEdge(m.edge()));
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
