package dev.colineage.graph.runs;

import java.util.List;
import java.util.Objects;

/**
 * A distinct query that an extraction run did not fully understand, kept so that users can see what
 * lineage is missing and why.
 *
 * @param status   PARTIAL (some statements parsed) or PARSE_ERROR (none did), or OK with error diagnostics
 * @param problems {@code CODE: message} for each error diagnostic, in order
 */
public record FailedQuery(String fingerprint, String status, List<String> problems, String sampleSql)
        implements java.io.Serializable {

    public FailedQuery {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(status, "status is null");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
        Objects.requireNonNull(sampleSql, "sampleSql is null");
    }
}
