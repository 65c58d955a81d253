package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Re-run plans over HTTP on the sample warehouse. */
class PlanApiTest extends ApiTestSupport {

    @Test
    void aChangeToCustomersEmailReRunsItsDownstreamInWaves() {
        Reply r = send("POST", "/api/v1/plans", null, "{\"columns\": [\"acme-shop.raw.customers.email\"]}");
        assertEquals(200, r.status(), r.body());
        JsonNode plan = r.json();
        assertEquals("[[\"acme-shop.staging.stg_customers\"],"
                + "[\"acme-shop.mart.dim_customer\",\"acme-shop.mart.marketing_contacts\",\"acme-shop.mart.vip_contacts\","
                + "\"acme-shop.mart.vw_contactable_customers\"],"
                + "[\"acme-shop.mart.crm_audience\",\"acme-shop.mart.promo_targets\",\"acme-shop.mart.vw_active_customers\"]]",
                plan.get("waves").toString(), "current lineage: the newsletter pipeline that stopped on 15 October is not re-run");
        assertEquals(8, plan.get("affected_tables").asInt());
        assertEquals("[]", plan.get("cycles").toString());
        JsonNode view = null;
        for (JsonNode t : plan.get("tables")) {
            view = t.get("table").asText().equals("acme-shop.mart.vw_active_customers") ? t : view;
        }
        assertEquals("acme-shop.mart.vw_active_customers", view.get("table").asText());
        assertEquals("[\"acme-shop.mart.dim_customer\"]", view.get("depends_on").toString());
        assertEquals("acme-shop.mart.dim_customer.email_hash", view.get("reason").get("source").asText());
    }

    /** One read model per server: impact, PII flows and plans answer from the same loaded graph. */
    @Test
    void everyQuestionReadsTheServersOneLineageGraph() {
        var graphs = server().lineageGraphs();
        var graph = graphs.fresh();
        int loads = graphs.loads();
        assertEquals(200, get("/api/v1/columns/acme-shop.raw.customers.email/downstream").status());
        assertEquals(200, get("/api/v1/pii/flows?column=acme-shop.raw.customers.email").status());
        assertEquals(200, send("POST", "/api/v1/plans", null, "{\"columns\": [\"acme-shop.raw.customers.email\"]}").status());
        assertEquals(loads, graphs.loads(), "no second copy was loaded for plans or PII");
        org.junit.jupiter.api.Assertions.assertSame(graph, graphs.current());
    }

    /** serve warms the answer path at start-up from the same read model: the busiest columns, asked each way. */
    @Test
    void theStartUpWarmUpReadsTheSameLineageGraph() throws Exception {
        var graphs = server().lineageGraphs();
        var graph = graphs.fresh();
        int loads = graphs.loads();
        assertTrue(server().warmUp().get(60, java.util.concurrent.TimeUnit.SECONDS).toMillis() >= 0);
        assertEquals(loads, graphs.loads(), "the warm-up loads nothing of its own");
        org.junit.jupiter.api.Assertions.assertSame(graph, graphs.current());
        // the order facts feed the most columns (their ties by name)
        assertEquals(List.of("acme-shop.mart.fct_orders.order_date", "acme-shop.mart.fct_orders.order_total",
                "acme-shop.mart.fct_orders.customer_id"), new dev.colineage.graph.memory.InMemoryLineageReader(graphs).busiestColumns(3));
    }

    @Test
    void columnLevelPrecision() {
        // country reaches the marts; phone is read by no query that writes anything
        JsonNode phone = send("POST", "/api/v1/plans", null, "{\"tables\": [], \"columns\": [\"acme-shop.raw.customers.birth_date\"]}").json();
        assertEquals("[[\"acme-shop.staging.stg_customers\"],[\"acme-shop.mart.dim_customer\"],"
                + "[\"acme-shop.mart.promo_targets\",\"acme-shop.mart.vip_customers\",\"acme-shop.mart.vw_active_customers\"],"
                + "[\"acme-shop.mart.promo_results\"]]", phone.get("waves").toString(),
                "birth_date feeds age_band only: the marketing and VIP contact lists are untouched; the procedure's "
                + "vip_customers copies age_band");
    }

    @Test
    void anAirflowDagThatCompiles() throws Exception {
        Reply r = send("POST", "/api/v1/plans", null,
                "{\"columns\": [\"acme-shop.raw.customers.email\"], \"format\": \"airflow\", \"dag_id\": \"email_change\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/x-python"), r.contentType());
        assertTrue(r.body().contains("acme_shop_staging_stg_customers >> acme_shop_mart_dim_customer"), r.body());
        Path file = Files.createTempFile("colineage-plan", ".py");
        file.toFile().deleteOnExit();
        Files.writeString(file, r.body());
        Process p = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void badRequestsAreProblems() {
        assertEquals("Bad parameter: columns", send("POST", "/api/v1/plans", null, "{}").json().get("title").asText());
        assertEquals("Bad parameter: column", send("POST", "/api/v1/plans", null, "{\"columns\": [\"email\"]}").json().get("title").asText());
        assertEquals("Bad parameter: format", send("POST", "/api/v1/plans", null,
                "{\"columns\": [\"acme-shop.raw.customers.email\"], \"format\": \"dot\"}").json().get("title").asText());
        assertEquals("Bad parameter: body", send("POST", "/api/v1/plans", null, "[").json().get("title").asText());
        Reply unknown = send("POST", "/api/v1/plans", null, "{\"tables\": [\"acme-shop.raw.nope\"]}");
        assertEquals(404, unknown.status());
        assertEquals("not in the lineage graph: table acme-shop.raw.nope", unknown.json().get("detail").asText());
    }

    @Test
    void executingAPlanRunsWaveByWaveAndStopsAfterAFailedWave() throws Exception {
        String body = "{\"columns\": [\"acme-shop.raw.customers.email\"], \"max_attempts\": 1}";
        assertEquals(401, send("POST", "/api/v1/plans/execute", null, body).status());
        Reply started = send("POST", "/api/v1/plans/execute", TOKEN, body);
        assertEquals(202, started.status(), started.body());
        String id = started.json().get("execution_id").asText();
        JsonNode execution = null;
        for (int i = 0; i < 200; i++) {
            for (JsonNode e : get("/api/v1/plans/executions").json().get("executions")) {
                if (e.get("execution_id").asText().equals(id) && !e.get("state").asText().equals("RUNNING")
                        && !e.get("state").asText().equals("QUEUED")) {
                    execution = e;
                }
            }
            if (execution != null) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("FAILED", execution.get("state").asText(), execution.toString());
        java.util.Map<String, String> states = new java.util.TreeMap<>();
        execution.get("tables").forEach(t -> states.put(t.get("table").asText(), t.get("state").asText()));
        assertEquals(java.util.Map.of("acme-shop.staging.stg_customers", "SUCCEEDED", "acme-shop.mart.dim_customer", "SUCCEEDED",
                "acme-shop.mart.marketing_contacts", "SUCCEEDED", "acme-shop.mart.vip_contacts", "FAILED",
                "acme-shop.mart.vw_active_customers", "SKIPPED", "acme-shop.mart.vw_contactable_customers", "SUCCEEDED",
                "acme-shop.mart.crm_audience", "SKIPPED", "acme-shop.mart.promo_targets", "SKIPPED"), states);
        java.util.List<String> ran = Files.readAllLines(planLog);
        assertEquals("acme-shop.staging.stg_customers", ran.get(0), "wave 0 first");
        assertEquals(5, ran.size(), "wave 2 never ran: " + ran);

        // the execution is recorded in the graph: a server started afterwards lists it as it ended
        try (ApiServer restarted = new ApiServer(store().driver(), store().embedded().orElseThrow().boltUri(),
                new ApiSettings(0, java.util.Optional.of(TOKEN), PiiRules.defaults(), java.time.Duration.ofSeconds(5),
                        List.of("/bin/echo"), runLogs))) {
            var reply = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + restarted.port() + "/api/v1/plans/executions")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode recorded = null;
            for (JsonNode e : new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body()).get("executions")) {
                recorded = e.get("execution_id").asText().equals(id) ? e : recorded;
            }
            assertEquals(execution.toString(), String.valueOf(recorded), "the same report after a restart");
        }
    }
}
