package dev.colineage.graph.check;

/** What the change does to a downstream column or table. */
public enum Effect {
    /** A query writing it (or writing something it comes from) fails: it is no longer refreshed, its data goes stale. */
    STALE,
    /** A DIRECT path brings it the changed values: its results change. */
    CHANGES
}
