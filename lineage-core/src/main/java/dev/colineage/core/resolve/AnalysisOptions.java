package dev.colineage.core.resolve;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.TableRef;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read one piece of SQL: the job's default project and dataset (for unqualified names), its
 * destination table (where a plain SELECT's result goes), the catalog of table schemas, and the
 * warehouse's persistent routines (calls to them are traced through their bodies).
 */
public record AnalysisOptions(Optional<String> defaultProject, Optional<String> defaultDataset,
                              Optional<TableRef> destination, Catalog catalog, RoutineCatalog routines) {

    public AnalysisOptions {
        Objects.requireNonNull(defaultProject, "defaultProject is null");
        Objects.requireNonNull(defaultDataset, "defaultDataset is null");
        Objects.requireNonNull(destination, "destination is null");
        Objects.requireNonNull(catalog, "catalog is null");
        Objects.requireNonNull(routines, "routines is null");
    }

    public static AnalysisOptions of(Catalog catalog) {
        return new AnalysisOptions(Optional.empty(), Optional.empty(), Optional.empty(), catalog, RoutineCatalog.empty());
    }

    public AnalysisOptions withDefaultProject(String project) {
        return new AnalysisOptions(Optional.of(project), defaultDataset, destination, catalog, routines);
    }

    public AnalysisOptions withDefaultDataset(String dataset) {
        return new AnalysisOptions(defaultProject, Optional.of(dataset), destination, catalog, routines);
    }

    public AnalysisOptions withDestination(TableRef table) {
        return new AnalysisOptions(defaultProject, defaultDataset, Optional.of(table), catalog, routines);
    }

    public AnalysisOptions withRoutines(RoutineCatalog persistent) {
        return new AnalysisOptions(defaultProject, defaultDataset, destination, catalog, persistent);
    }
}
