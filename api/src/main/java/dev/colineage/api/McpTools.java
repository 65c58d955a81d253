package dev.colineage.api;

import dev.colineage.api.answer.EdgeExplanation;
import dev.colineage.api.answer.LineageAnswer;
import dev.colineage.api.answer.NodeSearchAnswer;
import dev.colineage.api.answer.PiiFlowsPage;
import dev.colineage.api.answer.PlanSummary;
import dev.colineage.api.answer.ReachAnswer;
import dev.colineage.graph.check.ChangeFile;
import dev.colineage.graph.check.CheckInputException;
import dev.colineage.graph.check.CheckOptions;
import dev.colineage.graph.check.SchemaChangeCheck;
import dev.colineage.graph.plan.RerunPlan;
import dev.colineage.graph.plan.RerunPlanner;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageTime;
import dev.colineage.graph.read.TraversalOptions;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProviderBase;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * colineage's lineage for AI assistants: the Model Context Protocol tools, read-only, each with an input and
 * an output schema, served by the SDK over stdio ({@code colineage mcp}) and Streamable HTTP ({@code /mcp} in
 * {@code serve}). Answers come from the same services as the API; every list is bounded ({@code limit}, a
 * {@code truncated} flag) and names columns fully ({@code project.dataset.table.column}). Malformed arguments
 * are a JSON-RPC error (invalid params); a column the graph does not know is a tool error the assistant can
 * read and correct.
 */
final class McpTools {

    /**
     * The SDK's JSON: the API's mapper, and an {@link McpError} the HTTP transport writes as its answer (a malformed
     * message, a missing session) written as a JSON-RPC error response, not as the exception with its stack trace.
     */
    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(ApiJson.MAPPER.copy().registerModule(
            new com.fasterxml.jackson.databind.module.SimpleModule("json-rpc-errors").addSerializer(McpError.class, new JsonRpcErrors())));

    /** {@code {"jsonrpc": "2.0", "id": null, "error": {"code", "message"}}} */
    private static final class JsonRpcErrors extends com.fasterxml.jackson.databind.ser.std.StdSerializer<McpError> {
        JsonRpcErrors() {
            super(McpError.class);
        }

        @Override
        public void serialize(McpError e, com.fasterxml.jackson.core.JsonGenerator json, com.fasterxml.jackson.databind.SerializerProvider p)
                throws java.io.IOException {
            json.writeStartObject();
            json.writeStringField("jsonrpc", "2.0");
            json.writeNullField("id");
            json.writeObjectFieldStart("error");
            McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
            json.writeNumberField("code", error == null ? McpSchema.ErrorCodes.INTERNAL_ERROR : error.code());
            json.writeStringField("message", error == null ? "internal error" : error.message());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private final LineageService lineage;
    private final PiiTracer pii;
    private final RerunPlanner planner;
    private final SchemaChangeCheck check;

    McpTools(LineageService lineage, PiiTracer pii, RerunPlanner planner, SchemaChangeCheck check) {
        this.lineage = lineage;
        this.pii = pii;
        this.planner = planner;
        this.check = check;
    }

    /** The server over a transport: stdio's or the HTTP servlet's. */
    McpSyncServer serve(McpServerTransportProviderBase transport) {
        var spec = transport instanceof io.modelcontextprotocol.spec.McpStreamableServerTransportProvider s ? McpServer.sync(s)
                : McpServer.sync((io.modelcontextprotocol.spec.McpServerTransportProvider) transport);
        return spec.serverInfo("colineage", "0.1.0").jsonMapper(JSON)
                .instructions("Column-level lineage of a BigQuery warehouse, built from its query log. Names are fully qualified:"
                        + " project.dataset.table.column. Find names with search_lineage_nodes first.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools()).build();
    }

    List<SyncToolSpecification> tools() {
        return List.of(
                tool("search_lineage_nodes", "Search columns and tables by name",
                        "Columns and tables of the lineage graph whose name contains the text (case-insensitive), shortest first.",
                        """
                        {"type":"object","properties":{
                          "query":{"type":"string","minLength":1,"maxLength":300,"description":"part of a name: email, mart.dim_customer"},
                          "limit":{"type":"integer","minimum":1,"maximum":200,"default":20}},
                         "required":["query"]}""",
                        """
                        {"type":"object","properties":{"query":{"type":"string"},"columns":{"type":"array","items":{"type":"string"}},
                          "tables":{"type":"array","items":{"type":"string"}},"truncated":{"type":"boolean"}},
                         "required":["query","columns","tables","truncated"]}""",
                        McpArguments.Search.class, this::search),
                tool("column_impact", "What depends on a column (downstream)",
                        "Every column and table downstream of a column in the current lineage: what breaks or changes if it changes.",
                        traversalInput(), traversalOutput(), McpArguments.Lineage.class,
                        args -> traverse(args, Direction.DOWNSTREAM)),
                tool("column_origin", "Where a column comes from (upstream)",
                        "Every column and table upstream of a column in the current lineage: where its values come from.",
                        traversalInput(), traversalOutput(), McpArguments.Lineage.class,
                        args -> traverse(args, Direction.UPSTREAM)),
                tool("pii_flows", "Where personal data flows",
                        "For each PII column (by name rules, policy tags and hand-set tags), or one column: the columns it reaches"
                                + " as it is (exposed) and only through a hash or another mask (masked).",
                        """
                        {"type":"object","properties":{
                          "column":{"type":"string","description":"one PII column, project.dataset.table.column; all when left out"},
                          "columns":{"type":"integer","minimum":1,"maximum":1000,"default":50,"description":"PII columns whose flows are listed"},
                          "limit":{"type":"integer","minimum":1,"maximum":1000,"default":100,"description":"columns per flow"}}}""",
                        """
                        {"type":"object","properties":{"summary":{"type":"object"},"columns":{"type":"array"},"rules":{"type":"object"},
                          "truncated":{"type":"boolean"}},
                         "required":["summary","columns","truncated"]}""",
                        McpArguments.Pii.class, this::piiFlows),
                tool("explain_edge", "Why one column feeds another",
                        "The stored lineage edges from a source column to a target column (or table), with the queries behind them"
                                + " and a sample of their SQL.",
                        """
                        {"type":"object","properties":{
                          "source":{"type":"string","description":"project.dataset.table.column"},
                          "target":{"type":"string","description":"project.dataset.table.column, or a table for a JOIN/WHERE edge"}},
                         "required":["source","target"]}""",
                        """
                        {"type":"object","properties":{"source":{"type":"string"},"target":{"type":"string"},"edges":{"type":"array"}},
                         "required":["source","target","edges"]}""",
                        McpArguments.Edge.class, this::explainEdge),
                tool("rerun_plan", "What to re-run after a change",
                        "The tables to re-run, in waves, after these columns or tables changed or failed.",
                        """
                        {"type":"object","properties":{
                          "columns":{"type":"array","items":{"type":"string"},"maxItems":1000},
                          "tables":{"type":"array","items":{"type":"string"},"maxItems":1000},
                          "limit":{"type":"integer","minimum":1,"maximum":10000,"default":200}}}""",
                        """
                        {"type":"object","properties":{"affected_tables":{"type":"integer"},"wave_count":{"type":"integer"},"waves":{"type":"array"},
                          "tables":{"type":"array"},"cycles":{"type":"array"},"truncated":{"type":"boolean"}},
                         "required":["affected_tables","waves","tables","truncated"]}""",
                        McpArguments.Plan.class, this::rerunPlan),
                tool("check_change", "What a schema change or new SQL breaks",
                        "colineage check: DDL (ALTER TABLE .. DROP / RENAME / ALTER COLUMN .. SET DATA TYPE, DROP TABLE, RENAME TO) or"
                                + " a new version of a query or view: the queries that will fail, those whose results change, and"
                                + " everything downstream, with a severity (breaking, changing, none).",
                        """
                        {"type":"object","properties":{
                          "files":{"type":"array","minItems":1,"maxItems":500,"items":{"type":"object","properties":{
                            "name":{"type":"string"},"sql":{"type":"string"},
                            "destination":{"type":"string","description":"project.dataset.table a plain SELECT writes"}},
                            "required":["name","sql"]}},
                          "project":{"type":"string"},"dataset":{"type":"string"},
                          "limit":{"type":"integer","minimum":1,"maximum":10000,"default":200}},
                         "required":["files"]}""",
                        """
                        {"type":"object","properties":{"severity":{"type":"string","enum":["breaking","changing","none"]},
                          "summary":{"type":"object"},"changed_columns":{"type":"array"},"affected_columns":{"type":"array"},
                          "affected_tables":{"type":"array"},"breaking_queries":{"type":"array"},"changing_queries":{"type":"array"},
                          "warnings":{"type":"array"},"truncated":{"type":"boolean"},"limit":{"type":"integer"}},
                         "required":["severity","changed_columns","affected_columns","breaking_queries","changing_queries","truncated"]}""",
                        McpArguments.Check.class, this::checkChange));
    }

    private static String traversalInput() {
        return """
                {"type":"object","properties":{
                  "column":{"type":"string","description":"project.dataset.table.column"},
                  "depth":{"type":"integer","minimum":1,"maximum":100,"description":"at most this many edges away"},
                  "direct_only":{"type":"boolean","default":false,"description":"only DIRECT edges (values flow), not JOIN/WHERE ones"},
                  "limit":{"type":"integer","minimum":1,"maximum":10000,"default":100}},
                 "required":["column"]}""";
    }

    private static String traversalOutput() {
        return """
                {"type":"object","properties":{"column":{"type":"string"},"direction":{"type":"string","enum":["DOWNSTREAM","UPSTREAM"]},
                  "nodes":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"kind":{"type":"string","enum":["COLUMN","TABLE"]},
                    "table":{"type":"string"},"depth":{"type":"integer"},"pii":{"type":"boolean"},"via":{"type":"string"}}}},
                  "columns":{"type":"integer"},"tables":{"type":"integer"},"truncated":{"type":"boolean"}},
                 "required":["column","direction","nodes","truncated"]}""";
    }

    /** An answer as structured content (and the same JSON as text, for clients that read only text). */
    private static McpSchema.CallToolResult result(Object answer) {
        return McpSchema.CallToolResult.builder().structuredContent(JSON, ApiJson.write(answer)).addTextContent(ApiJson.write(answer))
                .build();
    }

    /** A question the graph cannot answer as asked (an unknown name): a tool error the assistant reads and corrects. */
    private static McpSchema.CallToolResult toolError(String message) {
        return McpSchema.CallToolResult.builder().isError(true).addTextContent(message).build();
    }

    /** Arguments that do not fit the tool's input schema: a JSON-RPC error (invalid params). */
    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    private <A> SyncToolSpecification tool(String name, String title, String description, String input, String output, Class<A> arguments,
                                           Function<A, McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(JSON, input).outputSchema(JSON, output)
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, false)).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            A args;
            try {
                args = ApiJson.STRICT.convertValue(request.arguments() == null ? java.util.Collections.emptyMap() : request.arguments(),
                        arguments);
            } catch (IllegalArgumentException e) {
                throw invalid(name + ": " + rootMessage(e));
            }
            return handler.apply(args);
        }).build();
    }

    /** What was wrong with the arguments, without the mapper's wrapping: the checks' own message or Jackson's first line. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t instanceof Problem p ? p.detail() : t.getMessage();
        if (t instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            message = "unknown argument '" + u.getPropertyName() + "' (known: " + u.getKnownPropertyIds().stream().map(Object::toString)
                    .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT)).sorted().collect(java.util.stream.Collectors.joining(", ")) + ")";
        } else if (t instanceof com.fasterxml.jackson.databind.JsonMappingException j) {
            message = j.getOriginalMessage();
        }
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private McpSchema.CallToolResult search(McpArguments.Search args) {
        var found = lineage.search(args.query(), args.limit() + 1);
        return result(new NodeSearchAnswer(args.query(), found.columns().stream().limit(args.limit()).toList(),
                found.tables().stream().limit(args.limit()).toList(),
                found.columns().size() > args.limit() || found.tables().size() > args.limit()));
    }

    private McpSchema.CallToolResult traverse(McpArguments.Lineage args, Direction direction) {
        TraversalOptions options = TraversalOptions.defaults().withLimit(args.limit());
        if (args.depth() != null) {
            options = options.withMaxDepth(args.depth());
        }
        if (args.directOnly()) {
            options = options.directOnly();
        }
        Optional<LineageAnswer> answer = lineage.columnLineage(args.column(), direction, options);
        if (answer.isEmpty()) {
            return toolError("no column " + args.column() + " in the lineage graph: search_lineage_nodes finds the names it knows");
        }
        LineageAnswer a = answer.get();
        List<ReachAnswer.Node> nodes = a.hits().stream().sorted(Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn)).map(h -> {
            GraphEdge last = h.path().get(h.path().size() - 1);
            return new ReachAnswer.Node(h.fqn(), h.kind(), h.table(), h.depth(), h.kind() == Hit.Kind.COLUMN && pii.isPii(h.fqn()),
                    last.type() + "/" + last.subtype() + (last.masking() ? " masked" : ""));
        }).toList();
        return result(new ReachAnswer(args.column(), direction, nodes, a.summary().columns(),
                a.summary().tables(), a.truncated()));
    }

    private McpSchema.CallToolResult piiFlows(McpArguments.Pii args) {
        return pii.flows(args.column(), args.limit(), LineageTime.current()).map(a -> result(PiiFlowsPage.of(a, args.columns())))
                .orElseGet(() -> toolError("no column " + args.column().orElse("") + " in the lineage graph"));
    }

    private McpSchema.CallToolResult explainEdge(McpArguments.Edge args) {
        return result(new EdgeExplanation(args.source(), args.target(), lineage.edges(args.source(), args.target())));
    }

    private McpSchema.CallToolResult rerunPlan(McpArguments.Plan args) {
        RerunPlan plan;
        try {
            plan = planner.plan(Set.copyOf(args.columns()), Set.copyOf(args.tables()));
        } catch (IllegalArgumentException e) {
            return toolError(e.getMessage());
        }
        // the waves name every table of the plan: the first limit of them, wave by wave
        List<List<String>> waves = new java.util.ArrayList<>();
        int named = 0;
        for (List<String> wave : plan.waves()) {
            if (named >= args.limit()) {
                break;
            }
            List<String> part = wave.stream().limit(args.limit() - named).toList();
            waves.add(part);
            named += part.size();
        }
        return result(new PlanSummary(plan.tables().size(), plan.waves().size(), waves, plan.tables().stream().limit(args.limit()).toList(),
                plan.cycles(), plan.tables().size() > args.limit()));
    }

    private McpSchema.CallToolResult checkChange(McpArguments.Check args) {
        List<ChangeFile> files;
        try {
            files = args.request().changeFiles();
        } catch (Problem p) {
            throw invalid("check_change: " + p.detail());
        }
        CheckOptions defaults = CheckOptions.defaults();
        CheckOptions options = new CheckOptions(args.project(), args.dataset(), defaults.catalog(), defaults.routines(), args.limit());
        try {
            return result(check.check(files, options));
        } catch (CheckInputException e) {
            return toolError(e.getMessage());
        }
    }
}
