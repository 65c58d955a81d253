package dev.colineage.api;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.LineageLookupStore;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The read endpoints: lineage of a column or table (nodes, edges, the path explaining each hit, and a
 * summary of what is affected), search, a column's details, an edge's queries, a query.
 */
final class LineageEndpoints {

    private final LineageGraphReader reader;
    private final dev.colineage.graph.memory.InMemoryLineageReader columns;
    private final LineageLookupStore lookups;
    private final Metrics metrics;

    /**
     * @param columns column traversals from the in-memory lineage snapshot (the Cypher reader answers the
     *                same, proven by graph-schema's tests, at ~20 ms of server CPU each)
     */
    LineageEndpoints(LineageGraphReader reader, dev.colineage.graph.memory.InMemoryLineageReader columns, LineageLookupStore lookups,
                     Metrics metrics) {
        this.reader = reader;
        this.columns = columns;
        this.lookups = lookups;
        this.metrics = metrics;
    }

    void columnLineage(Context ctx, Direction direction) {
        String column = Params.column(ctx.pathParam("column"));
        TraversalOptions options = Params.traversal(ctx);
        Traversal t = columns.columnLineage(column, direction, options)
                .orElseThrow(() -> Problem.notFound("no column " + column + " in the lineage graph"));
        ctx.json(report(t, "column"));
    }

    void tableLineage(Context ctx, Direction direction) {
        String table = Params.table(ctx.pathParam("table"));
        TraversalOptions options = Params.traversal(ctx);
        Traversal t = reader.tableLineage(table, direction, options)
                .orElseThrow(() -> Problem.notFound("no table " + table + " in the lineage graph"));
        ctx.json(report(t, "table"));
    }

    private Map<String, Object> report(Traversal t, String kind) {
        metrics.traversal(t.hits().size());
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> hits = new ArrayList<>();
        Map<Integer, Set<String>> columnsByDepth = new TreeMap<>();
        Map<Integer, Set<String>> tablesByDepth = new TreeMap<>();
        Set<String> tables = new TreeSet<>();
        for (Hit h : t.hits()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", h.fqn());
            node.put("kind", h.kind().name());
            node.put("table", h.table());
            node.put("depth", h.depth());
            nodes.add(node);
            hits.add(Json.hit(h));
            tables.add(h.table());
            tablesByDepth.computeIfAbsent(h.depth(), d -> new TreeSet<>()).add(h.table());
            if (h.kind() == Hit.Kind.COLUMN) {
                columnsByDepth.computeIfAbsent(h.depth(), d -> new TreeSet<>()).add(h.fqn());
            }
        }
        List<Map<String, Object>> byDepth = new ArrayList<>();
        tablesByDepth.forEach((depth, ts) -> byDepth.add(Map.of("depth", depth, "tables", ts.size(),
                "columns", columnsByDepth.getOrDefault(depth, Set.of()).size())));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("columns", columnsByDepth.values().stream().mapToInt(Set::size).sum());
        summary.put("tables", tables.size());
        summary.put("by_depth", byDepth);
        summary.put("datasets", datasets(tables));
        summary.put("queries", "column".equals(kind) ? columns.queries(t.fingerprints()) : lookups.queries(t.fingerprints()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("start", t.start());
        out.put("start_kind", kind);
        out.put("direction", t.direction().name().toLowerCase(java.util.Locale.ROOT));
        out.put("truncated", t.truncated());
        out.put("summary", summary);
        out.put("nodes", nodes);
        out.put("edges", Json.edges(t.edges()));
        out.put("hits", hits);
        return out;
    }

    void column(Context ctx) {
        Params.only(ctx, Set.of());
        String column = Params.column(ctx.pathParam("column"));
        ctx.json(lookups.column(column).orElseThrow(() -> Problem.notFound("no column " + column + " in the lineage graph")));
    }

    void search(Context ctx) {
        Params.only(ctx, Set.of("q", "limit"));
        String q = Params.required(ctx, "q", 200);
        int limit = Params.integer(ctx, "limit", 1, 500).orElse(50);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("q", q);
        out.put("columns", columns.searchColumns(q, limit));
        out.put("tables", columns.searchTables(q, limit));
        ctx.json(out);
    }

    void edges(Context ctx) {
        Params.only(ctx, Set.of("source", "target"));
        String source = Params.column(Params.required(ctx, "source", 1024));
        String target = Params.required(ctx, "target", 1024);
        if (target.chars().filter(c -> c == '.').count() == 2) {
            Params.table(target);
        } else {
            Params.column(target);
        }
        List<Map<String, Object>> edges = lookups.edges(source, target);
        if (edges.isEmpty()) {
            throw Problem.notFound("no lineage edge from " + source + " to " + target);
        }
        ctx.json(Map.of("source", source, "target", target, "edges", edges));
    }

    void query(Context ctx) {
        Params.only(ctx, Set.of());
        String fp = ctx.pathParam("fingerprint");
        if (!fp.matches("[0-9a-f]{1,64}")) {
            throw Problem.badParameter("fingerprint", "a fingerprint is hexadecimal: '" + fp + "'");
        }
        ctx.json(lookups.query(fp).orElseThrow(() -> Problem.notFound("no query " + fp)));
    }

    /** Datasets (project.dataset) of these tables, sorted. */
    private static List<String> datasets(java.util.Collection<String> tables) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String t : tables) {
            int last = t.lastIndexOf('.');
            if (last > 0) {
                out.add(t.substring(0, last));
            }
        }
        return List.copyOf(out);
    }
}
