package dev.colineage.core.jobs;

import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of BigQuery's {@code INFORMATION_SCHEMA.JOBS}, reduced to what lineage needs.
 *
 * @param projectId        the project the job ran in: the default project of its SQL
 * @param statementType    SELECT, INSERT, MERGE, CREATE_TABLE_AS_SELECT, SCRIPT, ...
 * @param destination      the job's destination table (for a SELECT, where its result went)
 * @param referencedTables tables the job read, as BigQuery resolved them
 */
public record JobRecord(String jobId, String projectId, String query, String statementType,
                        Optional<TableRef> destination, List<TableRef> referencedTables,
                        Optional<String> sessionId, Optional<String> creationTime, Optional<String> userEmail) {

    public JobRecord {
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(projectId, "projectId is null");
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(destination, "destination is null");
        referencedTables = List.copyOf(Objects.requireNonNull(referencedTables, "referencedTables is null"));
        Objects.requireNonNull(sessionId, "sessionId is null");
        Objects.requireNonNull(creationTime, "creationTime is null");
        Objects.requireNonNull(userEmail, "userEmail is null");
    }

    /**
     * The destination that a plain SELECT's result lineage goes to. BigQuery writes unnamed query
     * results to hidden datasets whose names start with an underscore: those are no lineage target.
     */
    public Optional<TableRef> selectDestination() {
        return destination.filter(t -> !t.dataset().startsWith("_"));
    }
}
