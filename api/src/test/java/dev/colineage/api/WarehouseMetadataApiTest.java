package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 over HTTP: the sample's lineage through what only the warehouse's metadata shows: a view
 * created before the month, a UDF that hashes, a table function, a procedure run by a CALL job, a
 * snapshot and a materialized view.
 */
class WarehouseMetadataApiTest extends ApiTestSupport {

    private static List<String> hits(JsonNode reply) {
        List<String> out = new ArrayList<>();
        reply.get("hits").forEach(h -> out.add(h.get("depth").asInt() + " " + h.get("id").asText()
                + (h.get("masking") != null && h.get("masking").asBoolean() ? " masked" : "")));
        out.sort(null);
        return out;
    }

    @Test
    void theMetadataOnlyViewConnectsItsReadersToTheirOrigin() {
        JsonNode up = get("/api/v1/columns/acme-shop.mart.crm_audience.email_token/upstream?direct=true").json();
        assertEquals(List.of(
                "1 acme-shop.mart.vw_contactable_customers.email_token",
                "2 acme-shop.staging.stg_customers.email",
                "3 acme-shop.raw.customers.email"), hits(up));
        JsonNode edge = get("/api/v1/edges?source=acme-shop.staging.stg_customers.email"
                + "&target=acme-shop.mart.vw_contactable_customers.email_token").json().get("edges").get(0);
        assertEquals("DIRECT TRANSFORMATION true", edge.get("type").asText() + " " + edge.get("subtype").asText() + " "
                + edge.get("masking").asBoolean(), "the persistent UDF's body hashes: " + edge);
        JsonNode query = edge.get("queries").get(0);
        assertEquals("DEFINITION CREATE_VIEW 2026-09-14T08:00:00Z", query.get("kind").asText() + " "
                + query.get("statement_type").asText() + " " + query.get("last_seen").asText());
        assertEquals("CREATE OR REPLACE VIEW `acme-shop.mart.vw_contactable_customers` AS\nSELECT c.customer_id, "
                + "`acme-shop.util.hash_email`(c.email) AS email_token, c.country, l.lifetime_value", query.get("sample_sql").asText()
                .lines().limit(2).reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    @Test
    void theHashingUdfMasksPiiThroughTheView() {
        JsonNode flows = get("/api/v1/pii/flows?column=acme-shop.raw.customers.email").json().get("columns").get(0);
        List<String> masked = new ArrayList<>();
        flows.get("masked").forEach(m -> masked.add(m.get("column").asText()));
        assertEquals(List.of("acme-shop.mart.vw_contactable_customers.email_token", "acme-shop.staging.stg_customers.email_hash"),
                masked, "the hash in util.hash_email stops PII: crm_audience.email_token is not exposed");
        List<String> exposed = new ArrayList<>();
        flows.get("exposed").forEach(m -> exposed.add(m.get("column").asText()));
        assertEquals(List.of("acme-shop.staging.stg_customers.email", "acme-shop.mart.marketing_contacts.email",
                "acme-shop.mart.vip_contacts.email"), exposed);
    }

    @Test
    void theTableFunctionsCallerTracesToTheTableItReads() {
        JsonNode up = get("/api/v1/columns/acme-shop.mart.de_orders.order_total/upstream?direct=true&depth=1").json();
        assertEquals(List.of("1 acme-shop.mart.fct_orders.order_total"), hits(up));
        JsonNode filters = get("/api/v1/columns/acme-shop.mart.fct_orders.country/downstream?depth=1").json();
        assertEquals(true, hits(filters).contains("1 acme-shop.mart.de_orders"),
                "the function's WHERE country = wanted decides the caller's rows: " + hits(filters));
    }

    @Test
    void theProcedureACallJobRunsWritesItsTable() {
        JsonNode up = get("/api/v1/columns/acme-shop.mart.vip_customers.lifetime_value/upstream?direct=true&depth=2").json();
        assertEquals(List.of("1 acme-shop.mart.customer_ltv.lifetime_value", "2 acme-shop.mart.fct_orders.order_total"), hits(up));
        JsonNode edge = get("/api/v1/edges?source=acme-shop.mart.customer_ltv.lifetime_value"
                + "&target=acme-shop.mart.vip_customers.lifetime_value").json().get("edges").get(0);
        JsonNode query = edge.get("queries").get(0);
        assertEquals("JOB SCRIPT CALL mart.refresh_vip_customers(1000)", query.get("kind").asText() + " "
                + query.get("statement_type").asText() + " " + query.get("sample_sql").asText());
    }

    @Test
    void theSnapshotAndTheMaterializedViewAreDownstreamOfTheirBase() {
        JsonNode down = get("/api/v1/columns/acme-shop.mart.fct_orders.order_total/downstream?direct=true&depth=1").json();
        assertEquals(List.of(
                "1 acme-shop.mart.campaign_performance.revenue",
                "1 acme-shop.mart.customer_ltv.lifetime_value",
                "1 acme-shop.mart.daily_revenue.revenue",
                "1 acme-shop.mart.de_orders.order_total",
                "1 acme-shop.mart.fct_orders_snapshot_20260930.order_total",
                "1 acme-shop.mart.marketing_contacts.lifetime_value",
                "1 acme-shop.mart.mv_orders_by_day.revenue"), hits(down));
    }
}
