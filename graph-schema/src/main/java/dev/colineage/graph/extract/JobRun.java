package dev.colineage.graph.extract;

import dev.colineage.core.jobs.JobRecord;
import dev.colineage.core.jobs.QueryFingerprint;
import dev.colineage.core.model.TableRef;
import dev.colineage.graph.write.QueryKind;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job row on its way through Spark: lineage-core's {@link JobRecord} in a serializable form
 * (Optional is not), with its fingerprint and creation time. Absent texts are empty strings.
 */
public record JobRun(String fingerprint, String jobId, String projectId, String query, String statementType,
                     String destination, List<String> referencedTables, String sessionId, Instant creationTime,
                     String userEmail, QueryKind kind) implements Serializable {

    /** A job of the query log. */
    public JobRun(String fingerprint, String jobId, String projectId, String query, String statementType, String destination,
                  List<String> referencedTables, String sessionId, Instant creationTime, String userEmail) {
        this(fingerprint, jobId, projectId, query, statementType, destination, referencedTables, sessionId, creationTime,
                userEmail, QueryKind.JOB);
    }

    public JobRun {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(jobId, "jobId is null");
        Objects.requireNonNull(projectId, "projectId is null");
        Objects.requireNonNull(query, "query is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(destination, "destination is null");
        referencedTables = List.copyOf(Objects.requireNonNull(referencedTables, "referencedTables is null"));
        Objects.requireNonNull(sessionId, "sessionId is null");
        Objects.requireNonNull(creationTime, "creationTime is null");
        Objects.requireNonNull(userEmail, "userEmail is null");
        Objects.requireNonNull(kind, "kind is null");
    }

    public static JobRun of(JobRecord job, Instant creationTime) {
        return of(job, creationTime, new java.util.HashMap<>());
    }

    /**
     * With a memo of normalised texts: normalising lexes the whole query, and a log repeats the same
     * texts thousands of times.
     */
    public static JobRun of(JobRecord job, Instant creationTime, java.util.Map<String, String> normalisedByText) {
        String normalised = normalisedByText.size() < 5_000
                ? normalisedByText.computeIfAbsent(job.query(), QueryFingerprint::normalize)
                : QueryFingerprint.normalize(job.query());
        return new JobRun(QueryFingerprint.of(job, normalised), job.jobId(), job.projectId(), job.query(), job.statementType(),
                job.destination().map(TableRef::fqn).orElse(""), job.referencedTables().stream().map(TableRef::fqn).toList(),
                job.sessionId().orElse(""), creationTime, job.userEmail().orElse(""));
    }

    /**
     * A definition read from metadata, as a run at the time the metadata gives it (created or last
     * altered): its id and time are the same each time it is read, so a re-run writes the same graph.
     * A definition the metadata does not time is timed {@code whenUntimed} (the end of the run's window).
     */
    public static JobRun definition(dev.colineage.core.metadata.Definition definition, Instant whenUntimed) {
        JobRecord job = definition.toJobRecord();
        Instant definedAt = definition.definedAt().flatMap(CreationTime::parse).orElse(whenUntimed);
        return new JobRun(QueryFingerprint.of(job, QueryFingerprint.normalize(job.query())), job.jobId(), job.projectId(),
                job.query(), job.statementType(), "", job.referencedTables().stream().map(TableRef::fqn).toList(), "",
                definedAt, "", QueryKind.DEFINITION);
    }

    public JobRecord toJobRecord() {
        return new JobRecord(jobId, projectId, query, statementType, TableRef.parse(destination),
                referencedTables.stream().map(TableRef::parse).flatMap(Optional::stream).toList(), text(sessionId),
                Optional.of(creationTime.toString()), text(userEmail));
    }

    private static Optional<String> text(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
