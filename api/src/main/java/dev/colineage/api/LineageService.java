package dev.colineage.api;

import dev.colineage.api.answer.ColumnDetails;
import dev.colineage.api.answer.LineageAnswer;
import dev.colineage.api.answer.SearchAnswer;
import dev.colineage.api.answer.TableDetails;
import dev.colineage.graph.change.ChangeLog;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.ColumnQueries;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.EdgeDetails;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageLookupStore;
import dev.colineage.graph.read.QueryDetails;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The read questions, answered as typed records: lineage of a column or table from the process's read
 * model, search, a column's details, an edge's queries, a query. No HTTP here: the resource parses and
 * validates, this decides.
 */
final class LineageService {

    private final InMemoryLineageReader memory;
    private final LineageLookupStore lookups;
    private final Predicate<String> pii;

    /** @param pii whether a column holds personal data itself (answers mark their nodes with it) */
    LineageService(InMemoryLineageReader memory, LineageLookupStore lookups, Predicate<String> pii) {
        this.memory = Objects.requireNonNull(memory, "memory is null");
        this.lookups = Objects.requireNonNull(lookups, "lookups is null");
        this.pii = Objects.requireNonNull(pii, "pii is null");
    }

    /** The columns of a table the graph knows; empty when it does not know the table. */
    Optional<TableDetails> table(String table) {
        return memory.tableColumns(table).map(columns -> new TableDetails(table, columns.stream()
                .map(c -> new TableDetails.Column(c, pii.test(c))).toList()));
    }

    /** Empty when the graph does not know the column. */
    Optional<LineageAnswer> columnLineage(String column, Direction direction, TraversalOptions options) {
        return memory.columnLineage(column, direction, options).map(t -> answer(t, LineageAnswer.StartKind.COLUMN));
    }

    /** Empty when the graph does not know the table. */
    Optional<LineageAnswer> tableLineage(String table, Direction direction, TraversalOptions options) {
        return memory.tableLineage(table, direction, options).map(t -> answer(t, LineageAnswer.StartKind.TABLE));
    }

    /**
     * The column's properties (from the store: its type is not in the read model) and the queries around it
     * (from the read model; from the store for a column written since the model's last refresh).
     */
    Optional<ColumnDetails> column(String fqn) {
        return lookups.column(fqn).map(p -> {
            ColumnQueries queries = memory.columnQueries(fqn)
                    .or(() -> lookups.columnQueries(fqn))
                    .orElse(new ColumnQueries(List.of(), List.of()));
            return ColumnDetails.of(p, queries);
        });
    }

    SearchAnswer search(String fragment, int limit) {
        return new SearchAnswer(fragment, memory.searchColumns(fragment, limit), memory.searchTables(fragment, limit));
    }

    /** The stored edges with their queries (from the store), each marked current or retired (from the read model). */
    List<EdgeDetails> edges(String source, String target) {
        return lookups.edges(source, target).stream().map(e -> memory.lifetime(source, target, e.relation(), e.subtype(), e.masking())
                .map(e::living).orElse(e)).toList();
    }

    /** The lineage that became current or retired in an interval (see {@link dev.colineage.graph.change.LineageChanges}). */
    Optional<ChangeLog> changes(Instant since, Optional<Instant> until,
                                                           Optional<String> table, int limit) {
        if (table.isPresent() && !memory.knowsTable(table.get())) {
            return Optional.empty();    // a table the graph does not know
        }
        return Optional.of(memory.changes(since, until, table, limit));
    }

    Optional<QueryDetails> query(String fingerprint) {
        return lookups.query(fingerprint);
    }

    private LineageAnswer answer(Traversal t, LineageAnswer.StartKind kind) {
        List<LineageAnswer.Node> nodes = new ArrayList<>(t.hits().size());
        // the queries reaching each node: behind the lineage edges into it (downstream) or out of it (upstream)
        Map<String, Set<String>> reachedBy = new HashMap<>();
        List<List<String>> fingerprints = memory.fingerprints(t.edges());
        boolean downstream = t.direction() == Direction.DOWNSTREAM;
        for (int i = 0; i < t.edges().size(); i++) {
            if (!fingerprints.get(i).isEmpty()) {
                GraphEdge e = t.edges().get(i);
                reachedBy.computeIfAbsent(downstream ? e.target() : e.source(), k -> new TreeSet<>()).addAll(fingerprints.get(i));
            }
        }
        Map<Integer, Set<String>> columnsByDepth = new TreeMap<>();
        Map<Integer, Set<String>> tablesByDepth = new TreeMap<>();
        Set<String> tables = new TreeSet<>();
        for (Hit h : t.hits()) {
            nodes.add(new LineageAnswer.Node(h.fqn(), h.kind(), h.table(), h.depth(), h.kind() == Hit.Kind.COLUMN && pii.test(h.fqn()),
                    List.copyOf(reachedBy.getOrDefault(h.fqn(), Set.of()))));
            tables.add(h.table());
            tablesByDepth.computeIfAbsent(h.depth(), d -> new TreeSet<>()).add(h.table());
            if (h.kind() == Hit.Kind.COLUMN) {
                columnsByDepth.computeIfAbsent(h.depth(), d -> new TreeSet<>()).add(h.fqn());
            }
        }
        List<LineageAnswer.DepthCount> byDepth = new ArrayList<>();
        tablesByDepth.forEach((depth, ts) -> byDepth.add(new LineageAnswer.DepthCount(depth, ts.size(),
                columnsByDepth.getOrDefault(depth, Set.of()).size())));
        List<QuerySummary> queries = memory.queries(t.fingerprints());
        LineageAnswer.Summary summary = new LineageAnswer.Summary(columnsByDepth.values().stream().mapToInt(Set::size).sum(),
                tables.size(), byDepth, datasets(tables), queries);
        Set<String> sized = new TreeSet<>(tables);
        sized.add(kind == LineageAnswer.StartKind.TABLE ? t.start() : t.start().substring(0, nthDot(t.start(), 3)));
        List<LineageAnswer.TableSize> sizes = sized.stream().map(x -> new LineageAnswer.TableSize(x, memory.columnCount(x))).toList();
        return new LineageAnswer(t.start(), kind, new LineageAnswer.Way(t.direction()), t.truncated(), summary, nodes, t.edges(),
                t.hits(), sizes);
    }

    /** The index of the n-th dot of a column's name (project.dataset.table.column: the third ends the table). */
    private static int nthDot(String name, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = name.indexOf('.', at + 1);
        }
        return at;
    }

    /** Datasets (project.dataset) of these tables, sorted. */
    private static List<String> datasets(Collection<String> tables) {
        TreeSet<String> out = new TreeSet<>();
        for (String t : tables) {
            int last = t.lastIndexOf('.');
            if (last > 0) {
                out.add(t.substring(0, last));
            }
        }
        return List.copyOf(out);
    }
}
