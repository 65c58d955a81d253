package dev.colineage.core.model;

import java.util.Objects;

/**
 * A BigQuery table (or view) by its three-part name. Names keep the spelling they were resolved
 * with: the catalog's when the table is known, otherwise the SQL's.
 *
 * <p>A dataset outside BigQuery, learnt from an OpenLineage event (a Postgres table an Airflow task loads from,
 * a file in a bucket), keeps its OpenLineage identity: its namespace as {@code project}, its name as
 * {@code name}, and an empty {@code dataset}; its fqn is {@code namespace/name}
 * ({@code postgres://db:5432/shop.public.customers}), never a BigQuery name (those always have a dataset).
 */
public record TableRef(String project, String dataset, String name) implements LineageTarget {

    public TableRef {
        Objects.requireNonNull(project, "project is null");
        Objects.requireNonNull(dataset, "dataset is null");
        Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String fqn() {
        return dataset.isEmpty() ? project + "/" + name : project + "." + dataset + "." + name;
    }

    /**
     * A BigQuery table by its fqn, read from the right (a domain-scoped project, {@code example.com:p}, has a dot
     * of its own; datasets and table names have none); empty unless project, dataset and name are all there.
     */
    public static java.util.Optional<TableRef> parse(String fqn) {
        int last = fqn.lastIndexOf('.');
        int middle = last < 0 ? -1 : fqn.lastIndexOf('.', last - 1);
        if (middle < 1 || middle == last - 1 || last == fqn.length() - 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TableRef(fqn.substring(0, middle), fqn.substring(middle + 1, last), fqn.substring(last + 1)));
    }

    /** A dataset outside BigQuery, by its OpenLineage namespace and name. */
    public static TableRef foreign(String namespace, String name) {
        return new TableRef(namespace, "", name);
    }

    /** Whether this is a dataset outside BigQuery (see {@link #foreign}). */
    public boolean isForeign() {
        return dataset.isEmpty();
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
