package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.graph.plan.AirflowDag;
import dev.colineage.api.answer.PlanAnswer;
import dev.colineage.api.answer.PlanExecutionView;
import dev.colineage.graph.plan.RerunPlan;
import dev.colineage.graph.plan.RerunPlanner;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /api/v1/plans}: which downstream tables a change to tables or columns affects, in waves,
 * as JSON or as an Airflow DAG file. Body: {@code {"columns": [...], "tables": [...], "format":
 * "json"|"airflow", "dag_id": "..."}}.
 */
final class PlanEndpoint {

    private static final ObjectMapper JSON = ApiJson.MAPPER;
    private static final Set<String> FIELDS = Set.of("columns", "tables", "format", "dag_id", "max_attempts", "parallelism", "as_of",
            "history");

    private final RerunPlanner planner;
    private final String operatorTemplate;
    private final String operatorImport;
    private final java.util.Optional<dev.colineage.api.plan.TableAction> action;
    /** Executions of this process, while they run and after (the graph keeps them across restarts). */
    private final Map<String, dev.colineage.api.plan.PlanExecution> executions = new java.util.concurrent.ConcurrentHashMap<>();
    private final dev.colineage.graph.plan.PlanExecutionStore store;
    /**
     * Executions run here, two at a time, eight more waiting: a flood of requests is refused (503) rather
     * than starting unbounded threads.
     */
    private final java.util.concurrent.ThreadPoolExecutor runner = new java.util.concurrent.ThreadPoolExecutor(2, 2, 0L,
            java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "colineage-plan-execution");
                t.setDaemon(true);
                return t;
            });

    PlanEndpoint(RerunPlanner planner, String operatorTemplate, String operatorImport,
                 java.util.Optional<dev.colineage.api.plan.TableAction> action, dev.colineage.graph.plan.PlanExecutionStore store) {
        this.store = store;
        try {
            // what a stopped server left running will not finish: the history says so
            store.abandonUnfinished();
        } catch (RuntimeException graphAway) {
            // the server starts without its graph and answers 503 until it is back
        }
        this.planner = planner;
        this.operatorTemplate = operatorTemplate;
        this.operatorImport = operatorImport;
        this.action = action;
    }

    /**
     * {@code POST /api/v1/plans/execute} (admin): plans, then re-runs the plan's tables wave by wave with
     * the server's configured action, in the background; 202 with the execution's id.
     */
    void execute(Context ctx) {
        dev.colineage.api.plan.TableAction configured = action.orElseThrow(() -> new Problem(409, "No plan action",
                "the server has no action to re-run a table: set COLINEAGE_PLAN_COMMAND or COLINEAGE_PLAN_HTTP"));
        RerunPlan plan = planFrom(ctx);
        JsonNode body = body(ctx);
        int attempts = body.path("max_attempts").asInt(3);
        int parallelism = body.path("parallelism").asInt(4);
        if (attempts < 1 || attempts > 5) {
            throw Problem.badParameter("max_attempts", "max_attempts is 1-5");
        }
        if (parallelism < 1 || parallelism > 16) {
            throw Problem.badParameter("parallelism", "parallelism is 1-16");
        }
        var execution = new dev.colineage.api.plan.PlanExecution("exec-" + java.util.UUID.randomUUID().toString().substring(0, 12),
                plan, configured, parallelism, attempts, java.time.Duration.ofSeconds(2));
        execution.onChange(e -> store.save(record(e)));
        try {
            runner.execute(execution);
        } catch (java.util.concurrent.RejectedExecutionException full) {
            throw new Problem(503, "Too many plan executions", "two plans are running and eight are waiting; try again later");
        }
        executions.put(execution.id(), execution);
        store.save(record(execution));
        ctx.status(202).json(execution.view());
    }

    /** The executions the graph records (newest first, at most the store's history), live ones as they are now. */
    void executions(Context ctx) {
        Params.only(ctx, Set.of());
        List<PlanExecutionView> out = new ArrayList<>();
        for (var recorded : store.history()) {
            var live = executions.get(recorded.id());
            out.add(live != null ? live.view() : ApiJson.read(recorded.reportJson(), PlanExecutionView.class));
        }
        ctx.json(new PlanExecutionView.History(out));
    }

    private static dev.colineage.graph.plan.PlanExecutionStore.RecordedExecution record(dev.colineage.api.plan.PlanExecution e) {
        return new dev.colineage.graph.plan.PlanExecutionStore.RecordedExecution(e.id(), e.state(), e.createdAt(),
                ApiJson.write(e.view()));
    }

    /** Stops running executions (the server is closing); their records stay RUNNING until the next start marks them. */
    void close() {
        runner.shutdownNow();
    }

    void plan(Context ctx) {
        RerunPlan plan = planFrom(ctx);
        String format = body(ctx).path("format").asText("json");
        if (format.equals("airflow")) {
            ctx.contentType("text/x-python; charset=utf-8").result(AirflowDag.render(plan, body(ctx).path("dag_id")
                    .asText("colineage_rerun"), operatorTemplate, operatorImport));
            return;
        }
        ctx.json(PlanAnswer.of(plan));
    }

    private static JsonNode body(Context ctx) {
        try {
            return JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw Problem.badParameter("body", "the body is not JSON");
        }
    }

    private RerunPlan planFrom(Context ctx) {
        Params.only(ctx, Set.of());
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            throw Problem.badParameter("body", "the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw Problem.badParameter("body", "a JSON object: {\"columns\": [...], \"tables\": [...]}");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw Problem.badParameter(f, "unknown field '" + f + "'; known: " + new TreeSet<>(FIELDS));
            }
        });
        Set<String> columns = names(body, "columns", true);
        Set<String> tables = names(body, "tables", false);
        if (columns.isEmpty() && tables.isEmpty()) {
            throw Problem.badParameter("columns", "name at least one changed or failed column or table");
        }
        String format = body.path("format").asText("json");
        String dagId = body.path("dag_id").asText("colineage_rerun");
        if (!format.equals("json") && !format.equals("airflow")) {
            throw Problem.badParameter("format", "format is json or airflow, not '" + format + "'");
        }
        if (!dagId.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw Problem.badParameter("dag_id", "a DAG id is 1-200 of letters, digits, _ . -");
        }
        try {
            return planner.plan(columns, tables, Params.time(text(body, "as_of"), text(body, "history")));
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    /** A field's text (a boolean or a string), or null when absent. */
    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isBoolean()) {
            throw Problem.badParameter(field, field + " is " + (field.equals("history") ? "true or false" : "an instant or a date"));
        }
        return v.asText();
    }

    private static Set<String> names(JsonNode body, String field, boolean columns) {
        JsonNode list = body.get(field);
        Set<String> out = new TreeSet<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray() || list.size() > 1000) {
            throw Problem.badParameter(field, field + " is a list of at most 1,000 names");
        }
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw Problem.badParameter(field, field + " holds names as strings");
            }
            out.add(columns ? Params.column(n.asText()) : Params.table(n.asText()));
        }
        return out;
    }
}
