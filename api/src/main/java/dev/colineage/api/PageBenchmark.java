package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.bench.SyntheticWarehouse;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code colineage bench page [--runs 5] [--min-downstream 1000]}: the lineage explorer on the {@code bench api}
 * warehouse (~110k columns, ~600k edges) in real headless Chromium. Picks a column with at least
 * {@code --min-downstream} downstream columns, opens its deep link {@code runs} times and measures, in the browser,
 * the time from the navigation's start to the graph drawn (requests, answers, PII colours, layout and render),
 * the layout alone, and what was drawn; it checks that the page never asked for the warehouse-wide PII list.
 * The last line is JSON.
 */
public final class PageBenchmark {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    private PageBenchmark() {
    }

    /** The last line. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Figures(String column, int downstreamColumns, int runs, double medianMs, double minMs, double maxMs, double firstMs,
                   double layoutMedianMs, int nodesDrawn, int edgesDrawn, int warehousePiiRequests) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int minDownstream = 1000;
        String usage = "usage: colineage bench page [--runs 5] [--min-downstream 1000]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "bench", "page" -> { }
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--min-downstream" -> minDownstream = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (runs < 1 || minDownstream < 1) {
                throw new IllegalArgumentException("--runs and --min-downstream are positive");
            }
        } catch (RuntimeException e) {
            System.err.println("colineage: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println("colineage: bench page needs headless Chromium: apt-get install chromium chromium-driver"
                    + " (or CHROMIUM and CHROMEDRIVER naming them)");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("colineage-bench-page");
        try {
            run(dir, runs, minDownstream);
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(dir);
        }
        System.exit(0);
    }

    private static void run(Path dir, int runs, int minDownstream) throws Exception {
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(110_000, 590_000, 42);
        BulkGraphLoader.load(dir.resolve("graph"), warehouse.queries(), Catalog.empty());
        try (GraphStore store = GraphStore.open(GraphSettings.embedded(dir.resolve("graph")).withPageCache(1024L * 1024 * 1024));
             ApiServer server = new ApiServer(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                     store.embedded().orElseThrow().boltUri(), new ApiSettings(0, Optional.empty(),
                     new PiiRules(ApiBenchmark.PII_NAMES, PiiRules.DEFAULT_NOT_NAMES), Duration.ofSeconds(30), List.of("/bin/false"),
                     dir.resolve("runs")))) {
            System.out.printf("graph of %d columns, %d edges loaded and API started in %.1f s%n", warehouse.columns(), warehouse.edges(),
                    (System.nanoTime() - t0) / 1e9);
            String base = "http://127.0.0.1:" + server.port();
            // as serve does: the read model loaded and the answer path warmed before the page is opened
            System.out.printf("read model loaded and answers warmed in %.1f s%n", server.warmUp().get().toMillis() / 1000.0);
            HttpClient http = HttpClient.newHttpClient();
            long first = System.nanoTime();
            String column = null;
            int downstream = 0;
            for (var c : warehouse.upstreamColumns()) {
                JsonNode answer = ApiJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/columns/"
                        + c.fqn() + "/downstream?limit=10000")).build(), HttpResponse.BodyHandlers.ofString()).body());
                if (first > 0) {
                    System.out.printf("first request: %d ms%n", (System.nanoTime() - first) / 1_000_000);
                    first = 0;
                }
                if (answer.path("summary").path("columns").asInt() >= minDownstream) {
                    column = c.fqn();
                    downstream = answer.path("summary").path("columns").asInt();
                    break;
                }
            }
            if (column == null) {
                throw new IllegalStateException("no column with " + minDownstream + " downstream columns in the warehouse");
            }
            System.out.printf("column %s: %d downstream columns%n", column, downstream);
            String link = base + "/?node=" + URLEncoder.encode(column, StandardCharsets.UTF_8) + "&kind=COLUMN&dir=downstream";
            List<Double> times = new ArrayList<>();
            List<Double> layouts = new ArrayList<>();
            int nodes = 0;
            int edges = 0;
            int warehousePii = 0;
            try (WebDriver browser = new WebDriver(CHROMIUM, CHROMEDRIVER, dir.resolve("profile"))) {
                for (int r = 0; r < runs; r++) {
                    browser.open(link);
                    WebDriver.waitFor(() -> browser.script("return window.colineageDrawn ? 1 : 0").asInt() == 1, Duration.ofSeconds(60),
                            "the graph to be drawn");
                    JsonNode drawn = browser.script("return window.colineageDrawn");
                    double ms = drawn.path("at").asDouble();
                    double layout = browser.script("return window.colineageLayoutMs").asDouble();
                    nodes = drawn.path("nodes").asInt();
                    edges = drawn.path("edges").asInt();
                    for (JsonNode url : browser.script("return performance.getEntriesByType('resource').map(e => e.name)")) {
                        if (url.asText().endsWith("/api/v1/pii/flows")) {
                            warehousePii++;
                        }
                    }
                    JsonNode parts = browser.script("return window.colineageTimings");
                    System.out.printf("run %d: drawn %.0f ms after the navigation started (page's script ran at %.0f ms, answers %.0f ms after the page's script ran, draw %.0f ms"
                                    + " of which layout %.1f ms, impact list %.0f ms), %d nodes, %d edges%n", r + 1, ms, parts.path("script_at_ms").asDouble(),
                            parts.path("answers_ms").asDouble(), parts.path("draw_ms").asDouble(), layout, parts.path("list_ms").asDouble(), nodes, edges);
                    times.add(ms);
                    layouts.add(layout);
                }
                browser.screenshot(Path.of("api", "target", "browser", "bench-page.png").toAbsolutePath());
            }
            List<Double> sorted = times.stream().sorted().toList();
            List<Double> sortedLayouts = layouts.stream().sorted().toList();
            System.out.printf("%d runs: median %.0f ms, min %.0f ms, max %.0f ms (first %.0f ms); layout median %.1f ms;"
                            + " warehouse-wide PII requests %d%n", runs, sorted.get(runs / 2), sorted.get(0), sorted.get(runs - 1), times.get(0),
                    sortedLayouts.get(runs / 2), warehousePii);
            System.out.println(ApiJson.write(new Figures(column, downstream, runs, round(sorted.get(runs / 2)), round(sorted.get(0)),
                    round(sorted.get(runs - 1)), round(times.get(0)), round(sortedLayouts.get(runs / 2)), nodes, edges, warehousePii)));
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
