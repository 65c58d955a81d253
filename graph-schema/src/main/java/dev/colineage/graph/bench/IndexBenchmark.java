package dev.colineage.graph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.WriteSummary;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code colineage bench index}: the read model at scale. Bulk-loads a synthetic warehouse of about
 * {@code --edges} column edges into a fresh embedded Neo4j, loads the {@link LineageGraph} from it (full
 * load), counts its heap per column edge (structure and attributes; the fingerprint dictionary apart) and
 * measures it on the JVM heap too, writes a further ~10k-edge run online and times the graph's refresh,
 * then runs downstream questions from {@code --clients} threads at once. Prints a report and, last, one
 * JSON line.
 */
public final class IndexBenchmark {

    private IndexBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) throws Exception {
        int edges = 5_000_000;
        int clients = 32;
        int seconds = 20;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--edges" -> edges = Integer.parseInt(args.get(i + 1));
                case "--clients" -> clients = Integer.parseInt(args.get(i + 1));
                case "--seconds" -> seconds = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + " (known: --edges, --clients, --seconds)");
            }
        }
        // as bench graph: duplicate edges merge and untouched columns are not stored, so aim ~18% higher
        int targetEdges = (int) (edges * 1.18);
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(targetEdges / 5, targetEdges, 42);
        List<QueryRecord> all = warehouse.queries();
        // the last queries, about 10k column edges, are the "next extraction run"; the ones before them,
        // a few hundred edges, a run that comes first (a server long up has run its Cypher before)
        int split = all.size();
        long tail = 0;
        while (split > 1 && tail < 10_000) {
            split--;
            tail += all.get(split).edges().size();
        }
        int warm = split;
        while (warm > 1 && split - warm < 3) {
            warm--;
        }
        out.printf("generated %d columns, %d column edges in %d queries (%.1f s); the last %d queries (%d edges) are the next run%n",
                warehouse.columns(), warehouse.edges(), all.size(), (System.nanoTime() - t0) / 1e9, all.size() - split, tail);
        Path dir = Files.createTempDirectory("colineage-bench-index");
        Map<String, Object> last = new LinkedHashMap<>();
        long bulkStart = System.nanoTime();
        BulkGraphLoader.load(dir, all.subList(0, warm), Catalog.empty());
        out.printf("bulk load into Neo4j: %.1f s%n", (System.nanoTime() - bulkStart) / 1e9);
        List<ColumnRef> starts = new ArrayList<>(warehouse.upstreamColumns());
        warehouse = null;
        try (GraphStore store = GraphStore.open(GraphSettings.embedded(dir).withPageCache(2048L * 1024 * 1024))) {
            // the store's indexes (the lineage sequence's among them) populate after it opens on a bulk load;
            // a server long up has them online: wait, so that the refresh is timed as it runs there
            long indexStart = System.nanoTime();
            try (var session = store.driver().session()) {
                session.run("CALL db.awaitIndexes(1800)").consume();
            }
            out.printf("indexes online after %.1f s%n", (System.nanoTime() - indexStart) / 1e9);
            // as serve does: the store runs in this process, so full loads read it without Bolt
            LineageGraphs graphs = new LineageGraphs(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                    Duration.ofMinutes(30), Duration.ofSeconds(2));
            long before = usedHeap();
            long loadStart = System.nanoTime();
            LineageGraph graph = graphs.fresh();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long measured = usedHeap() - before;
            int m = graph.edgeCount();
            out.printf("read model: %s%n", graph);
            out.printf("full load: %.1f s (%,.0f edges/s)%n", loadSeconds, m / loadSeconds);
            out.printf("heap per column edge: %.1f bytes counted (structure and attributes, names included), "
                            + "fingerprint dictionary and query summaries %.1f MB apart; %.1f bytes measured on the heap after GC "
                            + "(everything, dictionary included)%n", (double) graph.structureBytes() / m, graph.dictionaryBytes() / 1e6,
                    (double) measured / m);
            last.put("edges", m);
            last.put("columns", graph.columnCount());
            last.put("heap_bytes_per_edge", round((double) graph.structureBytes() / m));
            last.put("dictionary_mb", round(graph.dictionaryBytes() / 1e6));
            last.put("measured_heap_bytes_per_edge", round((double) measured / m));
            last.put("full_load_s", round(loadSeconds));

            new LineageGraphWriter(store.driver()).write(all.subList(warm, split), Catalog.empty());
            long firstStart = System.nanoTime();
            graphs.fresh();
            double firstRefresh = (System.nanoTime() - firstStart) / 1e9;
            out.printf("a first small run, then the process's first refresh (its Cypher planned on the way): %.2f s%n", firstRefresh);
            last.put("first_refresh_s", round2(firstRefresh));
            WriteSummary run = new LineageGraphWriter(store.driver()).write(all.subList(split, all.size()), Catalog.empty());
            long refreshStart = System.nanoTime();
            LineageGraph after = graphs.fresh();
            double refreshSeconds = (System.nanoTime() - refreshStart) / 1e9;
            out.printf("a run writing %d column edges online (%.1f s), then the read model's refresh: %.2f s (%s) -> %d edges%n",
                    run.feeds() + run.influences(), run.millis() / 1000.0, refreshSeconds,
                    graphs.refreshes() == 2 ? "the stamped changes applied in memory" : "a full reload", after.edgeCount());
            last.put("refresh_s", round2(refreshSeconds));
            last.put("refresh_applied", graphs.refreshes() == 2);

            InMemoryLineageReader reader = new InMemoryLineageReader(graphs);
            Set<String> stored = new HashSet<>();
            starts.removeIf(c -> after.column(c.fqn()).isEmpty() || !stored.add(c.fqn()));
            Collections.shuffle(starts, new Random(7));
            List<String> names = starts.stream().map(ColumnRef::fqn).toList();
            for (int i = 0; i < 200; i++) {
                reader.columnLineage(names.get(i % names.size()), Direction.DOWNSTREAM, TraversalOptions.defaults());
            }
            double[] latency = concurrentDownstream(reader, names, clients, seconds);
            out.printf("downstream (unbounded, limit 1000) from %d clients for %d s: %d questions, %.0f/s; p50 %.2f ms, p95 %.2f ms,"
                    + " p99 %.2f ms%n", clients, seconds, (long) latency[3], latency[3] / seconds, latency[0], latency[1], latency[2]);
            last.put("clients", clients);
            last.put("downstream_per_s", Math.round(latency[3] / seconds));
            last.put("downstream_p50_ms", round2(latency[0]));
            last.put("downstream_p95_ms", round2(latency[1]));
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(dir);
        }
        out.println(new ObjectMapper().writeValueAsString(last));
        return 0;
    }

    /** p50, p95, p99 in ms and the number of questions answered, over {@code clients} threads for {@code seconds}. */
    private static double[] concurrentDownstream(InMemoryLineageReader reader, List<String> columns, int clients, int seconds)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Double>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 7919;
            results.add(pool.submit(() -> {
                List<Double> ms = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    long s = System.nanoTime();
                    reader.columnLineage(columns.get((offset + i) % columns.size()), Direction.DOWNSTREAM, TraversalOptions.defaults());
                    ms.add((System.nanoTime() - s) / 1e6);
                }
                return ms;
            }));
        }
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        return new double[]{pct(all, 50), pct(all, 95), pct(all, 99), all.size()};
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
