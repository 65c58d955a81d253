package dev.colineage.graph.extract;

import dev.colineage.core.jobs.JobAnalyzer;
import dev.colineage.core.jobs.JobRecord;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.graph.runs.FailedQuery;
import dev.colineage.graph.write.QueryRecord;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A distinct query after lineage-core read it: the record the graph writer takes, how far the SQL was
 * understood, and the diagnostics (as {@code CODE: message}, since lineage-core's Diagnostic is not
 * serializable).
 *
 * @param status   OK, PARTIAL or PARSE_ERROR ({@link JobAnalyzer.Status})
 * @param problems error-level diagnostics
 * @param codes    the distinct diagnostic codes of any level, for the run report
 * @param routineCalls calls to persistent routines (functions, table functions, procedures) and how many of them
 *                 the routines given resolved
 */
public record AnalyzedQuery(QueryRecord record, String status, List<String> problems, Set<String> codes,
                            LineageResult.RoutineCalls routineCalls) implements Serializable {

    public AnalyzedQuery {
        Objects.requireNonNull(record, "record is null");
        Objects.requireNonNull(status, "status is null");
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
        codes = Set.copyOf(Objects.requireNonNull(codes, "codes is null"));
        Objects.requireNonNull(routineCalls, "routineCalls is null");
    }

    public static AnalyzedQuery of(DistinctQuery query, LineageResult result) {
        JobRun run = query.latest();
        JobRecord job = run.toJobRecord();
        Set<TableRef> reads = new LinkedHashSet<>(job.referencedTables());
        Set<TableRef> writes = new LinkedHashSet<>();
        job.selectDestination().ifPresent(writes::add);
        for (Edge e : result.edges()) {
            reads.add(e.source().table());
            writes.add(e.target().table());
        }
        QueryRecord record = new QueryRecord(run.fingerprint(), run.query(), statementType(run), query.firstSeen(),
                run.creationTime(), run.jobId(), query.runsByDay(), query.users(), reads, writes, result.edges(),
                new LinkedHashSet<>(result.transientTables()), run.kind(), new LinkedHashSet<>(result.droppedTables()), query.jobRuns());
        List<String> problems = result.diagnostics().stream().filter(d -> d.level() == Diagnostic.Level.ERROR)
                .map(d -> d.code() + ": " + d.message()).toList();
        Set<String> codes = new LinkedHashSet<>();
        result.diagnostics().forEach(d -> codes.add(d.code()));
        return new AnalyzedQuery(record, JobAnalyzer.status(result).name(), problems, codes, result.routineCalls());
    }

    /** When lineage-core itself failed on the query: kept as a failure, never fatal to the run. */
    public static AnalyzedQuery internalError(DistinctQuery query, RuntimeException error) {
        JobRun run = query.latest();
        QueryRecord record = new QueryRecord(run.fingerprint(), run.query(), statementType(run), query.firstSeen(),
                run.creationTime(), run.jobId(), query.runsByDay(), query.users(), Set.of(), Set.of(), List.of(), Set.of(),
                run.kind(), Set.of(), query.jobRuns());
        return new AnalyzedQuery(record, JobAnalyzer.Status.PARSE_ERROR.name(),
                List.of(Diagnostic.INTERNAL_ERROR + ": " + error), Set.of(Diagnostic.INTERNAL_ERROR), LineageResult.RoutineCalls.NONE);
    }

    /** Not fully understood: partly or not parsed, or an error on the way (an unknown table, ...). */
    public boolean failed() {
        return !status.equals(JobAnalyzer.Status.OK.name()) || !problems.isEmpty();
    }

    public FailedQuery failure() {
        return new FailedQuery(record.fingerprint(), status, problems, record.sampleSql());
    }

    public int edges() {
        return record.edges().size();
    }

    private static String statementType(JobRun run) {
        return run.statementType().isEmpty() ? "UNKNOWN" : run.statementType();
    }
}
