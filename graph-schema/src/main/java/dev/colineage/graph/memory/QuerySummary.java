package dev.colineage.graph.memory;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What an answer lists about a query behind its edges: the read model keeps one per fingerprint.
 *
 * @param kind     JOB or DEFINITION (see {@link dev.colineage.graph.write.QueryKind})
 * @param lastSeen the newest run, as Neo4j prints a datetime
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuerySummary(String fingerprint, String statementType, String kind, String lastSeen, String lastJobId,
                           long runCount, List<String> users) {
    public QuerySummary {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        Objects.requireNonNull(lastJobId, "lastJobId is null");
        users = List.copyOf(Objects.requireNonNull(users, "users is null"));
    }
}
