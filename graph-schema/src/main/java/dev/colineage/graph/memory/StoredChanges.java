package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store holds that was stamped after a lineage sequence number, as the read model applies it: read
 * over Bolt ({@link BoltChanges}) or, when the database runs in this process, from it directly
 * ({@link LocalChanges}); the same rows either way, so that one merge serves both.
 */
interface StoredChanges {

    /** The edges stamped after {@code since}; empty when there are more than {@code max} (a full load is then cheaper). */
    Optional<List<EdgeRow>> edges(long since, int max);

    /** The columns stamped after {@code since}: new ones, and known ones whose tags changed. */
    List<ColumnRow> columns(long since);

    /** The queries stamped after {@code since}: new ones, and known ones that ran again. */
    List<QueryRow> queries(long since);

    /** The store's counts, as {@link LineageGraph#version()} prints them. */
    String version();

    /** FEEDS plus INFLUENCES in the store. */
    long storedEdges();

    /**
     * An edge as stored: between column names for FEEDS; from a column name to a table name for INFLUENCES.
     */
    record EdgeRow(EdgeKind kind, String source, String target, Transformation.Subtype subtype, boolean masking,
                   List<String> fingerprints) {
        public EdgeRow {
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(target, "target is null");
            Objects.requireNonNull(subtype, "subtype is null");
            fingerprints = List.copyOf(Objects.requireNonNull(fingerprints, "fingerprints is null"));
        }
    }

    /** A query as stored: what answers list about it, and what its lifetime is derived from (when its runs are recorded). */
    record QueryRow(QuerySummary summary, Optional<QueryActivity> activity) {
        public QueryRow {
            Objects.requireNonNull(summary, "summary is null");
            Objects.requireNonNull(activity, "activity is null");
        }
    }

    /** A column as stored, with its table and the tags the PII questions read. */
    record ColumnRow(String table, String tableKind, String column, Optional<String> policyTag, List<String> tags) {
        public ColumnRow {
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(tableKind, "tableKind is null");
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(policyTag, "policyTag is null");
            tags = List.copyOf(Objects.requireNonNull(tags, "tags is null"));
        }
    }
}
