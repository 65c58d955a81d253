package dev.colineage.core.model;

/** What an edge points at: a column, or a whole table for indirect inputs that affect every row. */
/* Serializable so that the extraction job can ship edges between Spark tasks. */
public sealed interface LineageTarget extends java.io.Serializable permits ColumnRef, TableRef {

    /** The dotted name used in output: {@code project.dataset.table[.column[.field]]}. */
    String fqn();

    /** The table this target is, or belongs to. */
    TableRef table();
}
