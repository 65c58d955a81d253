package dev.colineage.core.jobs;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.LineageAnalyzer;
import dev.colineage.core.resolve.ScriptState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Lineage of one query job: its SQL read with the job's project as default project, the dataset of
 * its referenced tables as default dataset (when they share one), and its destination for a SELECT.
 * Not thread-safe, like the {@link LineageAnalyzer} it wraps.
 */
public final class JobAnalyzer implements AutoCloseable {

    /** How far a job's SQL was understood. */
    public enum Status { OK, PARTIAL, PARSE_ERROR }

    /** Sessions remembered at most; the least recently used is forgotten first. */
    private static final int MAX_SESSIONS = 10_000;

    private final LineageAnalyzer analyzer;
    private final Catalog catalog;
    /**
     * Per BigQuery session, what its earlier jobs left: a TEMP table created by one query of a session
     * is read by the next ones. Jobs of a session must come in creation order.
     */
    private final Map<String, ScriptState> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ScriptState> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    public JobAnalyzer(Catalog catalog) {
        this(catalog, dev.colineage.core.resolve.RoutineCatalog.empty());
    }

    /** With the warehouse's persistent routines, so that calls to them are traced through their bodies. */
    public JobAnalyzer(Catalog catalog, dev.colineage.core.resolve.RoutineCatalog routines) {
        this.analyzer = new LineageAnalyzer();
        this.catalog = catalog;
        this.routines = java.util.Objects.requireNonNull(routines, "routines is null");
    }

    private final dev.colineage.core.resolve.RoutineCatalog routines;

    public LineageResult analyze(JobRecord job) {
        AnalysisOptions options = AnalysisOptions.of(catalog).withRoutines(routines);
        if (!job.projectId().isEmpty()) {
            options = options.withDefaultProject(job.projectId());
        }
        Optional<String> dataset = defaultDataset(job);
        if (dataset.isPresent()) {
            options = options.withDefaultDataset(dataset.get());
        }
        Optional<TableRef> destination = job.selectDestination();
        if (destination.isPresent()) {
            options = options.withDestination(destination.get());
        }
        ScriptState state = job.sessionId().map(id -> sessions.computeIfAbsent(id, k -> new ScriptState()))
                .orElseGet(ScriptState::new);
        return analyzer.analyze(job.query(), options, state);
    }

    /**
     * The default dataset a job's unqualified table names are read in: JOBS does not record it, so
     * when every table the job referenced sits in one dataset, that one.
     */
    public static Optional<String> defaultDataset(JobRecord job) {
        Set<String> datasets = new LinkedHashSet<>();
        job.referencedTables().forEach(t -> datasets.add(t.dataset()));
        return datasets.size() == 1 ? Optional.of(datasets.iterator().next()) : Optional.empty();
    }

    public static Status status(LineageResult result) {
        if (result.statements() == 0 || result.parsedStatements() == 0) {
            return Status.PARSE_ERROR;
        }
        return result.parsedStatements() == result.statements() ? Status.OK : Status.PARTIAL;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
