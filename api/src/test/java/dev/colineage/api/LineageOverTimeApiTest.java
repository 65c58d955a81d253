package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lineage over time on the sample warehouse, over real HTTP: a pipeline that stops on 15 October (retired
 * 30 whole days and a day's grace later, on 16 November, once the log has gone past it), a view redefined
 * on 16 October, a table dropped on 12 October and created again on 19 October, and a job that runs on the
 * first of each month. The log's newest job is on 20 November.
 */
class LineageOverTimeApiTest extends ApiTestSupport {

    private static final String STG_EMAIL = "acme-shop.staging.stg_customers.email";
    private static final String NEWSLETTER_EMAIL = "acme-shop.mart.newsletter_subscribers.email";

    /** The hits as "depth id", sorted. */
    private static List<String> hits(String path) {
        Reply r = get(path);
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().get("hits").forEach(h -> out.add(h.get("depth").asInt() + " " + h.get("id").asText()));
        out.sort(null);
        return out;
    }

    /** The lineage edges of an answer as "source -> target current|retired_at". */
    private static List<String> edges(String path) {
        Reply r = get(path);
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        for (JsonNode e : r.json().get("edges")) {
            if (e.has("current")) {
                out.add(e.get("source").asText() + " -> " + e.get("target").asText() + " "
                        + (e.get("current").asBoolean() ? "current" : "retired " + e.get("retired_at").asText()));
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aPipelineThatStoppedMidOctoberIsRetiredFromCurrentLineageButKeptInHistory() {
        String path = "/api/v1/columns/" + STG_EMAIL + "/downstream?depth=1";
        List<String> current = List.of(
                "1 acme-shop.mart.marketing_contacts.email",
                "1 acme-shop.mart.vip_contacts.email",
                "1 acme-shop.mart.vw_contactable_customers",
                "1 acme-shop.mart.vw_contactable_customers.country",
                "1 acme-shop.mart.vw_contactable_customers.customer_id",
                "1 acme-shop.mart.vw_contactable_customers.email_token",
                "1 acme-shop.mart.vw_contactable_customers.lifetime_value");
        assertEquals(current, hits(path));
        assertEquals(current, hits(path + "&as_of=2026-11-16"), "retired at the start of 16 November");
        List<String> withNewsletter = new ArrayList<>(current);
        withNewsletter.add(1, "1 " + NEWSLETTER_EMAIL);
        assertEquals(withNewsletter, hits(path + "&as_of=2026-11-15"), "still current as 15 November closed");
        assertEquals(withNewsletter, hits(path + "&history=true"));
        List<String> october10 = new ArrayList<>(withNewsletter);
        october10.remove("1 acme-shop.mart.vip_contacts.email");     // written first on 21 October
        assertEquals(october10, hits(path + "&as_of=2026-10-10T12:00:00Z"));

        Reply history = get(path + "&history=true");
        JsonNode retired = null;
        for (JsonNode e : history.json().get("edges")) {
            if (e.get("target").asText().equals(NEWSLETTER_EMAIL)) {
                retired = e;
            }
        }
        assertEquals("2026-10-01T08:01:12Z", retired.get("first_seen").asText());
        assertEquals("2026-10-15T08:02:04Z", retired.get("last_seen").asText());
        assertEquals(false, retired.get("current").asBoolean());
        assertEquals("2026-11-16T00:00:00Z", retired.get("retired_at").asText());

        // the edge with the SQL behind it says so too
        JsonNode edge = get("/api/v1/edges?source=" + STG_EMAIL + "&target=" + NEWSLETTER_EMAIL).json().get("edges").get(0);
        assertEquals(false, edge.get("current").asBoolean());
        assertEquals("2026-11-16T00:00:00Z", edge.get("retired_at").asText());
        JsonNode live = get("/api/v1/edges?source=" + STG_EMAIL + "&target=acme-shop.mart.marketing_contacts.email").json()
                .get("edges").get(0);
        assertEquals(true, live.get("current").asBoolean());
        assertTrue(!live.has("retired_at"), live.toString());
    }

    @Test
    void aRedefinedViewAnswersWithTheDefinitionOfTheTime() {
        String path = "/api/v1/columns/acme-shop.mart.vw_order_summary.order_total/upstream?depth=1";
        assertEquals(List.of("1 acme-shop.mart.fct_orders.paid_amount"), hits(path));
        assertEquals(List.of("1 acme-shop.mart.fct_orders.paid_amount"), hits(path + "&as_of=2026-10-16T11:00:00Z"));
        assertEquals(List.of("1 acme-shop.mart.fct_orders.order_total"), hits(path + "&as_of=2026-10-16T10:59:59Z"));
        assertEquals(List.of("1 acme-shop.mart.fct_orders.order_total", "1 acme-shop.mart.fct_orders.paid_amount"),
                hits(path + "&history=true"));
        assertEquals(List.of(
                        "acme-shop.mart.fct_orders.order_total -> acme-shop.mart.vw_order_summary.order_total retired 2026-10-16T11:00:00Z",
                        // the new definition's WHERE paid_amount IS NOT NULL
                        "acme-shop.mart.fct_orders.paid_amount -> acme-shop.mart.vw_order_summary current",
                        "acme-shop.mart.fct_orders.paid_amount -> acme-shop.mart.vw_order_summary.order_total current"),
                edges(path + "&history=true"));
        // the first definition's column is gone from the view as it is now
        assertEquals(List.of(), hits("/api/v1/columns/acme-shop.mart.fct_orders.payment_method/downstream"
                + "?depth=1").stream().filter(h -> h.contains("vw_order_summary")).toList());
        assertEquals(List.of("1 acme-shop.mart.vw_order_summary.payment_method"),
                hits("/api/v1/columns/acme-shop.mart.fct_orders.payment_method/downstream?depth=1&as_of=2026-10-10")
                        .stream().filter(h -> h.contains("vw_order_summary")).toList());
    }

    @Test
    void aDroppedTableHasNoLineageUntilItIsCreatedAgain() {
        String table = "/api/v1/tables/acme-shop.mart.promo_targets/downstream";
        List<String> reader = List.of("1 acme-shop.mart.promo_results");
        assertEquals(reader, hits(table));
        assertEquals(reader, hits(table + "?as_of=2026-10-08"));
        assertEquals(List.of(), hits(table + "?as_of=2026-10-15"), "dropped on 12 October");
        assertEquals(reader, hits(table + "?as_of=2026-10-19"), "created again on 19 October");
        // a table-level edge lives as long as the column edges it stands for
        assertEquals(List.of("acme-shop.mart.promo_targets -> acme-shop.mart.promo_results current"), edges(table + "?depth=1"));
        JsonNode feed = get(table + "?depth=1").json().get("edges").get(0);
        assertEquals("FEEDS_TABLE", feed.get("relation").asText());
        assertTrue(feed.get("first_seen").asText().startsWith("2026-10-05T09:3"), feed.toString());
        assertEquals("2026-11-20", feed.get("last_seen").asText().substring(0, 10));
        String upstream = "/api/v1/tables/acme-shop.mart.promo_targets/upstream?depth=1";
        assertEquals(List.of("1 acme-shop.mart.dim_customer"), hits(upstream));
        assertEquals(List.of(), hits(upstream + "&as_of=2026-10-15"));
    }

    @Test
    void aJobRunningOnTheFirstOfEachMonthStaysCurrentAllMonth() {
        String path = "/api/v1/columns/acme-shop.mart.monthly_country_revenue.revenue/upstream?depth=1";
        // the sum of revenue, grouped by month and country
        List<String> source = List.of("1 acme-shop.mart.daily_revenue.country", "1 acme-shop.mart.daily_revenue.order_date",
                "1 acme-shop.mart.daily_revenue.revenue");
        assertEquals(source, hits(path));
        for (String day : List.of("2026-10-01", "2026-10-15", "2026-10-31", "2026-11-01", "2026-11-20")) {
            assertEquals(source, hits(path + "&as_of=" + day), day);
        }
        assertEquals(List.of(), hits(path + "&as_of=2026-09-30"), "before its first run");
        assertTrue(edges(path).contains("acme-shop.mart.daily_revenue.revenue -> acme-shop.mart.monthly_country_revenue.revenue current"),
                edges(path).toString());
    }

    @Test
    void changesListWhatBecameCurrentOrRetiredAndWhy() {
        Reply r = get("/api/v1/changes?since=2026-10-10&until=2026-10-20");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("{\"changes\":17,\"became_current\":9,\"retired\":8,\"new_query\":3,\"resumed\":6,\"superseded\":2,"
                + "\"dropped\":6,\"inactive\":0}", body.get("summary").toString());
        List<String> tables = new ArrayList<>();
        body.get("tables").forEach(t -> tables.add(t.get("table").asText() + " " + t.get("changes").size()));
        assertEquals(List.of("acme-shop.mart.promo_results 4", "acme-shop.mart.promo_targets 8", "acme-shop.mart.vw_order_summary 5"),
                tables);
        JsonNode drop = body.get("tables").get(1).get("changes").get(0);
        assertEquals("2026-10-12T08:00:15Z", drop.get("at").asText());
        assertEquals("RETIRED", drop.get("change").asText());
        assertEquals("DROPPED", drop.get("reason").asText());
        assertEquals("CREATE_TABLE_AS_SELECT", drop.get("queries").get(0).get("statement_type").asText());
        assertEquals("[\"ana@acme-shop.com\"]", drop.get("queries").get(0).get("users").toString());
        assertEquals("DROP_TABLE", drop.get("by").get(0).get("statement_type").asText());
        assertEquals("acme-shop.mart.dim_customer.age_band", drop.get("edge").get("source").asText());

        List<String> view = new ArrayList<>();
        get("/api/v1/changes?since=2026-10-01&table=acme-shop.mart.vw_order_summary").json().get("tables").get(0).get("changes")
                .forEach(c -> view.add(c.get("at").asText() + " " + c.get("reason").asText() + " " + c.get("edge").get("source").asText()
                        + " -> " + c.get("edge").get("target").asText()));
        assertTrue(view.contains("2026-10-16T11:00:00Z SUPERSEDED acme-shop.mart.fct_orders.order_total -> "
                + "acme-shop.mart.vw_order_summary.order_total"), view.toString());
        assertTrue(view.contains("2026-10-16T11:00:00Z NEW_QUERY acme-shop.mart.fct_orders.paid_amount -> "
                + "acme-shop.mart.vw_order_summary.order_total"), view.toString());

        JsonNode november = get("/api/v1/changes?since=2026-11-01").json();
        assertEquals("{\"changes\":4,\"became_current\":0,\"retired\":4,\"new_query\":0,\"resumed\":0,\"superseded\":0,"
                + "\"dropped\":0,\"inactive\":4}", november.get("summary").toString());
        assertEquals("acme-shop.mart.newsletter_subscribers", november.get("tables").get(0).get("table").asText());
        assertEquals("2026-11-16T00:00:00Z", november.get("tables").get(0).get("changes").get(0).get("at").asText());

        JsonNode limited = get("/api/v1/changes?since=2026-10-10&until=2026-10-20&limit=5").json();
        assertEquals(true, limited.get("truncated").asBoolean());
        assertEquals(17, limited.get("summary").get("changes").asInt());
    }

    @Test
    void piiFlowsAndPlansFollowTheLineageOfTheTime() {
        String flows = "/api/v1/pii/flows?column=" + STG_EMAIL;
        Reply now = get(flows);
        assertEquals(200, now.status(), now.body());
        assertTrue(!now.body().contains(NEWSLETTER_EMAIL), "the stopped pipeline no longer exposes e-mails");
        assertTrue(get(flows + "&as_of=2026-10-10").body().contains(NEWSLETTER_EMAIL));
        assertTrue(get(flows + "&history=true").body().contains(NEWSLETTER_EMAIL));

        Reply plan = send("POST", "/api/v1/plans", null, "{\"columns\": [\"" + STG_EMAIL + "\"]}");
        assertEquals(200, plan.status(), plan.body());
        assertTrue(!plan.body().contains("acme-shop.mart.newsletter_subscribers"), plan.body());
        Reply then = send("POST", "/api/v1/plans", null, "{\"columns\": [\"" + STG_EMAIL + "\"], \"as_of\": \"2026-10-10\"}");
        assertEquals(200, then.status(), then.body());
        assertTrue(then.body().contains("acme-shop.mart.newsletter_subscribers"), then.body());
    }

    @Test
    void badTimeParametersAreRefusedByName() {
        Reply both = get("/api/v1/columns/" + STG_EMAIL + "/downstream?as_of=2026-10-10&history=true");
        assertEquals(400, both.status());
        assertEquals("Bad parameter: history", both.json().get("title").asText());
        Reply date = get("/api/v1/columns/" + STG_EMAIL + "/downstream?as_of=yesterday");
        assertEquals(400, date.status());
        assertEquals("Bad parameter: as_of", date.json().get("title").asText());
        assertEquals(400, get("/api/v1/changes").status(), "since is required");
        Reply backwards = get("/api/v1/changes?since=2026-10-20&until=2026-10-10");
        assertEquals(400, backwards.status());
        assertEquals("Bad parameter: until", backwards.json().get("title").asText());
        assertEquals(400, get("/api/v1/changes?since=2026-10-01&table=not-a-table").status());
        assertEquals(400, get("/api/v1/changes?since=2026-10-01&color=red").status());
        assertEquals(404, get("/api/v1/changes?since=2026-10-01&table=acme-shop.mart.no_such_table").status());
    }
}
