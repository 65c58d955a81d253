package dev.colineage.core.model;

import java.util.Objects;

/**
 * A BigQuery table (or view) by its three-part name. Names keep the spelling they were resolved
 * with: the catalog's when the table is known, otherwise the SQL's.
 */
public record TableRef(String project, String dataset, String name) implements LineageTarget {

    public TableRef {
        Objects.requireNonNull(project, "project is null");
        Objects.requireNonNull(dataset, "dataset is null");
        Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String fqn() {
        return project + "." + dataset + "." + name;
    }

    @Override
    public TableRef table() {
        return this;
    }

    public ColumnRef column(String... path) {
        return new ColumnRef(this, java.util.List.of(path));
    }

    @Override
    public String toString() {
        return fqn();
    }
}
