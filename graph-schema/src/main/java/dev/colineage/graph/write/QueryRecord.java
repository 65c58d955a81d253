package dev.colineage.graph.write;

import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One distinct query (by normalised fingerprint) as the graph stores it: what it read and wrote, the
 * column edges it produced, and how often, when and by whom it ran in the window being written.
 * Serializable: the extraction job hands records from Spark tasks to the tasks that write them.
 *
 * @param runsByDay       distinct jobs per UTC day: stored per day with max, so re-writing an overlapping
 *                        window never double-counts
 * @param kind            a job of the log, or a definition read from the warehouse's metadata
 * @param transientTables tables lineage-core found transient in this query (see
 *                        {@link dev.colineage.core.compose.TransientTables}); the graph composes through them
 * @param drops           tables and views the query drops: their lineage ends when it runs (see the read model's lifetimes)
 * @param runs            each run of the window (time and job id), by time: an OpenLineage export gives one event each
 */
public record QueryRecord(String fingerprint, String sampleSql, String statementType, Instant firstSeen,
                          Instant lastSeen, String lastJobId, Map<LocalDate, Integer> runsByDay, Set<String> users,
                          Set<TableRef> reads, Set<TableRef> writes, List<Edge> edges, Set<TableRef> transientTables,
                          QueryKind kind, Set<TableRef> drops, QueryRuns runs)
        implements java.io.Serializable {

    /** Runs known only by the last one (a synthetic warehouse, a test). */
    public QueryRecord(String fingerprint, String sampleSql, String statementType, Instant firstSeen, Instant lastSeen,
                       String lastJobId, Map<LocalDate, Integer> runsByDay, Set<String> users, Set<TableRef> reads,
                       Set<TableRef> writes, List<Edge> edges, Set<TableRef> transientTables, QueryKind kind, Set<TableRef> drops) {
        this(fingerprint, sampleSql, statementType, firstSeen, lastSeen, lastJobId, runsByDay, users, reads, writes, edges,
                transientTables, kind, drops, QueryRuns.of(List.of(new QueryRun(lastSeen, QueryRun.storable(lastJobId)))));
    }

    /** A query that drops nothing. */
    public QueryRecord(String fingerprint, String sampleSql, String statementType, Instant firstSeen, Instant lastSeen,
                       String lastJobId, Map<LocalDate, Integer> runsByDay, Set<String> users, Set<TableRef> reads,
                       Set<TableRef> writes, List<Edge> edges, Set<TableRef> transientTables, QueryKind kind) {
        this(fingerprint, sampleSql, statementType, firstSeen, lastSeen, lastJobId, runsByDay, users, reads, writes, edges,
                transientTables, kind, Set.of());
    }

    /** A job of the query log. */
    public QueryRecord(String fingerprint, String sampleSql, String statementType, Instant firstSeen, Instant lastSeen,
                       String lastJobId, Map<LocalDate, Integer> runsByDay, Set<String> users, Set<TableRef> reads,
                       Set<TableRef> writes, List<Edge> edges, Set<TableRef> transientTables) {
        this(fingerprint, sampleSql, statementType, firstSeen, lastSeen, lastJobId, runsByDay, users, reads, writes, edges,
                transientTables, QueryKind.JOB);
    }

    /** A query that touches no transient table. */
    public QueryRecord(String fingerprint, String sampleSql, String statementType, Instant firstSeen, Instant lastSeen,
                       String lastJobId, Map<LocalDate, Integer> runsByDay, Set<String> users, Set<TableRef> reads,
                       Set<TableRef> writes, List<Edge> edges) {
        this(fingerprint, sampleSql, statementType, firstSeen, lastSeen, lastJobId, runsByDay, users, reads, writes, edges,
                Set.of());
    }

    public QueryRecord {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(sampleSql, "sampleSql is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        Objects.requireNonNull(lastJobId, "lastJobId is null");
        runsByDay = Map.copyOf(Objects.requireNonNull(runsByDay, "runsByDay is null"));
        users = Set.copyOf(Objects.requireNonNull(users, "users is null"));
        reads = Set.copyOf(Objects.requireNonNull(reads, "reads is null"));
        writes = Set.copyOf(Objects.requireNonNull(writes, "writes is null"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
        transientTables = Set.copyOf(Objects.requireNonNull(transientTables, "transientTables is null"));
        Objects.requireNonNull(kind, "kind is null");
        drops = Set.copyOf(Objects.requireNonNull(drops, "drops is null"));
        Objects.requireNonNull(runs, "runs is null");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastSeen before firstSeen");
        }
    }
}
