package dev.colineage.graph.memory;

/** What a lineage edge of the read model joins. */
public enum EdgeKind {
    /** A column's values flow into another column ({@code FEEDS}). */
    FEEDS,
    /** A column decides a whole table's rows: a join key, a filter, a grouping key ({@code INFLUENCES}). */
    INFLUENCES
}
