package dev.colineage.graph.check;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.resolve.RoutineCatalog;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read the changed files: the default project and dataset for unqualified names (without them a
 * {@code dataset.table} is the one table of that name the graph knows), schemas of tables the graph does not
 * know yet (added first: a new version's {@code SELECT *} over a new table), the warehouse's persistent
 * routines, and how long the report's lists may be.
 */
public record CheckOptions(Optional<String> defaultProject, Optional<String> defaultDataset, Catalog catalog, RoutineCatalog routines,
                           int limit) {
    public CheckOptions {
        Objects.requireNonNull(defaultProject, "defaultProject is null");
        Objects.requireNonNull(defaultDataset, "defaultDataset is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(routines, "routines is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1: " + limit);
        }
    }

    public static CheckOptions defaults() {
        return new CheckOptions(Optional.empty(), Optional.empty(), Catalog.empty(), RoutineCatalog.empty(), 1_000);
    }

    public CheckOptions withLimit(int max) {
        return new CheckOptions(defaultProject, defaultDataset, catalog, routines, max);
    }
}
