package dev.colineage.spark.job;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.BulkGraphLoader;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.WriteSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The destination of a first load into a new embedded store: nothing exists while the run reads and
 * analyses; at the write stage the lineage is collected on the Spark driver and graph-schema's bulk
 * loader builds the store with Neo4j's importer (~40k column edges/s against ~7k through MERGE on a cold
 * process, measured), then the store is opened and the run recorded in it. Only ever a new store: every
 * later run writes online.
 */
public final class BulkFirstLoad implements AutoCloseable {

    private final GraphSettings settings;
    private GraphStore store;

    /**
     * @throws IllegalArgumentException for an external graph, or an embedded data directory that holds a
     *                                  store already
     */
    public BulkFirstLoad(GraphSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        if (settings.uri().isPresent()) {
            throw new IllegalArgumentException("a bulk first load builds a new embedded store; it cannot write to "
                    + settings.uri().get());
        }
        if (!BulkGraphLoader.isNewStore(settings.dataDir())) {
            throw new IllegalArgumentException("a bulk first load builds a new store, and " + settings.dataDir().toAbsolutePath()
                    + " holds one already (extract without --bulk-first-load adds to it)");
        }
    }

    /** Builds the store from the records and opens it. */
    WriteSummary load(List<QueryRecord> records, Catalog catalog) {
        if (store != null) {
            throw new IllegalStateException("the store is built already");
        }
        WriteSummary summary = BulkGraphLoader.load(settings.dataDir(), records, catalog);
        store = GraphStore.open(settings);
        return summary;
    }

    /** The store, once built. */
    public Optional<GraphStore> store() {
        return Optional.ofNullable(store);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
