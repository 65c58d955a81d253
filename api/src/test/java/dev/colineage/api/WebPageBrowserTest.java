package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The web page in real headless Chromium: search a column, see its graph, click a node, read its
 * details; a screenshot is saved to {@code api/target/browser/lineage-page.png}. Needs Debian's
 * chromium and chromium-driver (.ci/run installs them when missing).
 */
class WebPageBrowserTest extends ApiTestSupport {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    @Test
    void searchAColumnSeeItsGraphAndClickANode() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is needed: apt-get install chromium chromium-driver (.ci/run does it)");
        Path work = Files.createTempDirectory("colineage-browser");
        try (WebDriver browser = new WebDriver(CHROMIUM, CHROMEDRIVER, work.resolve("profile"))) {
            browser.open(base() + "/");
            browser.type(browser.find("#search"), "customers.email");
            WebDriver.waitFor(() -> browser.script("return document.querySelectorAll('#results li.result').length").asInt() > 0,
                    Duration.ofSeconds(10), "search results");
            browser.click(browser.find("#results li.result[data-id='acme-shop.raw.customers.email']"));
            WebDriver.waitFor(() -> browser.script("return window.cy.nodes().length").asInt() >= 7, Duration.ofSeconds(10),
                    "the lineage graph");
            JsonNode classes = browser.script("""
                    return window.cy.nodes().map(n => n.id() + ' ' + n.classes().join(','));""");
            assertTrue(classes.toString().contains("acme-shop.raw.customers.email column,pii,start"), classes.toString());
            assertTrue(classes.toString().contains("acme-shop.mart.marketing_contacts.email column,pii"), classes.toString());
            assertTrue(classes.toString().contains("acme-shop.mart.dim_customer.email_hash column"), classes.toString());

            // click the hashed staging column where Cytoscape drew it
            String target = "acme-shop.staging.stg_customers.email_hash";
            JsonNode at = browser.script("""
                    const n = window.cy.getElementById('%s'); const p = n.renderedPosition();
                    const box = document.getElementById('graph').getBoundingClientRect();
                    return [Math.round(box.left + p.x), Math.round(box.top + p.y)];""".formatted(target));
            browser.clickAt(at.get(0).asInt(), at.get(1).asInt());
            WebDriver.waitFor(() -> browser.text(browser.find("#details h2")).equals(target), Duration.ofSeconds(10),
                    "the clicked column's details");
            WebDriver.waitFor(() -> browser.text(browser.find("#details")).contains("Written by"), Duration.ofSeconds(10),
                    "details to load");
            String details = browser.text(browser.find("#details"));
            assertTrue(details.contains("PII masked"), details);
            assertEquals(true, browser.script("return window.cy.getElementById('" + target + "').selected()").asBoolean());
            Path shot = Path.of("target", "browser", "lineage-page.png");
            browser.screenshot(shot);
            assertTrue(Files.size(shot) > 10_000, "a rendered page, not a blank one");

            // current lineage by default: the newsletter pipeline that stopped on 15 October is not drawn
            String newsletter = "acme-shop.mart.newsletter_subscribers.email";
            assertEquals(0, browser.script("return window.cy.getElementById('" + newsletter + "').length").asInt());
            assertEquals(0, browser.script("return window.cy.edges('.retired').length").asInt());
            // history: every edge ever seen, the retired ones dimmed
            browser.click(browser.find("#history"));
            WebDriver.waitFor(() -> browser.script("return window.cy.getElementById('" + newsletter + "').length").asInt() == 1,
                    Duration.ofSeconds(10), "the retired pipeline drawn in history");
            JsonNode retired = browser.script("return window.cy.edges('.retired').map(e => e.source().id() + ' -> ' + e.target().id())");
            assertEquals("[\"acme-shop.staging.stg_customers.email -> " + newsletter + "\"]", retired.toString());
            assertTrue(browser.text(browser.find("#status")).contains("columns downstream"));
            browser.screenshot(Path.of("target", "browser", "lineage-history.png"));
            // as of 10 October: before vip_contacts was first written, while the newsletter pipeline ran
            browser.script("""
                    const d = document.getElementById('as-of'); d.value = '2026-10-10';
                    d.dispatchEvent(new Event('change')); return true;""");
            WebDriver.waitFor(() -> browser.script("return window.cy.getElementById('acme-shop.mart.vip_contacts.email').length")
                    .asInt() == 0, Duration.ofSeconds(10), "the graph as of 10 October");
            assertEquals(false, browser.script("return document.getElementById('history').checked").asBoolean());
            assertEquals(1, browser.script("return window.cy.getElementById('" + newsletter + "').length").asInt());
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(work);
        }
    }
}
