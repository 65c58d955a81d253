package dev.colineage.graph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.WriteSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code colineage bench graph}: writes a synthetic warehouse-shaped lineage graph into a fresh embedded
 * Neo4j, then times unbounded downstream traversals (1,000-hit limit) from random columns. Prints a
 * report and, last, one JSON line.
 */
public final class GraphBenchmark {

    private GraphBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) {
        // generator targets: columns no edge touches are not stored, and duplicate edges merge, so these
        // land near 100k stored columns and 500k stored column edges
        int columns = 110_000;
        int edges = 590_000;
        int queries = 200;
        int batch = LineageGraphWriter.DEFAULT_BATCH_SIZE;
        int parallelism = LineageGraphWriter.DEFAULT_PARALLELISM;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--columns" -> columns = Integer.parseInt(args.get(i + 1));
                case "--edges" -> edges = Integer.parseInt(args.get(i + 1));
                case "--queries" -> queries = Integer.parseInt(args.get(i + 1));
                case "--batch" -> batch = Integer.parseInt(args.get(i + 1));
                case "--parallelism" -> parallelism = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i)
                        + " (known: --columns, --edges, --queries, --batch, --parallelism)");
            }
        }
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(columns, edges, 42);
        out.printf("generated %d columns, %d column edges in %d queries (%.1f s)%n", warehouse.columns(),
                warehouse.edges(), warehouse.queries().size(), (System.nanoTime() - t0) / 1e9);
        Path dir;
        try {
            dir = Files.createTempDirectory("colineage-bench-graph");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> last = new LinkedHashMap<>();
        // Neo4j's start in a fresh JVM (~20k classes loaded and initialised) is a fixed cost every process
        // pays once before it can write anything, online or bulk; measured on its own so that write
        // throughput is the write's, for the bulk path as for the online one (whose store is open first)
        double startSeconds = emptyStoreStart();
        out.printf("Neo4j start in this fresh JVM (empty store, paid once per process before any write): %.1f s%n",
                startSeconds);
        List<dev.colineage.graph.write.QueryRecord> all = warehouse.queries();
        int firstLoad = all.size() * 9 / 10;
        long bulkStart = System.nanoTime();
        WriteSummary bulk = dev.colineage.graph.write.BulkGraphLoader.load(dir, all.subList(0, firstLoad), Catalog.empty());
        try (GraphStore store = GraphStore.open(GraphSettings.embedded(dir).withPageCache(1024L * 1024 * 1024))) {
            double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
            double bulkRate = (bulk.feeds() + bulk.influences()) / bulkSeconds;
            out.printf("first load (bulk: rows + CSV + import + store start + index build): %d tables, %d columns, %d FEEDS,"
                            + " %d INFLUENCES, %d queries in %.1f s: %.0f edges/s%n", bulk.tables(), bulk.columns(),
                    bulk.feeds(), bulk.influences(), bulk.queries(), bulkSeconds, bulkRate);
            out.printf("  of which rows + CSV + import %.1f s %s, store start + migrations + index population %.1f s%n",
                    bulk.millis() / 1000.0, new java.util.TreeMap<>(bulk.stageMillis()), bulkSeconds - bulk.millis() / 1000.0);
            out.printf("  with Neo4j's start counted too, as for a process whose first act is this load: %.1f s, %.0f edges/s%n",
                    bulkSeconds + startSeconds, (bulk.feeds() + bulk.influences()) / (bulkSeconds + startSeconds));
            LineageGraphWriter writer = new LineageGraphWriter(store.driver(), batch, parallelism);
            List<dev.colineage.graph.write.QueryRecord> increment = all.subList(firstLoad, all.size());
            WriteSummary online = writer.write(increment, Catalog.empty());
            out.printf("incremental online write (idempotent MERGE) of the other %d queries: %d FEEDS, %d INFLUENCES in %.1f s:"
                            + " %.0f edges/s; stages (ms) %s%n", increment.size(), online.feeds(), online.influences(),
                    online.millis() / 1000.0, online.edgesPerSecond(), online.stageMillis());
            WriteSummary again = writer.write(increment, Catalog.empty());
            out.printf("the same increment written again (no change): %.1f s%n", again.millis() / 1000.0);
            long storedColumns;
            long storedEdges;
            try (var session = store.driver().session()) {
                storedColumns = session.run("MATCH (c:Column) RETURN count(c) AS n").single().get("n").asLong();
                storedEdges = session.run("MATCH ()-[r:FEEDS|INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong();
            }
            out.printf("graph: %d columns, %d column edges%n", storedColumns, storedEdges);
            last.put("columns", storedColumns);
            last.put("edges", storedEdges);
            last.put("write_edges_per_s", Math.round(bulkRate));
            last.put("first_load_s", round(bulkSeconds));
            last.put("neo4j_start_s", round(startSeconds));
            last.put("online_write_edges_per_s", Math.round(online.edgesPerSecond()));

            LineageGraphReader reader = new LineageGraphReader(store.driver());
            java.util.Set<ColumnRef> sources = new java.util.HashSet<>();
            warehouse.queries().forEach(q -> q.edges().forEach(e -> sources.add(e.source())));
            List<ColumnRef> starts = new ArrayList<>(warehouse.upstreamColumns().stream().filter(sources::contains).toList());
            Collections.shuffle(starts, new Random(7));
            TraversalOptions options = TraversalOptions.defaults();
            for (int i = 0; i < 20; i++) {      // warm-up: page cache and query plans
                reader.columnLineage(starts.get(starts.size() - 1 - i).fqn(), Direction.DOWNSTREAM, options);
            }
            List<Double> millis = new ArrayList<>();
            long hits = 0;
            int truncated = 0;
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                Traversal t = reader.columnLineage(starts.get(i).fqn(), Direction.DOWNSTREAM, options).orElseThrow();
                millis.add((System.nanoTime() - s) / 1e6);
                hits += t.hits().size();
                truncated += t.truncated() ? 1 : 0;
            }
            millis.sort(Comparator.naturalOrder());
            out.printf("downstream (unbounded, limit 1000) over %d random columns: mean %d hits, %d truncated;"
                            + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", queries, hits / queries, truncated,
                    pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
            last.put("downstream_p50_ms", round(pct(millis, 50)));
            last.put("downstream_p95_ms", round(pct(millis, 95)));
            last.put("downstream_p99_ms", round(pct(millis, 99)));
        }
        out.printf("store size on disk: %.0f MB (%s)%n", size(dir) / 1e6, dir);
        if (!Boolean.getBoolean("colineage.bench.keep")) {
            dev.colineage.graph.store.Directories.deleteTree(dir);
        }
        try {
            out.println(new ObjectMapper().writeValueAsString(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Seconds to start the embedded server on a new, empty store (and run the migrations), then stop it. */
    private static double emptyStoreStart() {
        long start = System.nanoTime();
        try (GraphStore store = GraphStore.openTemporary("colineage-bench-start", 64L * 1024 * 1024)) {
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
