package dev.colineage.graph.bench;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.store.Directories;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The re-run plan benchmark's warehouse (tables of ~8 columns: 20k tables in ~170k columns) bulk-loaded into a
 * fresh embedded Neo4j in a temporary directory, deleted on close: {@code bench plan} and {@code bench check}
 * ask their questions of the same graph.
 */
final class LoadedWarehouse implements AutoCloseable {

    final SyntheticWarehouse warehouse;
    final GraphStore store;
    private final Path dir;

    private LoadedWarehouse(SyntheticWarehouse warehouse, GraphStore store, Path dir) {
        this.warehouse = warehouse;
        this.store = store;
        this.dir = dir;
    }

    static LoadedWarehouse planSized(int tables, String name, PrintStream out) {
        long t0 = System.nanoTime();
        SyntheticWarehouse warehouse = new SyntheticWarehouse(tables * 85 / 10, tables * 25, 4, 42);
        Path dir;
        try {
            dir = Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            BulkGraphLoader.load(dir, warehouse.queries(), Catalog.empty());
            GraphStore store = GraphStore.open(GraphSettings.embedded(dir).withPageCache(1024L * 1024 * 1024));
            out.printf("warehouse of %d tables, %d columns, %d column edges loaded in %.1f s%n", warehouse.tables(),
                    warehouse.columns(), warehouse.edges(), (System.nanoTime() - t0) / 1e9);
            return new LoadedWarehouse(warehouse, store, dir);
        } catch (RuntimeException | Error e) {
            Directories.deleteTree(dir);
            throw e;
        }
    }

    /** Runs {@code work} {@code repeat} times: the durations in microseconds, ascending. */
    static long[] timed(int repeat, Runnable work) {
        long[] times = new long[repeat];
        for (int r = 0; r < repeat; r++) {
            long s = System.nanoTime();
            work.run();
            times[r] = (System.nanoTime() - s) / 1_000;
        }
        java.util.Arrays.sort(times);
        return times;
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            Directories.deleteTree(dir);
        }
    }
}
