package dev.colineage.graph.plan;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What to re-run after a change, in what order: the downstream tables the change actually reaches
 * (column by column), in waves that can each run in parallel, and the cycles that block ordering.
 *
 * @param changedColumns the columns that changed (a changed table contributes all its columns)
 * @param tables         the affected tables, by wave then name
 * @param waves          table names per wave
 * @param cycles         members of each dependency cycle among affected tables (their tables have wave -1)
 * @param columns        how many columns the change reaches
 */
public record RerunPlan(Set<String> changedColumns, Set<String> changedTables, List<PlannedTable> tables,
                        List<List<String>> waves, List<List<String>> cycles, int columns, long millis) {

    public RerunPlan {
        changedColumns = Set.copyOf(Objects.requireNonNull(changedColumns, "changedColumns is null"));
        changedTables = Set.copyOf(Objects.requireNonNull(changedTables, "changedTables is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
        waves = List.copyOf(Objects.requireNonNull(waves, "waves is null"));
        cycles = List.copyOf(Objects.requireNonNull(cycles, "cycles is null"));
    }
}
