package dev.colineage.graph.plan;

import dev.colineage.graph.read.GraphEdge;
import java.util.List;
import java.util.Objects;

/**
 * A table a re-run plan includes.
 *
 * @param wave      the wave it runs in (0 first), or -1 when a cycle blocks it
 * @param reason    the lineage edge that first brought the change into this table
 * @param dependsOn the plan's tables it must wait for, sorted
 */
public record PlannedTable(String table, int wave, GraphEdge reason, List<String> dependsOn) {

    public PlannedTable {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(reason, "reason is null");
        dependsOn = List.copyOf(Objects.requireNonNull(dependsOn, "dependsOn is null"));
    }
}
