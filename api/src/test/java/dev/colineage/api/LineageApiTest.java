package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The read endpoints over real HTTP, against the sample warehouse's graph. */
class LineageApiTest extends ApiTestSupport {

    private static final String EMAIL = "acme-shop.raw.customers.email";

    private static List<String> hits(JsonNode reply) {
        List<String> out = new ArrayList<>();
        reply.get("hits").forEach(h -> out.add(h.get("depth").asInt() + " " + h.get("id").asText()));
        out.sort(null);
        return out;
    }

    @Test
    void downstreamImpactOfAColumnWithPathsAndSummary() {
        Reply r = get("/api/v1/columns/" + EMAIL + "/downstream");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(List.of(
                "1 acme-shop.staging.stg_customers.email",
                "1 acme-shop.staging.stg_customers.email_hash",
                "2 acme-shop.mart.dim_customer.email_hash",
                "2 acme-shop.mart.marketing_contacts.email",
                "2 acme-shop.mart.vip_contacts.email",
                // through the view only the metadata defines; its WHERE email IS NOT NULL decides all its rows
                "2 acme-shop.mart.vw_contactable_customers",
                "2 acme-shop.mart.vw_contactable_customers.country",
                "2 acme-shop.mart.vw_contactable_customers.customer_id",
                "2 acme-shop.mart.vw_contactable_customers.email_token",
                "2 acme-shop.mart.vw_contactable_customers.lifetime_value",
                "3 acme-shop.mart.crm_audience",
                "3 acme-shop.mart.crm_audience.country",
                "3 acme-shop.mart.crm_audience.email_token",
                "3 acme-shop.mart.crm_audience.lifetime_value",
                // the table created again on 19 October; the newsletter pipeline stopped on 15 October is retired
                "3 acme-shop.mart.promo_targets.email_hash",
                "3 acme-shop.mart.vw_active_customers.email_hash"), hits(body));
        assertEquals(false, body.get("truncated").asBoolean());
        JsonNode lean = get("/api/v1/columns/" + EMAIL + "/downstream?paths=false").json();
        assertEquals(0, lean.get("hits").size(), "paths=false: no explaining paths");
        assertEquals(body.get("nodes"), lean.get("nodes"));
        assertEquals(body.get("edges"), lean.get("edges"));
        assertEquals("downstream", body.get("direction").asText());
        JsonNode summary = body.get("summary");
        assertEquals(14, summary.get("columns").asInt());
        assertEquals(8, summary.get("tables").asInt());
        assertEquals("[\"acme-shop.mart\",\"acme-shop.staging\"]", summary.get("datasets").toString());
        Set<String> statementTypes = new TreeSet<>();
        summary.get("queries").forEach(q -> statementTypes.add(q.get("statement_type").asText()));
        assertEquals(Set.of("SELECT", "MERGE", "SCRIPT", "CREATE_TABLE_AS_SELECT", "CREATE_VIEW"), statementTypes);
        JsonNode viewHit = null;
        for (JsonNode h : body.get("hits")) {
            if (h.get("id").asText().endsWith("vw_active_customers.email_hash")) {
                viewHit = h;
            }
        }
        List<String> path = new ArrayList<>();
        viewHit.get("path").forEach(e -> path.add(e.get("source").asText() + " -" + e.get("subtype").asText()
                + (e.get("masking").asBoolean() ? "/masked" : "") + "-> " + e.get("target").asText()));
        assertEquals(List.of(
                "acme-shop.raw.customers.email -TRANSFORMATION/masked-> acme-shop.staging.stg_customers.email_hash",
                "acme-shop.staging.stg_customers.email_hash -IDENTITY-> acme-shop.mart.dim_customer.email_hash",
                "acme-shop.mart.dim_customer.email_hash -IDENTITY-> acme-shop.mart.vw_active_customers.email_hash"), path);
    }

    @Test
    void upstreamOriginDepthDirectAndLimit() {
        JsonNode up = get("/api/v1/columns/acme-shop.mart.marketing_contacts.email/upstream?direct=true").json();
        assertEquals(List.of("1 acme-shop.staging.stg_customers.email", "2 acme-shop.raw.customers.email"), hits(up));

        JsonNode withIndirect = get("/api/v1/columns/acme-shop.mart.marketing_contacts.email/upstream?depth=1").json();
        assertTrue(hits(withIndirect).contains("1 acme-shop.staging.stg_customers.customer_id"),
                "the join key is an INDIRECT input: " + hits(withIndirect));
        assertTrue(hits(withIndirect).stream().allMatch(h -> h.startsWith("1 ")));

        JsonNode limited = get("/api/v1/columns/" + EMAIL + "/downstream?limit=2").json();
        assertEquals(2, limited.get("hits").size());
        assertEquals(true, limited.get("truncated").asBoolean());

        JsonNode masked = get("/api/v1/columns/" + EMAIL + "/downstream?masking=false&direct=true").json();
        assertEquals(List.of("1 acme-shop.staging.stg_customers.email", "2 acme-shop.mart.marketing_contacts.email",
                "2 acme-shop.mart.vip_contacts.email"), hits(masked));

        JsonNode aggregation = get("/api/v1/columns/acme-shop.mart.fct_orders.order_total/downstream?subtypes=AGGREGATION&depth=1").json();
        assertEquals(List.of("1 acme-shop.mart.daily_revenue.revenue"), hits(aggregation).stream()
                .filter(h -> h.contains("daily_revenue")).toList());
    }

    @Test
    void tableLineageAndSearchAndDetails() {
        JsonNode tables = get("/api/v1/tables/acme-shop.raw.payments/downstream?direct=true").json();
        assertEquals(List.of("1 acme-shop.staging.stg_payments", "2 acme-shop.mart.fct_orders"), hits(tables).subList(0, 2));
        assertEquals(17, tables.get("summary").get("tables").asInt(), "with promo_targets and promo_results");

        JsonNode search = get("/api/v1/search?q=EMAIL").json();
        assertEquals("[\"acme-shop.raw.customers.email\",\"acme-shop.mart.vip_contacts.email\","
                + "\"acme-shop.staging.stg_customers.email\",\"acme-shop.mart.dim_customer.email_hash\","
                + "\"acme-shop.mart.crm_audience.email_token\","
                + "\"acme-shop.mart.marketing_contacts.email\",\"acme-shop.mart.promo_targets.email_hash\","
                + "\"acme-shop.staging.stg_customers.email_hash\",\"acme-shop.mart.newsletter_subscribers.email\","
                + "\"acme-shop.mart.vw_active_customers.email_hash\",\"acme-shop.mart.vw_contactable_customers.email_token\"]",
                search.get("columns").toString());

        JsonNode column = get("/api/v1/columns/" + EMAIL).json();
        assertEquals("STRING", column.get("type").asText());
        assertTrue(column.get("policy_tag").asText().endsWith("/policyTags/pii"));
        assertEquals(0, column.get("written_by").size(), "a raw column: loaded, not written by a query");
        assertEquals(1, column.get("read_by").size(), "stg_customers' daily SELECT (the analysts' lookup has no target)");

        String fp = column.get("read_by").get(0).get("fingerprint").asText();
        JsonNode query = get("/api/v1/queries/" + fp).json();
        assertTrue(query.get("sample_sql").asText().contains("raw.customers"));

        JsonNode edge = get("/api/v1/edges?source=" + EMAIL + "&target=acme-shop.staging.stg_customers.email_hash").json();
        assertEquals("TRANSFORMATION", edge.get("edges").get(0).get("subtype").asText());
        assertTrue(edge.get("edges").get(0).get("queries").get(0).get("sample_sql").asText().contains("SHA256"));
    }

    @Test
    void errorsAreProblemDetailsWithTheRightStatus() {
        Reply unknown = get("/api/v1/columns/acme-shop.raw.customers.nope/downstream");
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json; charset=utf-8", unknown.contentType());
        assertEquals("no column acme-shop.raw.customers.nope in the lineage graph", unknown.json().get("detail").asText());
        assertEquals(404, unknown.json().get("status").asInt());

        Reply depth = get("/api/v1/columns/" + EMAIL + "/downstream?depth=0");
        assertEquals(400, depth.status());
        assertEquals("Bad parameter: depth", depth.json().get("title").asText());
        assertEquals(400, get("/api/v1/columns/" + EMAIL + "/downstream?depth=x").status());
        assertEquals("Bad parameter: dpeth", get("/api/v1/columns/" + EMAIL + "/downstream?dpeth=2").json().get("title").asText());
        assertEquals("Bad parameter: subtypes", get("/api/v1/columns/" + EMAIL + "/downstream?subtypes=HASH").json().get("title").asText());
        assertEquals("Bad parameter: direct", get("/api/v1/columns/" + EMAIL + "/downstream?direct=yes").json().get("title").asText());
        assertEquals("Bad parameter: limit", get("/api/v1/columns/" + EMAIL + "/downstream?limit=100000").json().get("title").asText());
        assertEquals("Bad parameter: column", get("/api/v1/columns/customers.email/downstream").json().get("title").asText());
        assertEquals("Bad parameter: table", get("/api/v1/tables/a.b.c.d/upstream").json().get("title").asText());
        assertEquals("Bad parameter: q", get("/api/v1/search").json().get("title").asText());
        assertEquals("Bad parameter: fingerprint", get("/api/v1/queries/xyz'").json().get("title").asText());
        Reply noRoute = get("/api/v1/nothing");
        assertEquals(404, noRoute.status());
        assertEquals("application/problem+json; charset=utf-8", noRoute.contentType());
    }

    @Test
    void healthMetricsAndOpenApi() {
        assertEquals("UP", get("/health").json().get("status").asText());
        get("/api/v1/columns/" + EMAIL + "/downstream");
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("colineage_http_request_seconds_bucket{method=\"GET\",route=\"/api/v1/columns/{column}/downstream\",status=\"200\",le=\"+Inf\"}"),
                metrics);
        assertTrue(metrics.contains("colineage_traversal_hits_count"), metrics);
        JsonNode openapi = get("/api/v1/openapi.json").json();
        assertEquals("3.0.3", openapi.get("openapi").asText());
        Set<String> paths = new TreeSet<>();
        openapi.get("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.containsAll(Set.of("/columns/{column}/downstream", "/columns/{column}/upstream", "/columns/{column}",
                "/tables/{table}/downstream", "/tables/{table}/upstream", "/search", "/pii/flows",
                "/columns/{column}/tags/{tag}", "/runs", "/openlineage/events", "/openlineage")), paths.toString());
    }
}
