package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.LineageLookupStore;
import dev.colineage.graph.read.PiiColumnStore;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.runs.ExtractionRun;
import dev.colineage.graph.runs.ExtractionRunStore;
import dev.colineage.graph.write.GraphUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * The HTTP server: the read API under {@code /api/v1}, the admin endpoints, the web page at {@code /},
 * {@code /health} and {@code /metrics}. It talks to the graph only through the Neo4j driver it is given.
 */
public final class ApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v1";

    private final Javalin app;
    private final Driver driver;

    private final PlanEndpoint plans;

    /** The process's read model (one per server: every question reads this instance). */
    private final LineageGraphs graphs;

    LineageGraphs lineageGraphs() {
        return graphs;
    }

    public ApiServer(Driver driver, String boltUri, ApiSettings settings) {
        this(driver, boltUri, settings, Optional.empty());
    }

    /** With the scheduler of extraction runs, when schedules are configured. */
    public ApiServer(Driver driver, String boltUri, ApiSettings settings,
                     Optional<dev.colineage.api.schedule.ScheduleRunner> scheduler) {
        this(driver, Optional.empty(), boltUri, settings, scheduler);
    }

    /** Hosting the database itself (see below), with no schedules. */
    public ApiServer(Driver driver, Optional<org.neo4j.graphdb.GraphDatabaseService> local, String boltUri, ApiSettings settings) {
        this(driver, local, boltUri, settings, Optional.empty());
    }

    /**
     * With the database itself when this process hosts it (the embedded store): the read model's full
     * loads read it without Bolt.
     */
    public ApiServer(Driver driver, Optional<org.neo4j.graphdb.GraphDatabaseService> local, String boltUri, ApiSettings settings,
                     Optional<dev.colineage.api.schedule.ScheduleRunner> scheduler) {
        this.driver = driver;
        LineageGraphReader reader = new LineageGraphReader(driver, settings.timeout());
        LineageLookupStore lookups = new LineageLookupStore(driver, settings.timeout());
        Metrics metrics = new Metrics();
        // the process's one read model: impact, origin, PII flows and plans all read it; new lineage (an
        // extraction run writing) shows within two seconds
        this.graphs = new LineageGraphs(driver, local, settings.timeout().plusSeconds(60), java.time.Duration.ofSeconds(2));
        InMemoryLineageReader indexed = new InMemoryLineageReader(graphs);
        LineageEndpoints lineage = new LineageEndpoints(reader, indexed, lookups, metrics);
        PiiTracer pii = new PiiTracer(new PiiColumnStore(driver, settings.timeout()), indexed, graphs, settings.piiRules());
        AdminAuth admin = new AdminAuth(settings.adminToken());
        RunLauncher launcher = new RunLauncher(settings.extractCommand(), boltUri, settings.runLogs(), settings.inputDirs());
        ExtractionRunStore runs = new ExtractionRunStore(driver);
        String openApi = resource("openapi.json");
        PlanEndpoint plans = new PlanEndpoint(new dev.colineage.graph.plan.RerunPlanner(graphs),
                settings.airflow().operatorTemplate(), settings.airflow().operatorImport(),
                settings.planAction(), new dev.colineage.graph.plan.PlanExecutionStore(driver));
        this.plans = plans;

        app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
            if (!settings.corsOrigins().isEmpty()) {
                List<String> origins = settings.corsOrigins();
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                    rule.exposeHeader("Content-Type");
                }));
            }
            config.routes.before(SecurityHeaders::apply);
            config.staticFiles.add("/web", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.requestLogger.http((ctx, millis) -> metrics.request(ctx.method().name(), route(ctx),
                    ctx.status().getCode(), millis / 1000.0));

            config.routes.get(API + "/columns/{column}/downstream", ctx -> lineage.columnLineage(ctx, Direction.DOWNSTREAM));
            config.routes.get(API + "/columns/{column}/upstream", ctx -> lineage.columnLineage(ctx, Direction.UPSTREAM));
            config.routes.get(API + "/columns/{column}", lineage::column);
            config.routes.get(API + "/tables/{table}/downstream", ctx -> lineage.tableLineage(ctx, Direction.DOWNSTREAM));
            config.routes.get(API + "/tables/{table}/upstream", ctx -> lineage.tableLineage(ctx, Direction.UPSTREAM));
            config.routes.get(API + "/search", lineage::search);
            config.routes.get(API + "/edges", lineage::edges);
            config.routes.get(API + "/queries/{fingerprint}", lineage::query);
            config.routes.get(API + "/pii/flows", ctx -> {
                Params.only(ctx, Set.of("column", "limit"));
                Optional<String> column = Optional.ofNullable(ctx.queryParam("column")).map(Params::column);
                // the read model knows every column (each hangs off its table): no lookup in Neo4j
                if (column.isPresent() && graphs.current().column(column.get()).isEmpty()) {
                    throw Problem.notFound("no column " + column.get() + " in the lineage graph");
                }
                ctx.json(pii.flows(column, Params.integer(ctx, "limit", 1, Params.MAX_LIMIT).orElse(1000)));
            });
            config.routes.post(API + "/plans", plans::plan);
            config.routes.post(API + "/plans/execute", ctx -> {
                admin.check(ctx);
                plans.execute(ctx);
            });
            config.routes.get(API + "/plans/executions", plans::executions);
            config.routes.put(API + "/columns/{column}/tags/{tag}", ctx -> tag(ctx, admin, lookups, true));
            config.routes.delete(API + "/columns/{column}/tags/{tag}", ctx -> tag(ctx, admin, lookups, false));
            config.routes.post(API + "/runs", ctx -> {
                admin.check(ctx);
                JsonNode body;
                try {
                    body = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
                } catch (IOException e) {
                    throw Problem.badParameter("body", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
                }
                ctx.status(202).json(launcher.launch(body).json());
            });
            config.routes.get(API + "/runs", ctx -> {
                Params.only(ctx, Set.of("limit"));
                int limit = Params.integer(ctx, "limit", 1, 1000).orElse(50);
                Map<String, Object> out = new LinkedHashMap<>();
                runs.reclaimAbandoned();   // a run whose process died shows as ABANDONED, not RUNNING forever
                out.put("runs", runs.history(limit).stream().map(ApiServer::run).toList());
                out.put("launched_here", launcher.launches());
                ctx.json(out);
            });
            config.routes.get(API + "/schedules", ctx -> {
                Params.only(ctx, Set.of());
                ctx.json(Schedules.json(scheduler));
            });
            config.routes.post(API + "/schedules/{name}/backfill", ctx -> {
                admin.check(ctx);
                ctx.status(202).json(Schedules.backfill(scheduler, ctx.pathParam("name"), ctx.body()));
            });
            config.routes.get(API + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/health", ctx -> health(ctx));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));

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
        });
        app.start(settings.host(), settings.port());
    }

    public int port() {
        return app.port();
    }

    private static void tag(Context ctx, AdminAuth admin, LineageLookupStore lookups, boolean add) {
        admin.check(ctx);
        Params.only(ctx, Set.of());
        String column = Params.column(ctx.pathParam("column"));
        String tag = Params.tag(ctx.pathParam("tag"));
        if (!lookups.tag(column, tag, add)) {
            throw Problem.notFound("no column " + column + " in the lineage graph");
        }
        ctx.json(lookups.column(column).orElseThrow());
    }

    private void health(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Session s = driver.session()) {
            s.run("RETURN 1").consume();
            out.put("status", "UP");
            out.put("graph", "UP");
            ctx.json(out);
        } catch (RuntimeException e) {
            out.put("status", "DOWN");
            out.put("graph", "DOWN: " + firstLine(e));
            ctx.status(503).json(out);
        }
    }

    private static Map<String, Object> run(ExtractionRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("status", r.status());
        m.put("sources", r.sourceKeys());
        m.put("since", r.since().map(Object::toString).orElse(null));
        m.put("until", r.until().toString());
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt().map(Object::toString).orElse(null));
        m.put("counters", new java.util.TreeMap<>(r.counters()));
        m.put("error", r.error().orElse(null));
        return m;
    }

    /** RFC 7807 problem details. */
    private static void problem(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType(Problem.CONTENT_TYPE).result(Problem.body(status, title, detail, ctx.path()));
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return ctx.path().startsWith("/api/") ? "unmatched" : "static";
        }
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
                    && String.valueOf(((org.neo4j.driver.exceptions.Neo4jException) c).code()).contains("TransactionTimedOut")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
        plans.close();
    }

}
