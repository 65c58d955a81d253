package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.plan.PlannedTable;
import java.util.List;
import java.util.Objects;

/**
 * rerun_plan: how many tables to re-run in how many waves, the waves naming the first {@code limit} tables (wave
 * by wave), and those tables with the edge behind each.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanSummary(int affectedTables, int waveCount, List<List<String>> waves, List<PlannedTable> tables, List<List<String>> cycles,
                          boolean truncated) {
    public PlanSummary {
        waves = List.copyOf(Objects.requireNonNull(waves, "waves is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
        cycles = List.copyOf(Objects.requireNonNull(cycles, "cycles is null"));
    }
}
