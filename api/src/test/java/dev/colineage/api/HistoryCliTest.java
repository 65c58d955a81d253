package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code colineage lineage} and {@code colineage changes} over the sample warehouse's graph, reached by its Bolt URI. */
class HistoryCliTest extends ApiTestSupport {

    /** Exit code, standard output, standard error. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HistoryCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(Map.of("NEO4J_URI", store().embedded().orElseThrow().boltUri()), args);
    }

    @Test
    void lineageNowAsOfADayAndInHistory() {
        Run now = run("lineage", "acme-shop.staging.stg_customers.email", "--depth", "1", "--direct");
        assertEquals(0, now.code(), now.err());
        assertEquals(List.of(
                "What depends on acme-shop.staging.stg_customers.email (current lineage)",
                "  depth 1  acme-shop.mart.marketing_contacts.email                 DIRECT/IDENTITY  "
                        + "seen 2026-10-01T06:01:00Z .. 2026-10-31T06:08:00Z, current",
                "  depth 1  acme-shop.mart.vip_contacts.email                       DIRECT/IDENTITY  "
                        + "seen 2026-10-21T14:03:00Z .. 2026-10-21T14:03:00Z, current",
                "  depth 1  acme-shop.mart.vw_contactable_customers.email_token     DIRECT/TRANSFORMATION masked  "
                        + "seen 2026-09-14T08:00:00Z .. 2026-09-14T08:00:00Z, current",
                "3 downstream columns and tables"), now.out().lines().toList());
        Run then = run("lineage", "acme-shop.staging.stg_customers.email", "--depth", "1", "--direct", "--as-of", "2026-10-10");
        assertTrue(then.out().startsWith("What depends on acme-shop.staging.stg_customers.email (lineage as of 2026-10-10T23:59:59.999Z)"),
                then.out());
        assertTrue(then.out().contains("acme-shop.mart.newsletter_subscribers.email             DIRECT/IDENTITY  "
                + "seen 2026-10-01T08:01:12Z .. 2026-10-15T08:02:04Z, retired 2026-11-16T00:00:00Z"), then.out());
        assertTrue(!then.out().contains("vip_contacts"), then.out());
        Run json = run("lineage", "acme-shop.mart.vw_order_summary.order_total", "--upstream", "--depth", "1", "--history", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"target\":\"acme-shop.mart.vw_order_summary.order_total\",\"relation\":\"FEEDS\",\"type\":\"DIRECT\","
                + "\"subtype\":\"IDENTITY\",\"masking\":false,\"first_seen\":\"2026-10-03T11:00:"), json.out());
        assertTrue(json.out().contains("\"current\":false,\"retired_at\":\"2026-10-16T11:00:00Z\""), json.out());
    }

    @Test
    void changesInAnInterval() {
        Run r = run("changes", "--since", "2026-11-01");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Lineage changes from 2026-11-01T00:00:00Z: 4 (0 became current: 0 new, 0 resumed; 4 retired: 0 superseded,"
                + " 0 dropped, 4 inactive)", lines.get(0));
        assertEquals("acme-shop.mart.newsletter_subscribers", lines.get(1));
        assertTrue(lines.get(2).startsWith("  2026-11-16T00:00:00Z  RETIRED        INACTIVE   acme-shop.staging.stg_customers.country -> "
                + "acme-shop.mart.newsletter_subscribers  [INSERT "), lines.get(2));
        assertEquals(6, lines.size());
        Run json = run("changes", "--since", "2026-10-12", "--until", "2026-10-13", "--table", "acme-shop.mart.promo_targets",
                "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().contains("\"summary\":{\"changes\":6,\"became_current\":0,\"retired\":6,\"new_query\":0,\"resumed\":0,"
                + "\"superseded\":0,\"dropped\":6,\"inactive\":0}"), json.out());
    }

    @Test
    void usageMistakesExitTwoAndUnknownNamesOne() {
        assertEquals(2, run("changes").code(), "--since is required");
        assertEquals(2, run("lineage", "acme-shop.raw.customers.email", "--history", "--as-of", "2026-10-10").code());
        assertEquals(2, run("lineage", "acme-shop.raw.customers.email", "--format", "xml").code());
        Run badDate = run("changes", "--since", "last tuesday");
        assertEquals(2, badDate.code());
        assertTrue(badDate.err().contains("--since is an instant (2026-10-15T12:00:00Z) or a date (2026-10-15)"), badDate.err());
        Run window = run(Map.of("NEO4J_URI", store().embedded().orElseThrow().boltUri(), "COLINEAGE_ACTIVE_DAYS", "zero"),
                "lineage", "acme-shop.raw.customers.email");
        assertEquals(2, window.code());
        assertTrue(window.err().contains("COLINEAGE_ACTIVE_DAYS is a number of days, not 'zero'"), window.err());
        Run pattern = run(Map.of("NEO4J_URI", store().embedded().orElseThrow().boltUri(), "COLINEAGE_PII_NAMES", "(unclosed"),
                "lineage", "acme-shop.raw.customers.email");
        assertEquals(2, pattern.code(), "a bad PII pattern is a usage error, before the graph is opened");
        Run unknown = run("lineage", "acme-shop.raw.customers.shoe_size");
        assertEquals(1, unknown.code());
        assertEquals("colineage: no column acme-shop.raw.customers.shoe_size in the lineage graph\n", unknown.err());
    }
}
