package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP tools called through the SDK's own client, over Streamable HTTP ({@code /mcp} of the API server, with
 * its admin token) and over stdio ({@code colineage mcp} as a separate process reading the same graph by Bolt).
 */
class McpTest extends ApiTestSupport {

    private static final List<String> TOOLS = List.of("check_change", "column_impact", "column_origin", "explain_edge", "pii_flows",
            "rerun_plan", "search_lineage_nodes");

    private static McpSyncClient http(String token) {
        HttpClientStreamableHttpTransport.Builder t = HttpClientStreamableHttpTransport.builder(base()).endpoint("/mcp")
                .jsonMapper(McpTools.JSON);
        if (token != null) {
            t.requestBuilder(java.net.http.HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
        }
        return McpClient.sync(t.build()).requestTimeout(Duration.ofSeconds(30)).build();
    }

    private static McpSyncClient stdio() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServerParameters process = ServerParameters.builder(java).args("-cp", System.getProperty("java.class.path"),
                "dev.colineage.api.McpCommand", "--neo4j", store().embedded().orElseThrow().boltUri()).build();
        return McpClient.sync(new StdioClientTransport(process, McpTools.JSON)).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
    }

    /** The same questions and the same answers whichever transport carries them. */
    private static void answers(McpSyncClient client) {
        client.initialize();
        McpSchema.ListToolsResult tools = client.listTools();
        assertEquals(TOOLS, tools.tools().stream().map(McpSchema.Tool::name).sorted().toList());
        tools.tools().forEach(t -> assertTrue(t.inputSchema() != null && t.outputSchema() != null, t.name()));

        McpSchema.CallToolResult impact = client.callTool(new McpSchema.CallToolRequest("column_impact",
                Map.of("column", "acme-shop.raw.customers.email", "direct_only", true, "limit", 3)));
        assertEquals(Boolean.FALSE, impact.isError() == null ? Boolean.FALSE : impact.isError());
        assertEquals(Map.of("column", "acme-shop.raw.customers.email", "direction", "DOWNSTREAM", "columns", 3, "tables", 2,
                "truncated", true, "nodes", List.of(
                        Map.of("name", "acme-shop.staging.stg_customers.email", "kind", "COLUMN", "table", "acme-shop.staging.stg_customers",
                                "depth", 1, "pii", true, "via", "DIRECT/IDENTITY"),
                        Map.of("name", "acme-shop.staging.stg_customers.email_hash", "kind", "COLUMN", "table",
                                "acme-shop.staging.stg_customers", "depth", 1, "pii", false, "via", "DIRECT/TRANSFORMATION masked"),
                        Map.of("name", "acme-shop.mart.marketing_contacts.email", "kind", "COLUMN", "table",
                                "acme-shop.mart.marketing_contacts", "depth", 2, "pii", true, "via", "DIRECT/IDENTITY"))), impact.structuredContent());

        McpSchema.CallToolResult search = client.callTool(new McpSchema.CallToolRequest("search_lineage_nodes",
                Map.of("query", "stg_pay", "limit", 2)));
        assertEquals(Map.of("query", "stg_pay", "columns", List.of("acme-shop.staging.stg_payments.amount",
                "acme-shop.staging.stg_payments.method"), "tables", List.of("acme-shop.staging.stg_payments"), "truncated", true),
                search.structuredContent());

        McpSchema.CallToolResult check = client.callTool(new McpSchema.CallToolRequest("check_change", Map.of("files", List.of(
                Map.of("name", "drop.sql", "sql", "ALTER TABLE `acme-shop.staging.stg_payments` DROP COLUMN order_id")), "limit", 2)));
        @SuppressWarnings("unchecked") Map<String, Object> report = (Map<String, Object>) check.structuredContent();
        assertEquals("breaking", report.get("severity"));
        assertEquals(Map.of("changed_columns", 1, "affected_columns", 58, "affected_tables", 15, "breaking_queries", 1,
                "changing_queries", 0), report.get("summary"));
        assertEquals(true, report.get("truncated"));
        assertEquals(2, ((List<?>) report.get("affected_columns")).size());

        McpSchema.CallToolResult plan = client.callTool(new McpSchema.CallToolRequest("rerun_plan",
                Map.of("columns", List.of("acme-shop.raw.customers.email"), "limit", 3)));
        @SuppressWarnings("unchecked") Map<String, Object> planned = (Map<String, Object>) plan.structuredContent();
        assertEquals(8, planned.get("affected_tables"));
        assertEquals(3, planned.get("wave_count"));
        assertEquals(List.of(List.of("acme-shop.staging.stg_customers"), List.of("acme-shop.mart.dim_customer",
                "acme-shop.mart.marketing_contacts")), planned.get("waves"));
        assertEquals(true, planned.get("truncated"));
        McpSchema.CallToolResult flows = client.callTool(new McpSchema.CallToolRequest("pii_flows", Map.of("columns", 1, "limit", 2)));
        @SuppressWarnings("unchecked") Map<String, Object> pii = (Map<String, Object>) flows.structuredContent();
        assertEquals(1, ((List<?>) pii.get("columns")).size());
        assertEquals(true, pii.get("truncated"));
        McpSchema.CallToolResult edge = client.callTool(new McpSchema.CallToolRequest("explain_edge",
                Map.of("source", "acme-shop.staging.stg_payments.order_id", "target", "acme-shop.mart.fct_orders")));
        @SuppressWarnings("unchecked") List<Map<String, Object>> edges = (List<Map<String, Object>>) ((Map<String, Object>)
                edge.structuredContent()).get("edges");
        assertEquals(List.of("INFLUENCES JOIN"), edges.stream().map(e -> e.get("relation") + " " + e.get("subtype")).toList());

        // a column the graph does not know: a tool error the assistant can read
        McpSchema.CallToolResult unknown = client.callTool(new McpSchema.CallToolRequest("column_origin",
                Map.of("column", "acme-shop.raw.customers.emial")));
        assertEquals(Boolean.TRUE, unknown.isError());
        assertEquals("no column acme-shop.raw.customers.emial in the lineage graph: search_lineage_nodes finds the names it knows",
                ((McpSchema.TextContent) unknown.content().get(0)).text());

        // arguments against the schema: refused, naming the argument
        McpSchema.CallToolResult wrongType = client.callTool(new McpSchema.CallToolRequest("column_impact",
                Map.of("column", "acme-shop.raw.customers.email", "limit", "all")));
        assertEquals(Boolean.TRUE, wrongType.isError());
        assertTrue(((McpSchema.TextContent) wrongType.content().get(0)).text().contains("limit"), wrongType.toString());
        // a malformed call the schema lets through: a JSON-RPC error (invalid params) naming what is wrong
        McpError unknownArgument = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest("search_lineage_nodes",
                Map.of("query", "email", "limt", 5))));
        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, unknownArgument.getJsonRpcError().code());
        assertEquals("search_lineage_nodes: unknown argument 'limt' (known: limit, query)", unknownArgument.getJsonRpcError().message());
        McpError badName = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest("column_impact",
                Map.of("column", "acme-shop.raw"))));
        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, badName.getJsonRpcError().code());
        // a call of no tool: a JSON-RPC error (invalid params)
        McpError noTool = assertThrows(McpError.class, () -> client.callTool(new McpSchema.CallToolRequest("drop_table", Map.of())));
        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, noTool.getJsonRpcError().code());
    }

    @Test
    void theToolsAnswerOverStreamableHttpWithTheAdminToken() {
        try (McpSyncClient client = http(TOKEN)) {
            answers(client);
        }
        // a message that is no JSON: a JSON-RPC error response, nothing of the server's insides
        Reply garbage = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/mcp"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(java.net.http.HttpRequest.BodyPublishers.ofString("not json"))
                .build());
        assertEquals(400, garbage.status());
        assertEquals("2.0", garbage.json().path("jsonrpc").asText());
        assertEquals(McpSchema.ErrorCodes.INVALID_REQUEST, garbage.json().path("error").path("code").asInt());
        assertEquals(List.of("error", "id", "jsonrpc"), sortedNames(garbage.json().fieldNames()));
        assertEquals(401, send("POST", "/mcp", null, "{}").status());
        assertEquals(403, send("POST", "/mcp", "not-the-token", "{}").status());
    }

    private static List<String> sortedNames(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        out.sort(null);
        return out;
    }

    @Test
    void theToolsAnswerOverStdio() {
        try (McpSyncClient client = stdio()) {
            answers(client);
        }
    }
}
