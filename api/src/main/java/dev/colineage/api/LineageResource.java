package dev.colineage.api;

import dev.colineage.api.answer.EdgesAnswer;
import dev.colineage.api.answer.LineageAnswer;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.EdgeDetails;
import dev.colineage.graph.read.TraversalOptions;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read endpoints over HTTP: parse and validate the request, ask {@link LineageService}, write the
 * answer or a problem.
 */
final class LineageResource {

    private final LineageService service;
    private final Metrics metrics;

    LineageResource(LineageService service, Metrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    void columnLineage(Context ctx, Direction direction) {
        String column = Params.column(ctx.pathParam("column"));
        TraversalOptions options = Params.traversal(ctx);
        answer(ctx, service.columnLineage(column, direction, options), "no column " + column);
    }

    void tableLineage(Context ctx, Direction direction) {
        String table = Params.table(ctx.pathParam("table"));
        TraversalOptions options = Params.traversal(ctx);
        answer(ctx, service.tableLineage(table, direction, options), "no table " + table);
    }

    /**
     * A lineage answer, counted by its size, or 404 naming what the graph does not know; {@code paths=false}
     * leaves out each hit's explaining path (a page drawing thousands of nodes reads nodes and edges only).
     */
    private void answer(Context ctx, Optional<LineageAnswer> answer, String missing) {
        LineageAnswer found = answer.orElseThrow(() -> Problem.notFound(missing + " in the lineage graph"));
        metrics.traversal(found.hits().size());
        ctx.json(Params.bool(ctx, "paths").orElse(true) ? found : found.withoutPaths());
    }

    void column(Context ctx) {
        Params.only(ctx, Set.of());
        String column = Params.column(ctx.pathParam("column"));
        ctx.json(service.column(column).orElseThrow(() -> Problem.notFound("no column " + column + " in the lineage graph")));
    }

    void table(Context ctx) {
        Params.only(ctx, Set.of());
        String table = Params.table(ctx.pathParam("table"));
        ctx.json(service.table(table).orElseThrow(() -> Problem.notFound("no table " + table + " in the lineage graph")));
    }

    void search(Context ctx) {
        Params.only(ctx, Set.of("q", "limit"));
        String q = Params.required(ctx, "q", 200);
        int limit = Params.integer(ctx, "limit", 1, 500).orElse(50);
        ctx.json(service.search(q, limit));
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
        List<EdgeDetails> edges = service.edges(source, target);
        if (edges.isEmpty()) {
            throw Problem.notFound("no lineage edge from " + source + " to " + target);
        }
        ctx.json(new EdgesAnswer(source, target, edges));
    }

    /**
     * {@code GET /changes?since=&until=[&table=][&limit=]}: {@code since} is a date (its start) or an instant,
     * {@code until} likewise (exclusive; a date: its start), default no end.
     */
    void changes(Context ctx) {
        Params.only(ctx, Set.of("since", "until", "table", "limit"));
        Instant since = Params.instant("since", Params.required(ctx, "since", 40), false);
        Optional<Instant> until = Optional.ofNullable(ctx.queryParam("until")).filter(v -> !v.isBlank())
                .map(v -> Params.instant("until", v, false));
        if (until.isPresent() && !until.get().isAfter(since)) {
            throw Problem.badParameter("until", "until must be after since");
        }
        Optional<String> table = Optional.ofNullable(ctx.queryParam("table")).map(Params::table);
        int limit = Params.integer(ctx, "limit", 1, Params.MAX_LIMIT).orElse(1000);
        ctx.json(service.changes(since, until, table, limit).orElseThrow(() -> Problem.notFound("no table " + table.orElseThrow()
                + " in the lineage graph")));
    }

    void query(Context ctx) {
        Params.only(ctx, Set.of());
        String fp = ctx.pathParam("fingerprint");
        if (!fp.matches("[0-9a-f]{1,64}")) {
            throw Problem.badParameter("fingerprint", "a fingerprint is hexadecimal: '" + fp + "'");
        }
        ctx.json(service.query(fp).orElseThrow(() -> Problem.notFound("no query " + fp)));
    }
}
