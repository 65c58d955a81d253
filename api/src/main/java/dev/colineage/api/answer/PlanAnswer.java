package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.plan.PlannedTable;
import dev.colineage.graph.plan.RerunPlan;
import dev.colineage.graph.read.GraphEdge;
import java.util.List;
import java.util.Objects;

/** A re-run plan as JSON: what changed, what it affects, the waves, the cycles, each planned table. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanAnswer(Changed changed, int affectedTables, int affectedColumns, List<List<String>> waves, List<List<String>> cycles,
                         List<Table> tables, long planMs) {

    public record Changed(List<String> columns, List<String> tables) {
        public Changed {
            columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
            tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
        }
    }

    /** A planned table: its wave, the tables it waits for, and the edge that brought the change in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Table(String table, int wave, List<String> dependsOn, GraphEdge reason) {
        public Table {
            Objects.requireNonNull(table, "table is null");
            dependsOn = List.copyOf(Objects.requireNonNull(dependsOn, "dependsOn is null"));
            Objects.requireNonNull(reason, "reason is null");
        }
    }

    public PlanAnswer {
        Objects.requireNonNull(changed, "changed is null");
        waves = List.copyOf(Objects.requireNonNull(waves, "waves is null"));
        cycles = List.copyOf(Objects.requireNonNull(cycles, "cycles is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }

    public static PlanAnswer of(RerunPlan plan) {
        return new PlanAnswer(new Changed(plan.changedColumns().stream().sorted().toList(), plan.changedTables().stream().sorted().toList()),
                plan.tables().size(), plan.columns(), plan.waves(), plan.cycles(),
                plan.tables().stream().map((PlannedTable t) -> new Table(t.table(), t.wave(), t.dependsOn(), t.reason())).toList(),
                plan.millis());
    }
}
