package dev.colineage.api;

import dev.colineage.graph.openlineage.OpenLineageIngest;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.LineageLookupStore;
import dev.colineage.graph.openlineage.QueryRunStore;
import dev.colineage.graph.runs.ExtractionRunStore;
import dev.colineage.graph.write.LineageGraphWriter;
import io.javalin.json.JavalinJackson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Optional;
import org.neo4j.driver.Driver;

/**
 * The HTTP server: the read API under {@code /api/v1}, the admin endpoints, the web page at {@code /},
 * {@code /health} and {@code /metrics}: the wiring of resources, services and stores, and the routes.
 * It talks to the graph only through the Neo4j driver it is given.
 */
public final class ApiServer implements AutoCloseable {

    private static final String API = "/api/v1";

    private final Javalin app;

    private final PlanEndpoint plans;
    private final McpEndpoint mcp;
    private final AnswerWarmup warmup;

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
        Metrics metrics = new Metrics();
        // the process's one read model: impact, origin, search, PII flows, plans and checks all read it
        ReadServices read = ReadServices.of(driver, local, settings.timeout(), settings.timeout().plusSeconds(60),
                settings.history().activeWindow(), settings.piiRules());
        this.graphs = read.graphs();
        LineageLookupStore lookups = read.lookups();
        LineageService lineageService = read.lineage();
        PiiTracer tracer = read.pii();
        this.warmup = new AnswerWarmup(read.memory(), lineageService);
        LineageResource lineage = new LineageResource(lineageService, metrics);
        AdminAuth admin = new AdminAuth(settings.adminToken());
        PiiResource pii = new PiiResource(tracer, new TagService(lookups, lineageService, graphs), admin);
        RunResource runs = new RunResource(new RunLauncher(settings.extractCommand(), boltUri, settings.runLogs(), settings.inputDirs()),
                new ExtractionRunStore(driver), scheduler, admin);
        HealthResource health = new HealthResource(driver);
        QueryRunStore queryRuns = new QueryRunStore(driver, settings.timeout().plusSeconds(60));
        OpenLineageResource openLineage = new OpenLineageResource(queryRuns, new OpenLineageIngest(new LineageGraphWriter(driver), queryRuns),
                admin, graphs::fresh);
        String openApi = resource("openapi.json");
        PlanEndpoint plans = new PlanEndpoint(read.planner(),
                settings.airflow().operatorTemplate(), settings.airflow().operatorImport(),
                settings.planAction(), new dev.colineage.graph.plan.PlanExecutionStore(driver));
        this.plans = plans;
        CheckResource check = new CheckResource(read.check());
        McpEndpoint mcp = new McpEndpoint(read.mcpTools(), admin);
        this.mcp = mcp;

        app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new ProblemErrorHandler());
                mcp.mount(context);
            });
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
            config.routes.get(API + "/tables/{table}", lineage::table);
            config.routes.get(API + "/search", lineage::search);
            config.routes.get(API + "/edges", lineage::edges);
            config.routes.get(API + "/queries/{fingerprint}", lineage::query);
            config.routes.get(API + "/changes", lineage::changes);
            config.routes.get(API + "/pii/flows", pii::flows);
            config.routes.get(API + "/openlineage/events", openLineage::events);
            config.routes.post(API + "/openlineage", openLineage::ingest);
            config.routes.put(API + "/columns/{column}/tags/{tag}", ctx -> pii.tag(ctx, true));
            config.routes.delete(API + "/columns/{column}/tags/{tag}", ctx -> pii.tag(ctx, false));
            config.routes.post(API + "/plans", plans::plan);
            config.routes.post(API + "/check", check::check);
            config.routes.post(API + "/plans/execute", ctx -> {
                admin.check(ctx);
                plans.execute(ctx);
            });
            config.routes.get(API + "/plans/executions", plans::executions);
            config.routes.post(API + "/runs", runs::launch);
            config.routes.get(API + "/runs", runs::history);
            config.routes.get(API + "/schedules", runs::schedules);
            config.routes.post(API + "/schedules/{name}/backfill", runs::backfill);
            config.routes.get(API + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/health", health::health);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            ErrorMapping.register(config);
        });
        app.start(settings.host(), settings.port());
    }

    /**
     * Loads the read model and runs the answer path in the background (serve and the benchmarks call it; tests
     * that count loads do not), so the first request after a start is answered warm. Completes with its duration.
     */
    public CompletableFuture<Duration> warmUp() {
        return warmup.start();
    }

    public int port() {
        return app.port();
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return ctx.path().startsWith("/api/") ? "unmatched" : "static";
        }
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
        mcp.close();
        app.stop();
        plans.close();
    }

}
