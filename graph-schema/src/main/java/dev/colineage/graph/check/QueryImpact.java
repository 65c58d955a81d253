package dev.colineage.graph.check;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * A query of the current lineage that fails or whose results change, as the graph knows it: its statement
 * type, its last run, who runs it and how often, and why it is listed.
 *
 * @param kind    JOB (seen in the query log), DEFINITION (warehouse metadata), OPENLINEAGE
 * @param lastRun the newest run, as Neo4j prints a datetime
 * @param reasons the changed (or affected) columns it reads or writes, and how
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueryImpact(String fingerprint, String statementType, String kind, String lastRun, String lastJobId, long runCount,
                          List<String> users, List<Reason> reasons) {
    public QueryImpact {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(lastRun, "lastRun is null");
        Objects.requireNonNull(lastJobId, "lastJobId is null");
        users = List.copyOf(Objects.requireNonNull(users, "users is null"));
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons is null"));
    }

    /** One column the query touches, and how. */
    public record Reason(String column, ColumnUse use) {
        public Reason {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(use, "use is null");
        }
    }
}
