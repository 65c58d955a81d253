package dev.colineage.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.graph.bench.SyntheticWarehouse;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code colineage bench api [--clients 32] [--seconds 30]}: the graph-schema benchmark's synthetic
 * warehouse (~100k columns, ~500k edges) bulk-loaded into a fresh embedded Neo4j, the API server on it,
 * and concurrent HTTP clients asking for the unbounded downstream impact (limit 1,000) of random columns.
 * Prints the latency distribution and, last, one JSON line.
 */
public final class ApiBenchmark {

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 32;
        int seconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "bench", "api" -> { }
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: colineage bench api [--clients 32] [--seconds 30]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("colineage-bench-api");
        try {
            run(dir, clients, seconds);
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(dir);
        }
        System.exit(0);
    }

    private static void run(Path dir, int clients, int seconds) throws Exception {
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(110_000, 590_000, 42);
        BulkGraphLoader.load(dir, warehouse.queries(), Catalog.empty());
        try (GraphStore store = GraphStore.open(GraphSettings.embedded(dir).withPageCache(1024L * 1024 * 1024));
             ApiServer server = new ApiServer(store.driver(), store.embedded().orElseThrow().boltUri(), new ApiSettings(0,
                     Optional.empty(), PiiRules.defaults(), Duration.ofSeconds(30), List.of("/bin/false"), dir.resolve("runs")))) {
            System.out.printf("graph of %d columns, %d edges loaded and API started in %.1f s%n", warehouse.columns(),
                    warehouse.edges(), (System.nanoTime() - t0) / 1e9);
            Set<ColumnRef> sources = new HashSet<>();
            warehouse.queries().forEach(q -> q.edges().forEach(e -> sources.add(e.source())));
            List<String> starts = new ArrayList<>(warehouse.upstreamColumns().stream().filter(sources::contains)
                    .map(ColumnRef::fqn).toList());
            Collections.shuffle(starts, new Random(7));
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/columns/";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long first = System.nanoTime();
            HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(base + starts.get(0) + "/downstream")).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.printf("first request (loads the in-memory lineage snapshot): HTTP %d in %d ms%n", one.statusCode(),
                    (System.nanoTime() - first) / 1_000_000);
            // warm-up: query plans, page cache, JIT
            load(http, base, starts, clients, 5, new ConcurrentLinkedQueue<>(), new AtomicLong());
            ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            long start = System.nanoTime();
            load(http, base, starts, clients, seconds, millis, errors);
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Double> sorted = new ArrayList<>(millis);
            sorted.sort(Comparator.naturalOrder());
            System.out.printf("%d clients for %.0f s: %d requests, %.0f requests/s, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms%n", clients, elapsed, sorted.size(), sorted.size() / elapsed, errors.get(),
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("clients", clients);
            last.put("requests", sorted.size());
            last.put("rps", Math.round(sorted.size() / elapsed));
            last.put("p50_ms", round(pct(sorted, 50)));
            last.put("p95_ms", round(pct(sorted, 95)));
            last.put("p99_ms", round(pct(sorted, 99)));
            last.put("errors", errors.get());
            System.out.println(new ObjectMapper().writeValueAsString(last));
        }
    }

    /** {@code clients} threads, each asking for downstream impact back to back until the time is up. */
    private static void load(HttpClient http, String base, List<String> starts, int clients, int seconds,
                             ConcurrentLinkedQueue<Double> millis, AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String column = starts.get((int) (next.getAndIncrement() % starts.size()));
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + column + "/downstream")).GET().build();
                    long s = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                    millis.add((System.nanoTime() - s) / 1e6);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
