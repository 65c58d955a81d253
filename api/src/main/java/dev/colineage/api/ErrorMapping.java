package dev.colineage.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import dev.colineage.graph.write.GraphUnavailableException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Every failure as RFC 7807 problem details: our {@link Problem}s, Javalin's own refusals, the graph away
 * (503), a traversal over the time limit (503), anything else (500, the exception's first line, never a
 * stack trace), and unknown endpoints and methods.
 */
final class ErrorMapping {

    private ErrorMapping() {
    }

    static void register(JavalinConfig config) {
        config.routes.exception(Problem.class, (e, ctx) -> problem(ctx, e.status(), e.title(), e.detail()));
        // Javalin's own refusals (a body over the size limit, a bad content type) in the same shape
        config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus(),
                io.javalin.http.HttpStatus.forStatus(e.getStatus()).getMessage(), firstLine(e)));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (unavailable(e)) {
                problem(ctx, 503, "Graph unavailable", "the lineage graph cannot be reached: " + firstLine(e));
            } else if (timedOut(e)) {
                problem(ctx, 503, "Query timed out", "the traversal took longer than the server's limit; narrow it with depth or limit");
            } else {
                problem(ctx, 500, "Internal error", e.getClass().getSimpleName() + ": " + firstLine(e));
            }
        });
        config.routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && (ctx.result() == null || ctx.result().isEmpty()
                    || !ctx.result().contains("\"status\""))) {
                problem(ctx, 404, "Not found", "no endpoint " + ctx.method().name() + " " + ctx.path());
            }
        });
        config.routes.error(405, ctx -> problem(ctx, 405, "Method not allowed", ctx.method().name() + " " + ctx.path()));
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void problem(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType(Problem.CONTENT_TYPE).result(Problem.body(status, title, detail, ctx.path()));
    }

    private static boolean unavailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ServiceUnavailableException || c instanceof SessionExpiredException
                    || c instanceof GraphUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if ((c instanceof TransientException || c instanceof ClientException)
                    && String.valueOf(((Neo4jException) c).code()).contains("TransactionTimedOut")) {
                return true;
            }
        }
        return false;
    }
}
