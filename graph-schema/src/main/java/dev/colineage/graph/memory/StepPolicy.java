package dev.colineage.graph.memory;

/**
 * Which edges a question's walk takes, and from which of the nodes it reaches it walks on: impact with
 * its filters, PII exposure, the re-run closure are each one policy over the same {@link LineageWalker}.
 */
public interface StepPolicy {

    /** Which lineage the walk is over: the walk takes no edge outside it, whatever the policy. */
    dev.colineage.graph.read.LineageTime time();

    /** Whether the walk takes this lineage edge. */
    boolean takes(LineageGraph graph, int edge);

    /** Whether the walk goes on from the node this edge reached (a question may stop at it). */
    default boolean continuesPast(LineageGraph graph, int edge) {
        return true;
    }
}
