package dev.colineage.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.colineage.api.answer.LineageAnswer;
import dev.colineage.graph.check.ChangeFile;
import dev.colineage.graph.check.CheckInputException;
import dev.colineage.graph.check.CheckOptions;
import dev.colineage.graph.check.SchemaChangeCheck;
import dev.colineage.graph.plan.RerunPlan;
import dev.colineage.graph.plan.RerunPlanner;
import dev.colineage.graph.read.Direction;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(ApiJson.MAPPER);
    private static final String NAME_PATTERN = "^[^\\s]+$";

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
                        this::search),
                tool("column_impact", "What depends on a column (downstream)",
                        "Every column and table downstream of a column in the current lineage: what breaks or changes if it changes.",
                        traversalInput(), traversalOutput(), args -> traverse(args, Direction.DOWNSTREAM)),
                tool("column_origin", "Where a column comes from (upstream)",
                        "Every column and table upstream of a column in the current lineage: where its values come from.",
                        traversalInput(), traversalOutput(), args -> traverse(args, Direction.UPSTREAM)),
                tool("pii_flows", "Where personal data flows",
                        "For each PII column (by name rules, policy tags and hand-set tags), or one column: the columns it reaches"
                                + " as it is (exposed) and only through a hash or another mask (masked).",
                        """
                        {"type":"object","properties":{
                          "column":{"type":"string","description":"one PII column, project.dataset.table.column; all when left out"},
                          "limit":{"type":"integer","minimum":1,"maximum":1000,"default":100,"description":"columns per flow"}}}""",
                        """
                        {"type":"object","properties":{"summary":{"type":"object"},"columns":{"type":"array"},"rules":{"type":"object"}},
                         "required":["summary","columns"]}""",
                        this::piiFlows),
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
                        this::explainEdge),
                tool("rerun_plan", "What to re-run after a change",
                        "The tables to re-run, in waves, after these columns or tables changed or failed.",
                        """
                        {"type":"object","properties":{
                          "columns":{"type":"array","items":{"type":"string"},"maxItems":1000},
                          "tables":{"type":"array","items":{"type":"string"},"maxItems":1000},
                          "limit":{"type":"integer","minimum":1,"maximum":10000,"default":200}}}""",
                        """
                        {"type":"object","properties":{"affected_tables":{"type":"integer"},"waves":{"type":"array"},
                          "tables":{"type":"array"},"cycles":{"type":"array"},"truncated":{"type":"boolean"}},
                         "required":["affected_tables","waves","tables","truncated"]}""",
                        this::rerunPlan),
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
                        this::checkChange));
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
                {"type":"object","properties":{"column":{"type":"string"},"direction":{"type":"string"},
                  "nodes":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"kind":{"type":"string"},
                    "table":{"type":"string"},"depth":{"type":"integer"},"pii":{"type":"boolean"},"via":{"type":"string"}}}},
                  "columns":{"type":"integer"},"tables":{"type":"integer"},"truncated":{"type":"boolean"}},
                 "required":["column","direction","nodes","truncated"]}""";
    }

    /** An answer's structured content (and the same JSON as text, for clients that read only text). */
    private static McpSchema.CallToolResult result(Object answer) {
        Map<String, Object> structured = ApiJson.MAPPER.convertValue(answer, new TypeReference<Map<String, Object>>() { });
        return McpSchema.CallToolResult.builder().structuredContent(structured).addTextContent(ApiJson.write(structured)).build();
    }

    /** A question the graph cannot answer as asked (an unknown name): a tool error the assistant reads and corrects. */
    private static McpSchema.CallToolResult toolError(String message) {
        return McpSchema.CallToolResult.builder().isError(true).addTextContent(message).build();
    }

    /** Arguments that do not fit the tool's input schema: a JSON-RPC error (invalid params). */
    private static McpError invalid(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    private SyncToolSpecification tool(String name, String title, String description, String input, String output,
                                       Function<Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(JSON, input).outputSchema(JSON, output)
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, false)).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            try {
                return handler.apply(args);
            } catch (Problem p) {
                throw invalid(name + ": " + p.detail());
            } catch (IllegalArgumentException e) {
                throw invalid(name + ": " + e.getMessage());
            }
        }).build();
    }

    private static Optional<String> string(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(name + " is a non-empty string");
        }
        return Optional.of(s);
    }

    private static String required(Map<String, Object> args, String name) {
        return string(args, name).orElseThrow(() -> new IllegalArgumentException(name + " is required"));
    }

    private static int integer(Map<String, Object> args, String name, int min, int max, int otherwise) {
        Object v = args.get(name);
        if (v == null) {
            return otherwise;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min || n.longValue() > max) {
            throw new IllegalArgumentException(name + " is a whole number from " + min + " to " + max + ", not " + v);
        }
        return n.intValue();
    }

    private static boolean bool(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException(name + " is true or false, not " + v);
        }
        return Boolean.TRUE.equals(v);
    }

    private static List<String> strings(Map<String, Object> args, String name) {
        Object v = args.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
            throw new IllegalArgumentException(name + " is a list of names");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static void only(Map<String, Object> args, Set<String> known) {
        for (String k : args.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown argument '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private McpSchema.CallToolResult search(Map<String, Object> args) {
        only(args, Set.of("query", "limit"));
        String query = required(args, "query");
        if (query.length() > 300) {
            throw new IllegalArgumentException("query is at most 300 characters");
        }
        int limit = integer(args, "limit", 1, 200, 20);
        var found = lineage.search(query, limit + 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", query);
        out.put("columns", found.columns().stream().limit(limit).toList());
        out.put("tables", found.tables().stream().limit(limit).toList());
        out.put("truncated", found.columns().size() > limit || found.tables().size() > limit);
        return result(out);
    }

    private McpSchema.CallToolResult traverse(Map<String, Object> args, Direction direction) {
        only(args, Set.of("column", "depth", "direct_only", "limit"));
        String column = Params.column(required(args, "column"));
        TraversalOptions options = TraversalOptions.defaults().withLimit(integer(args, "limit", 1, Params.MAX_LIMIT, 100));
        if (args.containsKey("depth")) {
            options = options.withMaxDepth(integer(args, "depth", 1, 100, 100));
        }
        if (bool(args, "direct_only")) {
            options = options.directOnly();
        }
        Optional<LineageAnswer> answer = lineage.columnLineage(column, direction, options);
        if (answer.isEmpty()) {
            return toolError("no column " + column + " in the lineage graph: search_lineage_nodes finds the names it knows");
        }
        LineageAnswer a = answer.get();
        List<Map<String, Object>> nodes = new ArrayList<>();
        a.hits().stream().sorted(java.util.Comparator.comparingInt(dev.colineage.graph.read.Hit::depth)
                .thenComparing(dev.colineage.graph.read.Hit::fqn)).forEach(h -> {
                    var last = h.path().get(h.path().size() - 1);
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("name", h.fqn());
                    n.put("kind", h.kind().name());
                    n.put("table", h.table());
                    n.put("depth", h.depth());
                    n.put("pii", h.kind() == dev.colineage.graph.read.Hit.Kind.COLUMN && pii.isPii(h.fqn()));
                    n.put("via", last.type() + "/" + last.subtype() + (last.masking() ? " masked" : ""));
                    nodes.add(n);
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column);
        out.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
        out.put("nodes", nodes);
        out.put("columns", a.summary().columns());
        out.put("tables", a.summary().tables());
        out.put("truncated", a.truncated());
        return result(out);
    }

    private McpSchema.CallToolResult piiFlows(Map<String, Object> args) {
        only(args, Set.of("column", "limit"));
        Optional<String> column = string(args, "column").map(Params::column);
        int limit = integer(args, "limit", 1, 1_000, 100);
        return pii.flows(column, limit, LineageTime.current()).map(McpTools::result)
                .orElseGet(() -> toolError("no column " + column.orElse("") + " in the lineage graph"));
    }

    private McpSchema.CallToolResult explainEdge(Map<String, Object> args) {
        only(args, Set.of("source", "target"));
        String source = Params.column(required(args, "source"));
        String target = required(args, "target");
        target = target.chars().filter(c -> c == '.').count() == 2 ? Params.table(target) : Params.column(target);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", source);
        out.put("target", target);
        out.put("edges", lineage.edges(source, target));
        return result(out);
    }

    private McpSchema.CallToolResult rerunPlan(Map<String, Object> args) {
        only(args, Set.of("columns", "tables", "limit"));
        List<String> columns = strings(args, "columns").stream().map(Params::column).toList();
        List<String> tables = strings(args, "tables").stream().map(Params::table).toList();
        if (columns.isEmpty() && tables.isEmpty()) {
            throw new IllegalArgumentException("name the changed columns or tables");
        }
        int limit = integer(args, "limit", 1, Params.MAX_LIMIT, 200);
        RerunPlan plan;
        try {
            plan = planner.plan(Set.copyOf(columns), Set.copyOf(tables));
        } catch (IllegalArgumentException e) {
            return toolError(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("affected_tables", plan.tables().size());
        out.put("waves", plan.waves());
        out.put("tables", plan.tables().stream().limit(limit).toList());
        out.put("cycles", plan.cycles());
        out.put("truncated", plan.tables().size() > limit);
        return result(out);
    }

    private McpSchema.CallToolResult checkChange(Map<String, Object> args) {
        only(args, Set.of("files", "project", "dataset", "limit"));
        CheckRequest request = ApiJson.MAPPER.convertValue(Map.of("files", args.getOrDefault("files", List.of()),
                "project", Optional.ofNullable(args.get("project")), "dataset", Optional.ofNullable(args.get("dataset"))), CheckRequest.class);
        List<ChangeFile> files = request.changeFiles();
        int limit = integer(args, "limit", 1, Params.MAX_LIMIT, 200);
        CheckOptions defaults = CheckOptions.defaults();
        CheckOptions options = new CheckOptions(CheckRequest.part("project", request.project()), CheckRequest.part("dataset", request.dataset()),
                defaults.catalog(), defaults.routines(), limit);
        try {
            return result(check.check(files, options));
        } catch (CheckInputException e) {
            return toolError(e.getMessage());
        }
    }
}
