package dev.colineage.graph.openlineage;

import dev.colineage.core.model.TableRef;
import java.util.Optional;

/**
 * OpenLineage's dataset identity (namespace, name) and the graph's table names, both ways. A BigQuery table is
 * namespace {@code bigquery}, name {@code project.dataset.table} (the name OpenLineage's own BigQuery
 * integrations give); anything else keeps its namespace and name as a foreign table
 * ({@code postgres://db:5432/shop.public.customers}, see {@link TableRef#foreign}).
 */
final class DatasetNames {

    static final String BIGQUERY = "bigquery";

    private DatasetNames() {
    }

    /** The graph's table for a dataset; empty when a {@code bigquery} name is not {@code project.dataset.table}. */
    static Optional<TableRef> table(String namespace, String name) {
        if (!namespace.equals(BIGQUERY)) {
            return Optional.of(TableRef.foreign(namespace, name));
        }
        return TableRef.parse(name);
    }
}
