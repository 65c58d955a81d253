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

    /** Newest run first, then by fingerprint; runs compare as instants, not as the strings Neo4j prints. */
    public static final java.util.Comparator<QuerySummary> NEWEST_FIRST = java.util.Comparator
            .comparing((QuerySummary q) -> instant(q.lastSeen())).reversed().thenComparing(QuerySummary::fingerprint);

    /**
     * A summary from a row with the columns {@code fingerprint, statement_type, kind, last_seen, last_job_id,
     * run_count, users}; a query node written before a field existed gets its neutral value.
     */
    public static QuerySummary fromRecord(org.neo4j.driver.Record r) {
        return new QuerySummary(r.get("fingerprint").asString(), r.get("statement_type").asString("UNKNOWN"),
                r.get("kind").asString("JOB"), r.get("last_seen").asString(""), r.get("last_job_id").asString(""),
                r.get("run_count").asLong(0), r.get("users").isNull() ? List.of() : r.get("users").asList(v -> v.asString()));
    }

    /** An instant from Neo4j's printed datetime ({@code 2026-11-20T03:00Z}, with or without a zone id). */
    static java.time.Instant instant(String printed) {
        try {
            return java.time.ZonedDateTime.parse(printed).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;   // a query never seen running sorts last
        }
    }
}
