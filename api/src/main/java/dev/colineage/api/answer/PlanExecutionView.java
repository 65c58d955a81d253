package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan execution as it stands: the graph records this same shape, so an execution reads the same
 * after a restart.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PlanExecutionView(String executionId, String state, Optional<String> startedAt, Optional<String> finishedAt,
                                List<List<String>> waves, List<TableRunView> tables) {

    /** One table's re-run: its wave, state, attempts so far and the last detail (an exit code, an HTTP status). */
    public record TableRunView(String table, int wave, String state, int attempts, String detail) {
        public TableRunView {
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(state, "state is null");
            Objects.requireNonNull(detail, "detail is null");
        }
    }

    /** The executions the graph records, newest first. */
    public record History(List<PlanExecutionView> executions) {
        public History {
            executions = List.copyOf(Objects.requireNonNull(executions, "executions is null"));
        }
    }

    public PlanExecutionView {
        Objects.requireNonNull(executionId, "executionId is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(finishedAt, "finishedAt is null");
        waves = List.copyOf(Objects.requireNonNull(waves, "waves is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }
}
