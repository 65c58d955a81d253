package dev.colineage.graph.write;

/** What one {@link LineageGraphWriter#write} call sent to the graph, and how long it took. */
public record WriteSummary(int tables, int columns, int feeds, int influences, int queries, long millis) {

    /** Column edges (FEEDS and INFLUENCES) written per second. */
    public double edgesPerSecond() {
        return millis == 0 ? 0 : (feeds + influences) * 1000.0 / millis;
    }
}
