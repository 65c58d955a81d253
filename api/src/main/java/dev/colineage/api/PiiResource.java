package dev.colineage.api;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/** {@code GET /pii/flows} and the hand-set tags ({@code PUT|DELETE /columns/{column}/tags/{tag}}, admin). */
final class PiiResource {

    private final PiiTracer tracer;
    private final TagService tags;
    private final AdminAuth admin;

    PiiResource(PiiTracer tracer, TagService tags, AdminAuth admin) {
        this.tracer = tracer;
        this.tags = tags;
        this.admin = admin;
    }

    void flows(Context ctx) {
        Params.only(ctx, Set.of("column", "limit", "as_of", "history"));
        Optional<String> column = Optional.ofNullable(ctx.queryParam("column")).map(Params::column);
        int limit = Params.integer(ctx, "limit", 1, Params.MAX_LIMIT).orElse(1000);
        ctx.json(tracer.flows(column, limit, Params.time(ctx.queryParam("as_of"), ctx.queryParam("history")))
                .orElseThrow(() -> Problem.notFound("no column " + column.orElseThrow() + " in the lineage graph")));
    }

    void tag(Context ctx, boolean add) {
        admin.check(ctx);
        Params.only(ctx, Set.of());
        String column = Params.column(ctx.pathParam("column"));
        String tag = Params.tag(ctx.pathParam("tag"));
        ctx.json(tags.tag(column, tag, add).orElseThrow(() -> Problem.notFound("no column " + column + " in the lineage graph")));
    }
}
