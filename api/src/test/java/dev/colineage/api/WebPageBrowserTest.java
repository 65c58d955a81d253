package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lineage explorer in real headless Chromium (Debian's chromium and chromium-driver, driven over the W3C
 * WebDriver protocol), against the sample warehouse: search as you type with the keyboard, tables as boxes
 * holding their columns, every control and its deep link, the impact list and its CSV, a table expanded and
 * collapsed, the node budget, history and as-of. Each test asserts what is drawn and keeps a screenshot under
 * {@code api/target/browser/}.
 */
class WebPageBrowserTest extends ApiTestSupport {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final String EMAIL = "acme-shop.raw.customers.email";
    private static Path work;
    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is needed: apt-get install chromium chromium-driver (.ci/run does it)");
        work = Files.createTempDirectory("colineage-browser");
        browser = new WebDriver(CHROMIUM, CHROMEDRIVER, work.resolve("profile"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        dev.colineage.graph.store.Directories.deleteTree(work);
    }

    /** Opens a deep link and waits until its graph is drawn. */
    private static void open(String query) {
        browser.open(base() + "/" + query);
        drawn();
    }

    /** Waits for the page to say it drew a graph again (it sets {@code colineageDrawn} after each layout). */
    private static void drawn() {
        try {
            WebDriver.waitFor(() -> browser.script("return window.colineageDrawn ? 1 : 0").asInt() == 1, Duration.ofSeconds(15), "the graph");
        } catch (IllegalStateException e) {
            throw new AssertionError("no graph drawn; the page says: " + browser.script("return document.getElementById('status').textContent"), e);
        }
    }

    private static void redrawn(Runnable change) {
        browser.script("window.colineageDrawn = null; return true;");
        change.run();
        drawn();
    }

    private static void select(String id, String value) {
        browser.script("const s = document.getElementById('" + id + "'); s.value = '" + value + "';"
                + " s.dispatchEvent(new Event('change')); return true;");
    }

    private static List<String> ids(String selector) {
        List<String> out = new ArrayList<>();
        browser.script("return window.cy.nodes('" + selector + "').map(n => n.id())").forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    private static int count(String js) {
        return browser.script("return " + js).asInt();
    }

    private static void screenshot(String name) throws Exception {
        Path shot = Path.of("target", "browser", name + ".png");
        browser.screenshot(shot);
        assertTrue(Files.size(shot) > 10_000, "a rendered page, not a blank one");
    }

    @Test
    void searchAsYouTypeWithTheKeyboardDrawsTablesAsBoxesHoldingTheirColumns() throws Exception {
        browser.open(base() + "/");
        browser.type(browser.find("#search"), "customers.email");
        WebDriver.waitFor(() -> count("document.querySelectorAll('#suggestions li.result').length") > 0, Duration.ofSeconds(10),
                "suggestions while typing");
        assertEquals(EMAIL, browser.script("return document.querySelector('#suggestions li.result').dataset.id").asText(),
                "shortest name first");
        // down, down, up: back on the first suggestion; Enter picks it
        browser.type(browser.find("#search"), "\uE015\uE015\uE013");
        assertEquals(EMAIL, browser.script("return document.querySelector('#suggestions li.active').dataset.id").asText());
        browser.script("window.colineageDrawn = null; return true;");
        browser.type(browser.find("#search"), "\uE007");
        drawn();
        assertTrue(browser.script("return location.search").asText().contains("node=acme-shop.raw.customers.email"));

        // columns inside their tables; the start and the columns holding e-mails red, the hashed ones green
        assertEquals("acme-shop.raw.customers", browser.script("return window.cy.getElementById('" + EMAIL + "').parent().id()").asText());
        assertEquals(List.of("acme-shop.mart.crm_audience", "acme-shop.mart.dim_customer", "acme-shop.mart.marketing_contacts",
                "acme-shop.mart.promo_targets", "acme-shop.mart.vip_contacts", "acme-shop.mart.vw_active_customers",
                "acme-shop.mart.vw_contactable_customers", "acme-shop.raw.customers", "acme-shop.staging.stg_customers"), ids(".table"));
        assertEquals(List.of("acme-shop.mart.marketing_contacts.email", "acme-shop.mart.vip_contacts.email", EMAIL,
                "acme-shop.staging.stg_customers.email"), ids(".pii"));
        assertEquals(List.of("acme-shop.mart.vw_contactable_customers.email_token", "acme-shop.staging.stg_customers.email_hash"),
                ids(".masked"), "where a hash stops the flow");
        assertEquals(15, count("window.cy.nodes('.column').length"), "the start and its 14 downstream columns");
        // PII colours came from the answers and the start column's own flow, never the warehouse-wide list
        JsonNode asked = browser.script("return performance.getEntriesByType('resource').map(e => e.name)");
        for (JsonNode url : asked) {
            assertTrue(!url.asText().endsWith("/api/v1/pii/flows"), "asked for every PII flow: " + asked);
        }
        assertTrue(asked.toString().contains("/api/v1/pii/flows?column=acme-shop.raw.customers.email"), asked.toString());
        screenshot("explorer-search");
    }

    @Test
    void everyControlIsInTheUrlAndADeepLinkReopensTheView() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream&depth=1&direct=true");
        assertEquals("downstream", browser.script("return document.getElementById('dir').value").asText());
        assertEquals("1", browser.script("return document.getElementById('depth').value").asText());
        assertEquals(true, browser.script("return document.getElementById('direct').checked").asBoolean());
        assertEquals(List.of(EMAIL, "acme-shop.staging.stg_customers.email", "acme-shop.staging.stg_customers.email_hash"), ids(".column"));
        assertEquals(2, count("window.cy.edges().length"));

        redrawn(() -> select("depth", "2"));
        assertTrue(browser.script("return location.search").asText().contains("depth=2"));
        assertEquals(List.of("acme-shop.mart.dim_customer.email_hash", "acme-shop.mart.marketing_contacts.email",
                "acme-shop.mart.vip_contacts.email", "acme-shop.mart.vw_contactable_customers.email_token", EMAIL,
                "acme-shop.staging.stg_customers.email", "acme-shop.staging.stg_customers.email_hash"), ids(".column"));

        redrawn(() -> select("masking", "true"));
        assertTrue(browser.script("return location.search").asText().contains("masking=true"));
        assertEquals(List.of(EMAIL, "acme-shop.staging.stg_customers.email_hash"), ids(".column"), "only the hash masks");

        redrawn(() -> select("masking", ""));
        redrawn(() -> browser.script("const i = document.querySelector('#subtypes input[value=IDENTITY]'); i.checked = true;"
                + " i.dispatchEvent(new Event('change')); return true;"));
        assertTrue(browser.script("return location.search").asText().contains("subtypes=IDENTITY"));
        assertEquals(List.of("IDENTITY"), distinctSubtypes());

        redrawn(() -> select("dir", "upstream"));
        assertEquals(List.of(EMAIL), ids(".column"), "a raw column comes from nowhere");
        redrawn(() -> select("dir", "both"));
        redrawn(() -> select("level", "tables"));
        assertEquals(0, count("window.cy.nodes('.column').length"), "table-level view");
        List<String> tableLevel = List.of("acme-shop.mart.dim_customer", "acme-shop.mart.marketing_contacts", "acme-shop.mart.vip_contacts",
                "acme-shop.mart.vw_contactable_customers", "acme-shop.raw.customers", "acme-shop.staging.stg_customers");
        assertEquals(tableLevel, ids(".table"), "depth 2 from raw.customers over direct edges, at table level");
        String link = browser.script("return location.href").asText();

        // the link alone reopens the same view
        browser.open(base() + "/");
        open(link.substring(link.indexOf('?')));
        assertEquals("tables", browser.script("return document.getElementById('level').value").asText());
        assertEquals(true, browser.script("return document.querySelector('#subtypes input[value=IDENTITY]').checked").asBoolean());
        assertEquals(tableLevel, ids(".table"));
        screenshot("explorer-deep-link");

        // a table's deep link: its table-level lineage
        open("?node=acme-shop.mart.dim_customer&kind=TABLE&dir=upstream&depth=1");
        assertEquals(List.of("acme-shop.mart.dim_customer", "acme-shop.staging.stg_customers"), ids(".table"));
        assertEquals(0, count("window.cy.nodes('.column').length"));
    }

    private static List<String> distinctSubtypes() {
        List<String> out = new ArrayList<>();
        browser.script("return Array.from(new Set(window.cy.edges().map(e => e.data('subtype'))))").forEach(s -> out.add(s.asText()));
        out.sort(null);
        return out;
    }

    @Test
    void theImpactListSortsAndDownloadsAsCsv() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream");
        assertEquals(16, count("document.querySelectorAll('#impact-table tr[data-id]').length"), "the 16 hits of the README");
        browser.click(browser.find("#impact-table th[data-key=depth]"));   // depth, now descending
        assertEquals("3", browser.script("return document.querySelector('#impact-table tr[data-id] td:nth-child(4)').textContent").asText());
        browser.click(browser.find("#impact-table th[data-key=dataset]"));
        assertEquals("acme-shop.mart", browser.script("return document.querySelector('#impact-table tr.group td').textContent").asText());

        String csv = browser.script("return window.colineageCsv()").asText();
        List<String> lines = csv.lines().toList();
        assertEquals("direction,dataset,table,column,depth,pii,last_run,users,queries", lines.get(0));
        assertEquals(17, lines.size());
        String staging = lines.stream().filter(l -> l.contains(",acme-shop.staging.stg_customers,email,")).findFirst().orElseThrow();
        assertTrue(staging.startsWith("downstream,acme-shop.staging,acme-shop.staging.stg_customers,email,1,PII,2026-10-31T01:03"), staging);
        assertTrue(staging.matches(".*,scheduled-queries@acme-shop\\.iam\\.gserviceaccount\\.com,SELECT [0-9a-f]{8}"), staging);
        browser.click(browser.find("#csv"));
        Path file = browser.downloads().resolve("impact-acme-shop.raw.customers.email.csv");
        WebDriver.waitFor(() -> Files.exists(file), Duration.ofSeconds(10), "the CSV download");
        assertEquals(csv, Files.readString(file));
        screenshot("explorer-impact-list");
    }

    @Test
    void aTableExpandsToEveryColumnAndCollapsesToABox() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream");
        String table = "acme-shop.mart.dim_customer";
        assertEquals(List.of("acme-shop.mart.dim_customer.email_hash"), children(table));
        assertEquals("mart.dim_customer  (+4 more columns)", browser.script("return window.cy.getElementById('" + table + "').data('label')")
                .asText(), "the columns off the path, as a count");
        clickNode(table);
        WebDriver.waitFor(() -> children(table).size() > 1, Duration.ofSeconds(10), "the table's columns");
        // the five the graph knows (updated_at is set from CURRENT_TIMESTAMP(): no lineage reaches it)
        assertEquals(List.of("acme-shop.mart.dim_customer.age_band", "acme-shop.mart.dim_customer.country",
                "acme-shop.mart.dim_customer.customer_id", "acme-shop.mart.dim_customer.email_hash",
                "acme-shop.mart.dim_customer.signup_date"), children(table));
        assertEquals(4, count("window.cy.getElementById('" + table + "').children('.off-path').length"), "off the path: greyed");
        screenshot("explorer-table-expanded");
        clickNode(table);
        WebDriver.waitFor(() -> browser.script("return window.cy.getElementById('" + table + "').hasClass('collapsed')").asBoolean(),
                Duration.ofSeconds(10), "the table collapsed");
        assertEquals("mart.dim_customer (5 columns)", browser.script("return window.cy.getElementById('" + table + "').data('label')").asText());
        assertEquals(0, count("window.cy.getElementById('" + table + "').children().filter(n => n.visible()).length"));
        assertTrue(count("window.cy.edges('.collapsed-edge').filter(e => e.target().id() === '" + table + "').length") > 0,
                "the edges into its columns now end at the box");
        screenshot("explorer-table-collapsed");
        clickNode(table);
        WebDriver.waitFor(() -> !browser.script("return window.cy.getElementById('" + table + "').hasClass('collapsed')").asBoolean(),
                Duration.ofSeconds(10), "the table expanded again");
        assertEquals(5, count("window.cy.getElementById('" + table + "').children().filter(n => n.visible()).length"));
    }

    private static List<String> children(String table) {
        List<String> out = new ArrayList<>();
        browser.script("return window.cy.getElementById('" + table + "').children().map(n => n.id())").forEach(n -> out.add(n.asText()));
        out.sort(null);
        return out;
    }

    @Test
    void aDoubleClickStartsFromTheNodeAndTwoQuickClicksOnDifferentNodesDoNot() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream&depth=1");
        String hash = "acme-shop.staging.stg_customers.email_hash";
        // two clicks 60 ms apart on two columns: Cytoscape calls it a double tap; the page does not restart
        browser.clicksAt(nodeAt(EMAIL), nodeAt(hash));
        Thread.sleep(400);
        assertTrue(browser.script("return location.search").asText().contains("node=" + EMAIL), "still the same start");
        assertEquals(EMAIL, browser.script("return window.colineage.view.node").asText());
        // a double click on one column starts from it
        redrawn(() -> {
            int[] at = nodeAt(hash);
            browser.clicksAt(at, at);
        });
        assertEquals(hash, browser.script("return window.colineage.view.node").asText());
        assertTrue(browser.script("return location.search").asText().contains("node=" + hash), "the URL follows");
        // the other controls stay: depth 1 downstream of the hash
        assertEquals(List.of("acme-shop.mart.dim_customer.email_hash", hash), ids(".column"));
    }

    /**
     * A dataset outside BigQuery, taken in from OpenLineage, is drawn as its own box under its whole name, its
     * columns inside it (a name such as postgres://prod-db:5432/shop.public.customers.email is not split at its
     * dots). Its own server: the event changes the graph the other tests read.
     */
    @Test
    void aForeignDatasetFromOpenLineageIsDrawnAsItsOwnBox() throws Exception {
        var graph = sampleGraph("colineage-browser-foreign");
        try (ApiServer server = new ApiServer(graph.driver(), graph.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                graph.embedded().orElseThrow().boltUri(), new ApiSettings(0, java.util.Optional.of(TOKEN), PiiRules.defaults(),
                Duration.ofSeconds(10), List.of("/bin/echo"), work.resolve("foreign-runs")))) {
            String pg = "postgres://prod-db:5432/shop.public.customers";
            String event = OpenLineageApiTest.event("airflow-prod", "load_customers", java.util.UUID.nameUUIDFromBytes("pg".getBytes()),
                    "2026-11-20T01:00:00Z", "[{\"namespace\":\"postgres://prod-db:5432\",\"name\":\"shop.public.customers\"}]",
                    "[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.customers\",\"facets\":{\"columnLineage\":{\"fields\":{"
                            + "\"email\":{\"inputFields\":[{\"namespace\":\"postgres://prod-db:5432\",\"name\":\"shop.public.customers\","
                            + "\"field\":\"email\",\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\"}]}]}}}}}]");
            String base = "http://127.0.0.1:" + server.port();
            Reply r = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/openlineage"))
                    .header("Authorization", "Bearer " + TOKEN).POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build());
            assertEquals(200, r.status(), r.body());
            browser.script("window.colineageDrawn = null; return true;");
            browser.open(base + "/?node=" + java.net.URLEncoder.encode(pg + ".email", java.nio.charset.StandardCharsets.UTF_8)
                    + "&kind=COLUMN&dir=downstream&depth=2");
            drawn();
            assertEquals(pg, browser.script("return window.cy.getElementById('" + pg + ".email').parent().id()").asText());
            assertEquals("email", browser.script("return window.cy.getElementById('" + pg + ".email').data('label')").asText());
            assertTrue(browser.script("return window.cy.getElementById('" + pg + "').data('label')").asText().startsWith(pg),
                    "the box says which system the table lives in");
            assertEquals("acme-shop.raw.customers", browser.script("return window.cy.getElementById('acme-shop.raw.customers.email').parent().id()").asText());
            assertEquals(List.of("acme-shop.raw.customers", "acme-shop.staging.stg_customers", pg), ids(".table"));
            screenshot("explorer-foreign");
        } finally {
            graph.close();
        }
    }

    /** Where Cytoscape drew a column, in page coordinates. */
    private static int[] nodeAt(String id) {
        JsonNode at = browser.script("""
                const b = window.cy.getElementById('%s').renderedBoundingBox({includeLabels: false});
                const box = document.getElementById('graph').getBoundingClientRect();
                return [Math.round(box.left + (b.x1 + b.x2) / 2), Math.round(box.top + (b.y1 + b.y2) / 2)];""".formatted(id));
        return new int[] {at.get(0).asInt(), at.get(1).asInt()};
    }

    /** A real click where Cytoscape drew the node (a table box: on its name, above its columns, which takes clicks too). */
    private static void clickNode(String id) {
        JsonNode at = browser.script("""
                const n = window.cy.getElementById('%s'); const b = n.renderedBoundingBox({includeLabels: false});
                const l = n.renderedBoundingBox({includeLabels: true});
                const box = document.getElementById('graph').getBoundingClientRect();
                const open = n.isParent() && !n.hasClass('collapsed');
                return [Math.round(box.left + (b.x1 + b.x2) / 2), Math.round(box.top + (open ? (l.y1 + b.y1) / 2 : (b.y1 + b.y2) / 2))];"""
                .formatted(id));
        browser.clickAt(at.get(0).asInt(), at.get(1).asInt());
    }

    @Test
    void pastTheNodeBudgetTheRestIsSummarisedPerDatasetAndDrawnOnDemand() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream&budget=5");
        // the start and the two depth-1 columns fit; depth 2 (7 nodes) does not
        assertEquals(List.of(EMAIL, "acme-shop.staging.stg_customers.email", "acme-shop.staging.stg_customers.email_hash"), ids(".column"));
        assertEquals(List.of("summary:acme-shop.mart"), ids(".summary"));
        assertTrue(browser.script("return window.cy.getElementById('summary:acme-shop.mart').data('label')").asText()
                .startsWith("acme-shop.mart: 7 more tables, 12 columns"));
        screenshot("explorer-budget");
        // the dataset opens as its tables, each a box with a count; a table's box draws its columns
        clickNode("summary:acme-shop.mart");
        WebDriver.waitFor(() -> count("window.cy.nodes('.summary').length") == 0, Duration.ofSeconds(10), "the dataset opened");
        assertEquals(List.of("acme-shop.mart.crm_audience", "acme-shop.mart.dim_customer", "acme-shop.mart.marketing_contacts",
                "acme-shop.mart.promo_targets", "acme-shop.mart.vip_contacts", "acme-shop.mart.vw_active_customers",
                "acme-shop.mart.vw_contactable_customers"), ids(".collapsed"));
        assertEquals("mart.crm_audience (3 columns: click to draw)",
                browser.script("return window.cy.getElementById('acme-shop.mart.crm_audience').data('label')").asText());
        assertEquals(3, count("window.cy.nodes('.column').length"));
        assertTrue(count("window.cy.edges('.collapsed-edge').length") > 0, "edges into the boxes stand for their columns'");
        screenshot("explorer-budget-dataset");
        clickNode("acme-shop.mart.vw_contactable_customers");
        WebDriver.waitFor(() -> count("window.cy.nodes('.column').length") == 7, Duration.ofSeconds(10), "the table's columns");
        assertEquals(List.of("acme-shop.mart.vw_contactable_customers.country", "acme-shop.mart.vw_contactable_customers.customer_id",
                "acme-shop.mart.vw_contactable_customers.email_token", "acme-shop.mart.vw_contactable_customers.lifetime_value"),
                children("acme-shop.mart.vw_contactable_customers"));
        assertTrue(browser.script("return window.colineageLayoutMs").asDouble() < 1000, "layout under a second");
    }

    @Test
    void historyAndAsOfAndTheSqlOfAnEdge() throws Exception {
        open("?node=" + EMAIL + "&kind=COLUMN&dir=downstream");
        String newsletter = "acme-shop.mart.newsletter_subscribers.email";
        assertEquals(0, count("window.cy.getElementById('" + newsletter + "').length"), "current lineage: the stopped pipeline is not drawn");
        assertEquals(0, count("window.cy.edges('.retired').length"));
        redrawn(() -> browser.click(browser.find("#history")));
        assertEquals(1, count("window.cy.getElementById('" + newsletter + "').length"));
        JsonNode retired = browser.script("return window.cy.edges('.retired').map(e => e.source().id() + ' -> ' + e.target().id())");
        assertEquals("[\"acme-shop.staging.stg_customers.email -> " + newsletter + "\"]", retired.toString());
        assertTrue(browser.script("return location.search").asText().contains("history=true"));
        screenshot("explorer-history");
        redrawn(() -> browser.script("const d = document.getElementById('as-of'); d.value = '2026-10-10';"
                + " d.dispatchEvent(new Event('change')); return true;"));
        assertEquals(0, count("window.cy.getElementById('acme-shop.mart.vip_contacts.email').length"), "first written on 21 October");
        assertEquals(false, browser.script("return document.getElementById('history').checked").asBoolean());
        assertTrue(browser.script("return location.search").asText().contains("as_of=2026-10-10"));

        // the SQL behind an edge, with the edge's columns marked
        browser.script("window.cy.getElementById('acme-shop.staging.stg_customers.email').connectedEdges()"
                + ".filter(e => e.target().id() === 'acme-shop.mart.marketing_contacts.email').emit('tap'); return true;");
        WebDriver.waitFor(() -> count("document.querySelectorAll('#details pre.sql mark').length") > 0, Duration.ofSeconds(10), "the SQL");
        List<String> marked = new ArrayList<>();
        browser.script("return Array.from(document.querySelectorAll('#details pre.sql mark')).map(m => m.textContent.toLowerCase())")
                .forEach(m -> marked.add(m.asText()));
        assertTrue(marked.stream().allMatch("email"::equals) && !marked.isEmpty(), marked.toString());
        assertTrue(browser.text(browser.find("#details")).contains("Lifetime: 2026-10-01 → 2026-10-31 · current"),
                browser.text(browser.find("#details")));
        screenshot("explorer-edge-sql");
    }
}
