package dev.colineage.api;

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
 * {@code colineage bench api [--clients 32] [--seconds 30] [--mix downstream,upstream,search,pii]}: the
 * graph-schema benchmark's synthetic warehouse (~100k columns, ~500k edges) bulk-loaded into a fresh
 * embedded Neo4j, the API server on it, and concurrent closed-loop HTTP clients asking the questions of
 * the mix in turn (default: only the unbounded downstream impact, limit 1,000, of random columns). Prints
 * the latency distribution, overall and per question, and, last, one JSON line.
 */
public final class ApiBenchmark {

    /** One kind of request of the mix. */
    enum Question {
        /** {@code /columns/{c}/downstream} of a column some query reads. */
        DOWNSTREAM,
        /** {@code /columns/{c}/upstream} of a column some query writes. */
        UPSTREAM,
        /** {@code /search?q=} a table-name fragment. */
        SEARCH,
        /** {@code /pii/flows?column=} a column the benchmark's PII rule names. */
        PII;

        static List<Question> parse(String mix) {
            List<Question> out = new ArrayList<>();
            for (String part : mix.split(",")) {
                try {
                    out.add(valueOf(part.strip().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown question '" + part + "' in --mix (known: downstream, upstream, search, pii)");
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--mix is empty");
            }
            return out;
        }
    }

    /** In the synthetic warehouse, columns c1..c3 of every table count as PII (its names hold no e-mail). */
    static final String PII_NAMES = "c[1-3]";

    /** The start points of each question, and the request for the n-th use of one. */
    private record Requests(String api, List<String> readColumns, List<String> writtenColumns, List<String> piiColumns,
                            List<String> fragments) {
        URI uri(Question q, long n) {
            return URI.create(api + switch (q) {
                case DOWNSTREAM -> "/columns/" + pick(readColumns, n) + "/downstream";
                case UPSTREAM -> "/columns/" + pick(writtenColumns, n) + "/upstream";
                case SEARCH -> "/search?q=" + pick(fragments, n);
                case PII -> "/pii/flows?column=" + pick(piiColumns, n);
            });
        }

        private static String pick(List<String> list, long n) {
            return list.get((int) (n % list.size()));
        }
    }

    /** The latencies of one question. */
    private record Sample(Question question, double millis, boolean error) {
    }

    private ApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = 32;
        int seconds = 30;
        List<Question> mix = List.of(Question.DOWNSTREAM);
        String usage = "usage: colineage bench api [--clients 32] [--seconds 30] [--mix downstream,upstream,search,pii]";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "bench", "api" -> { }
                    case "--clients" -> clients = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                    case "--mix" -> mix = Question.parse(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("colineage: " + e.getMessage() + "\n" + usage);
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("colineage-bench-api");
        try {
            run(dir, clients, seconds, mix);
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(dir);
        }
        System.exit(0);
    }

    private static void run(Path dir, int clients, int seconds, List<Question> mix) throws Exception {
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(110_000, 590_000, 42);
        BulkGraphLoader.load(dir, warehouse.queries(), Catalog.empty());
        try (GraphStore store = GraphStore.open(GraphSettings.embedded(dir).withPageCache(1024L * 1024 * 1024));
             ApiServer server = new ApiServer(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                     store.embedded().orElseThrow().boltUri(), new ApiSettings(0,
                     Optional.empty(), new PiiRules(PII_NAMES, PiiRules.DEFAULT_NOT_NAMES), Duration.ofSeconds(30),
                     List.of("/bin/false"), dir.resolve("runs")))) {
            System.out.printf("graph of %d columns, %d edges loaded and API started in %.1f s%n", warehouse.columns(),
                    warehouse.edges(), (System.nanoTime() - t0) / 1e9);
            Requests requests = requests("http://127.0.0.1:" + server.port() + "/api/v1", warehouse);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (Question q : mix) {
                long first = System.nanoTime();
                HttpResponse<String> one = http.send(HttpRequest.newBuilder(requests.uri(q, 0)).build(), HttpResponse.BodyHandlers.ofString());
                System.out.printf("first %s request%s: HTTP %d in %d ms%n", q.name().toLowerCase(java.util.Locale.ROOT),
                        q == mix.get(0) ? " (loads the in-memory lineage snapshot)" : "", one.statusCode(),
                        (System.nanoTime() - first) / 1_000_000);
            }
            // warm-up: query plans, page cache, JIT
            load(http, requests, mix, clients, 5, new ConcurrentLinkedQueue<>());
            ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
            long start = System.nanoTime();
            load(http, requests, mix, clients, seconds, samples);
            double elapsed = (System.nanoTime() - start) / 1e9;
            List<Double> sorted = sorted(samples, Optional.empty());
            long errors = samples.stream().filter(Sample::error).count();
            System.out.printf("%d clients for %.0f s, mix %s: %d requests, %.0f requests/s, %d errors; p50 %.1f ms, p95 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms%n", clients, elapsed, names(mix), sorted.size(), sorted.size() / elapsed,
                    errors, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
            Map<String, QuestionFigures> each = new LinkedHashMap<>();
            if (mix.size() > 1 || mix.get(0) != Question.DOWNSTREAM) {
                for (Question q : new java.util.LinkedHashSet<>(mix)) {
                    List<Double> own = sorted(samples, Optional.of(q));
                    long ownErrors = samples.stream().filter(x -> x.question() == q && x.error()).count();
                    System.out.printf("  %-10s %7d requests, %6.0f requests/s, %d errors; p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                            q.name().toLowerCase(java.util.Locale.ROOT), own.size(), own.size() / elapsed, ownErrors,
                            pct(own, 50), pct(own, 95), pct(own, 99));
                    each.put(q.name().toLowerCase(java.util.Locale.ROOT), new QuestionFigures(own.size(), Math.round(own.size() / elapsed),
                            round(pct(own, 50)), round(pct(own, 95)), ownErrors));
                }
            }
            Figures last = new Figures(clients, names(mix), sorted.size(), Math.round(sorted.size() / elapsed), round(pct(sorted, 50)),
                    round(pct(sorted, 95)), round(pct(sorted, 99)), errors, each);
            System.out.println(ApiJson.write(last));
        }
    }

    /** The last line: the whole load, and each question of a mix ({@code by_question}, left out for downstream alone). */
    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Figures(int clients, String mix, int requests, long rps, double p50Ms, double p95Ms, double p99Ms, long errors,
                   @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                   Map<String, QuestionFigures> byQuestion) {
    }

    @com.fasterxml.jackson.databind.annotation.JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QuestionFigures(int requests, long rps, double p50Ms, double p95Ms, long errors) {
    }

    private static String names(List<Question> mix) {
        return String.join(",", mix.stream().map(q -> q.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private static List<Double> sorted(java.util.Collection<Sample> samples, Optional<Question> only) {
        List<Double> out = new ArrayList<>();
        for (Sample x : samples) {
            if (only.isEmpty() || only.get() == x.question()) {
                out.add(x.millis());
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Requests requests(String api, SyntheticWarehouse warehouse) {
        Set<ColumnRef> read = new HashSet<>();
        Set<ColumnRef> written = new HashSet<>();
        warehouse.queries().forEach(q -> q.edges().forEach(e -> {
            read.add(e.source());
            if (e.target() instanceof ColumnRef column) {
                written.add(column);
            }
        }));
        List<String> starts = new ArrayList<>(warehouse.upstreamColumns().stream().filter(read::contains).map(ColumnRef::fqn).toList());
        List<String> ends = new ArrayList<>(written.stream().map(ColumnRef::fqn).sorted().toList());
        List<String> pii = new ArrayList<>(read.stream().filter(c -> c.name().matches(PII_NAMES)).map(ColumnRef::fqn).sorted().toList());
        // table-name fragments ("t12", "t345"): each matches a handful to a few hundred tables and their columns
        List<String> fragments = new ArrayList<>();
        for (int i = 1; i < 1000; i++) {
            fragments.add("t" + i);
        }
        Random random = new Random(7);
        Collections.shuffle(starts, random);
        Collections.shuffle(ends, random);
        Collections.shuffle(pii, random);
        Collections.shuffle(fragments, random);
        return new Requests(api, starts, ends, pii, fragments);
    }

    /** {@code clients} threads, each asking the mix's questions in turn, back to back until the time is up. */
    private static void load(HttpClient http, Requests requests, List<Question> mix, int clients, int seconds,
                             ConcurrentLinkedQueue<Sample> samples) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long n = next.getAndIncrement();
                    Question q = mix.get((int) (n % mix.size()));
                    HttpRequest request = HttpRequest.newBuilder(requests.uri(q, n / mix.size())).GET().build();
                    long s = System.nanoTime();
                    boolean error;
                    try {
                        error = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200;
                    } catch (IOException e) {
                        error = true;
                    } catch (InterruptedException e) {
                        return;
                    }
                    samples.add(new Sample(q, (System.nanoTime() - s) / 1e6, error));
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
