package dev.colineage.graph.write;

/** Where a {@code Query} node's text came from. */
public enum QueryKind {
    /** A job of {@code INFORMATION_SCHEMA.JOBS} (or an export of it) that ran in the window. */
    JOB,
    /**
     * A view, materialized view, snapshot or clone definition read from the warehouse's metadata: the
     * lineage the table has now, whether or not a job of the window created it.
     */
    DEFINITION,
    /**
     * A job another system reported as an OpenLineage run event (Airflow, dbt, Spark, ...): its identity is the
     * event's job (namespace and name), its lineage the event's datasets and column-lineage facets.
     */
    OPENLINEAGE
}
