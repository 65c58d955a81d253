package dev.colineage.graph.read;

/** Which way a traversal follows lineage edges. */
public enum Direction {
    /** Towards what a node feeds: impact of a change. */
    DOWNSTREAM,
    /** Towards what feeds a node: origin of a value. */
    UPSTREAM
}
