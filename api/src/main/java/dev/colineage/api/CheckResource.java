package dev.colineage.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colineage.graph.check.CheckInputException;
import dev.colineage.graph.check.CheckOptions;
import dev.colineage.graph.check.CheckReport;
import dev.colineage.graph.check.SchemaChangeCheck;
import io.javalin.http.Context;
import java.util.Set;

/**
 * {@code POST /api/v1/check[?format=json|text|markdown][&limit=N]}: {@code colineage check} over HTTP, for a
 * pull-request job with no access to the graph. The body is a {@link CheckRequest}; the answer the report
 * (200 whatever its severity), 400 for a malformed body, 422 for a change the check cannot read (SQL that
 * does not parse, a table the graph does not know). Read-only: no token.
 */
final class CheckResource {

    private final SchemaChangeCheck check;

    CheckResource(SchemaChangeCheck check) {
        this.check = check;
    }

    void check(Context ctx) {
        Params.only(ctx, Set.of("format", "limit"));
        String format = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        if (!Set.of("json", "text", "markdown").contains(format)) {
            throw Problem.badParameter("format", "format is json, text or markdown, not '" + format + "'");
        }
        int limit = Params.integer(ctx, "limit", 1, Params.MAX_LIMIT).orElse(1_000);
        CheckRequest request;
        try {
            request = ApiJson.STRICT.readValue(ctx.body(), CheckRequest.class);
        } catch (JsonProcessingException e) {
            throw Problem.badParameter("body", "the body is a JSON object {\"files\": [{\"name\", \"sql\", \"destination\"}], \"project\","
                    + " \"dataset\"}: " + e.getOriginalMessage());
        }
        if (request == null) {
            throw Problem.badParameter("body", "the body is empty");
        }
        CheckOptions options = CheckOptions.defaults().withLimit(limit);
        options = new CheckOptions(CheckRequest.part("project", request.project()), CheckRequest.part("dataset", request.dataset()),
                options.catalog(), options.routines(), limit);
        CheckReport report;
        try {
            report = check.check(request.changeFiles(), options);
        } catch (CheckInputException e) {
            throw new Problem(422, "Change cannot be checked", e.getMessage());
        }
        switch (format) {
            case "text" -> ctx.contentType("text/plain; charset=utf-8").result(CheckOutput.text(report));
            case "markdown" -> ctx.contentType("text/markdown; charset=utf-8").result(CheckOutput.markdown(report));
            default -> ctx.json(report);
        }
    }
}
