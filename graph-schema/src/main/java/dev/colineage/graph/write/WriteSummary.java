package dev.colineage.graph.write;

import java.util.Map;
import java.util.Objects;

/**
 * What one {@link LineageGraphWriter#write} call sent to the graph, and how long it took, in all and
 * per stage (tables, columns, feeds, ...).
 */
public record WriteSummary(int tables, int columns, int feeds, int influences, int queries, long millis,
                           Map<String, Long> stageMillis) {

    public WriteSummary {
        stageMillis = Map.copyOf(Objects.requireNonNull(stageMillis, "stageMillis is null"));
    }

    /** Column edges (FEEDS and INFLUENCES) written per second. */
    public double edgesPerSecond() {
        return millis == 0 ? 0 : (feeds + influences) * 1000.0 / millis;
    }
}
