package dev.colineage.spark.job;

import dev.colineage.graph.extract.JobRun;
import dev.colineage.graph.extract.DistinctQuery;
import dev.colineage.graph.extract.AnalyzedQuery;
import dev.colineage.graph.extract.JobWindow;
import dev.colineage.core.metadata.Definition;
import dev.colineage.core.metadata.DefinitionKind;
import dev.colineage.core.metadata.WarehouseMetadata;
import dev.colineage.graph.write.QueryKind;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.graph.runs.ExtractionRun;
import dev.colineage.graph.runs.ExtractionRunStore;
import dev.colineage.graph.runs.FailedQuery;
import dev.colineage.graph.change.LineageHistoryStore;
import dev.colineage.graph.change.RunChangeCounter;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.graph.write.GraphUnavailableException;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.TransientCollapse;
import dev.colineage.graph.write.TransientEdgeStore;
import dev.colineage.graph.write.WriteSummary;
import dev.colineage.spark.source.JobSource;
import dev.colineage.spark.source.JobSource.DatasetRef;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import scala.Tuple2;

/**
 * One extraction run, driven from the Spark driver: read job rows -> de-duplicate by fingerprint ->
 * catalog -> analyse each distinct query once (in tasks) -> write to the graph (from tasks) -> record
 * the run. The window starts at the watermark of the source's keys unless told otherwise; only a
 * successful run moves the watermark, and every stage is idempotent, so re-running a window is safe.
 */
public final class ExtractionJob {

    private final JavaSparkContext sc;
    /** The driver-side connection (run history, watermark) and how tasks reach the same graph; or neither. */
    private final Optional<Driver> openGraph;
    private final Optional<GraphTarget> target;
    /** The new store a bulk first load builds at the write stage, instead of tasks writing online. */
    private final Optional<BulkFirstLoad> firstLoad;
    private final Optional<PrintStream> progress;

    /**
     * A run that writes to an open graph, online from the tasks.
     *
     * @param graph    the driver-side connection (run history, watermark)
     * @param target   how tasks reach the same graph
     * @param progress where a progress line goes during the run, if anywhere
     */
    public ExtractionJob(JavaSparkContext sc, Driver graph, GraphTarget target, Optional<PrintStream> progress) {
        this(sc, Optional.of(Objects.requireNonNull(graph, "graph is null")),
                Optional.of(Objects.requireNonNull(target, "target is null")), Optional.empty(), progress);
    }

    /**
     * A first load: the run builds a new embedded store from its lineage at the write stage (no
     * watermark: the window is the one given or the source's default) and is recorded in it.
     */
    public ExtractionJob(JavaSparkContext sc, BulkFirstLoad firstLoad, Optional<PrintStream> progress) {
        this(sc, Optional.empty(), Optional.empty(), Optional.of(Objects.requireNonNull(firstLoad, "firstLoad is null")),
                progress);
    }

    private ExtractionJob(JavaSparkContext sc, Optional<Driver> openGraph, Optional<GraphTarget> target,
                          Optional<BulkFirstLoad> firstLoad, Optional<PrintStream> progress) {
        this.sc = Objects.requireNonNull(sc, "sc is null");
        this.openGraph = openGraph;
        this.target = target;
        this.firstLoad = firstLoad;
        this.progress = Objects.requireNonNull(progress, "progress is null");
    }

    /** The graph the run is recorded in: open from the start, or once a first load has built it. */
    private Optional<Driver> graph() {
        return openGraph.or(() -> firstLoad.flatMap(BulkFirstLoad::store).map(GraphStore::driver));
    }

    public RunReport run(JobSource source, ExtractionSettings settings) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        String runId = settings.runId().orElseGet(() -> "run-" + startedAt.truncatedTo(ChronoUnit.SECONDS).toString()
                .replace(":", "") + "-" + UUID.randomUUID().toString().substring(0, 8));
        Optional<ExtractionRunStore> openRuns = openGraph.map(ExtractionRunStore::new);
        // runs a kill -9 left RUNNING are marked ABANDONED first: the history tells the truth
        openRuns.ifPresent(ExtractionRunStore::reclaimAbandoned);
        Instant until = settings.until().orElse(startedAt).truncatedTo(ChronoUnit.MICROS);
        Optional<Instant> since = settings.since().or(() -> openRuns.flatMap(r -> watermark(r, source)))
                .or(() -> source.defaultSince(until));
        JobWindow window = new JobWindow(since, until);
        ExtractionCounters counters = new ExtractionCounters(sc.sc());
        Map<String, Long> stages = new LinkedHashMap<>();
        Map<String, Long> totals = new HashMap<>();
        Map<String, Long> byCode = new HashMap<>();
        ExtractionRun running = new ExtractionRun(runId, source.sourceKeys(), since, until, ExtractionRun.RUNNING,
                startedAt, Optional.empty(), Map.of(), Optional.empty(), "{}");
        openRuns.ifPresent(r -> r.save(running));
        java.util.concurrent.ScheduledExecutorService heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "colineage-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = ExtractionRunStore.LEASE.toMillis() / 3;
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                graph().map(ExtractionRunStore::new).ifPresent(r -> r.heartbeat(runId));
            } catch (RuntimeException unreachable) {
                // the graph is away: the lease runs out, and the write path reports the failure
            }
        }, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        JavaRDD<DistinctQuery> distinct = null;
        JavaRDD<AnalyzedQuery> analyzed = null;
        try (ProgressLine line = new ProgressLine(counters, progress)) {
            long t = System.nanoTime();
            JavaRDD<JobRun> jobRuns = source.rows(sc, window).mapPartitions(new RowParsing(window, counters));
            JavaPairRDD<String, DistinctQuery> byFingerprint = jobRuns
                    .mapToPair(r -> new Tuple2<>(r.fingerprint(), DistinctQuery.of(r)))
                    .reduceByKey(DistinctQuery::merge, sc.defaultParallelism() * 4);
            distinct = byFingerprint.values().persist(StorageLevel.MEMORY_AND_DISK());
            long distinctQueries = distinct.count();
            long jobRunCount = distinct.map(DistinctQuery::runs).fold(0L, Long::sum);
            stages.put("read_dedup", millisSince(t));

            t = System.nanoTime();
            Set<DatasetRef> datasets = new HashSet<>(distinct.flatMap(q -> datasets(q.latest()).iterator()).distinct().collect());
            // definitions predate any window: they join the distinct queries here, past the window filter
            JobSource.MetadataRows read = source.metadata(datasets);
            read.refused().forEach(r -> System.err.println("colineage: metadata not read: " + r));
            WarehouseMetadata metadata = WarehouseMetadata.parse(read.rows());
            if (!metadata.definitions().isEmpty()) {
                List<DistinctQuery> definitions = new java.util.ArrayList<>();
                for (Definition d : metadata.definitions()) {
                    definitions.add(DistinctQuery.of(JobRun.definition(d, until)));
                }
                datasets.addAll(definitionDatasets(metadata.definitions()));
                JavaRDD<DistinctQuery> jobs = distinct;
                distinct = jobs.union(sc.parallelize(definitions, Math.max(1, Math.min(sc.defaultParallelism(), definitions.size()))))
                        .mapToPair(q -> new Tuple2<>(q.fingerprint(), q)).reduceByKey(DistinctQuery::merge, sc.defaultParallelism() * 4)
                        .values().persist(StorageLevel.MEMORY_AND_DISK());
                // a definition with the text of a job of the window is one distinct query, not two
                distinctQueries = distinct.count();
                jobs.unpersist(false);
            }
            metadataTotals(metadata).forEach(totals::put);
            if (!read.refused().isEmpty()) {
                totals.put("metadata_refused", (long) read.refused().size());
            }
            Broadcast<String> catalog = sc.broadcast(CatalogLoader.toJson(source.catalog(datasets)));
            List<String> routineRows = new java.util.ArrayList<>(source.routineRows());
            routineRows.addAll(metadata.routineRows());
            Broadcast<List<String>> routines = sc.broadcast(routineRows);
            dev.colineage.core.resolve.RoutineCatalog routinesHere = dev.colineage.core.resolve.RoutineCatalog.parse(routineRows);
            if (!routineRows.isEmpty()) {
                totals.put("routines_read", (long) routinesHere.size());
                totals.put("routines_skipped", (long) routinesHere.problems().size());
            }
            stages.put("catalog", millisSince(t));

            t = System.nanoTime();
            analyzed = distinct.mapToPair(q -> new Tuple2<>(q.analysisUnit(), q))
                    .groupByKey(sc.defaultParallelism() * 4)
                    .mapPartitions(new UnitAnalysis(catalog, routines, counters))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            List<Tuple2<String, Long>> tallies = analyzed.flatMap(a -> tally(a).iterator())
                    .mapToPair(k -> new Tuple2<String, Long>(k.getKey(), k.getValue())).reduceByKey(Long::sum).collect();
            List<FailedQuery> failures = analyzed.filter(AnalyzedQuery::failed).map(AnalyzedQuery::failure).collect();
            stages.put("analyze", millisSince(t));
            for (Tuple2<String, Long> tally : tallies) {
                if (tally._1().startsWith("code:")) {
                    byCode.put(tally._1().substring(5), tally._2());
                } else {
                    // merged: the metadata's unusable definitions are already counted as failed
                    totals.merge(tally._1(), tally._2(), Long::sum);
                }
            }

            // each query's current state before this run writes: the report counts what the run changed
            Optional<RunChangeCounter> changes = graph().map(d -> RunChangeCounter.before(new LineageHistoryStore(d),
                    settings.history().activeWindow()));

            t = System.nanoTime();
            if (firstLoad.isPresent()) {
                // the lineage of distinct queries is small next to the job rows: collected, it builds the store
                List<QueryRecord> records = analyzed.map(AnalyzedQuery::record).collect();
                WriteSummary written = firstLoad.get().load(records, CatalogCache.get(catalog.value()));
                counters.edgesWritten.add(written.feeds() + written.influences());
                written.stageMillis().forEach((stage, ms) -> stages.put("bulk_" + stage, ms));
            } else {
                analyzed.coalesce(settings.writePartitions()).foreachPartition(new GraphWriting(target.orElseThrow(),
                        catalog, settings.queriesPerChunk(), settings.batchSize(), counters));
            }
            stages.put("write", millisSince(t));

            // after every writer: dbt's x__dbt_tmp written in one job and merged in another meet only here
            t = System.nanoTime();
            TransientCollapse.Summary collapsed = new TransientCollapse(new TransientEdgeStore(graph().orElseThrow())).run();
            totals.put("transient_tables", (long) collapsed.transientTables());
            totals.put("edges_through_transient", (long) collapsed.composedEdges());
            stages.put("transient", millisSince(t));

            t = System.nanoTime();
            LineageHistoryStore history = new LineageHistoryStore(graph().orElseThrow());
            totals.putAll(changes.orElseGet(() -> RunChangeCounter.empty(history, settings.history().activeWindow())).after());
            if (settings.history().retention().isPresent()) {
                LineageHistoryStore.Forgotten forgotten = history.forgetRetired(settings.history().retention().get(),
                        settings.history().activeWindow());
                totals.put("lineage_queries_forgotten", (long) forgotten.queries());
                totals.put("lineage_edges_forgotten", forgotten.edgesDeleted());
            }
            stages.put("lifetimes", millisSince(t));

            t = System.nanoTime();
            ExtractionRunStore runs = new ExtractionRunStore(graph().orElseThrow());
            if (openRuns.isEmpty()) {
                // a first load's store exists from now on: the run enters it as running, then completes
                runs.save(running);
            }
            runs.recordFailures(runId, failures);
            totals.put("rows_read", counters.rowsRead.value());
            totals.put("malformed_rows", counters.malformed.value());
            totals.put("skipped_rows", counters.skipped.value());
            totals.put("outside_window_rows", counters.outsideWindow.value());
            totals.put("job_runs", jobRunCount);
            totals.put("distinct_queries", distinctQueries);
            totals.put("failed_queries", (long) failures.size());
            totals.put("edges_written", counters.edgesWritten.value());
            totals.put("graph_column_edges", columnEdges());
            stages.put("record", millisSince(t));
            RunReport report = report(runId, ExtractionRun.SUCCEEDED, source, window, totals, byCode, counters, stages,
                    start, Optional.empty());
            runs.save(new ExtractionRun(runId, source.sourceKeys(), since, until, ExtractionRun.SUCCEEDED, startedAt,
                    Optional.of(Instant.now()), report.counters(), Optional.empty(), report.toJson()));
            return report;
        } catch (Exception e) {   // Spark's SparkException is checked, though Scala throws it undeclared
            String reason = graphUnavailable(e)
                    ? "the lineage graph became unreachable; nothing written is wrong, and re-running the window completes it: "
                    + rootMessage(e)
                    : rootMessage(e);
            totals.putIfAbsent("rows_read", counters.rowsRead.value());
            totals.putIfAbsent("edges_written", counters.edgesWritten.value());
            RunReport report = report(runId, ExtractionRun.FAILED, source, window, totals, byCode, counters, stages,
                    start, Optional.of(reason));
            try {
                // a first load that failed before its store was built has no graph: the report is the record
                graph().map(ExtractionRunStore::new).ifPresent(runs -> runs.save(new ExtractionRun(runId,
                        source.sourceKeys(), since, until, ExtractionRun.FAILED, startedAt, Optional.of(Instant.now()),
                        report.counters(), Optional.of(reason), report.toJson())));
            } catch (RuntimeException unreachable) {
                // the graph is gone: the report printed and saved by the caller is the record of this run
            }
            return report;
        } finally {
            heartbeat.shutdownNow();
            if (analyzed != null) {
                analyzed.unpersist(false);
            }
            if (distinct != null) {
                distinct.unpersist(false);
            }
        }
    }

    /** The oldest watermark of the source's keys: a run covers every key from where the furthest behind stopped. */
    private static Optional<Instant> watermark(ExtractionRunStore runs, JobSource source) {
        Optional<Instant> oldest = Optional.empty();
        for (String key : source.sourceKeys()) {
            Optional<Instant> w = runs.watermark(key);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            oldest = oldest.isEmpty() || w.get().isBefore(oldest.get()) ? w : oldest;
        }
        return oldest;
    }

    private static List<DatasetRef> datasets(JobRun run) {
        Set<DatasetRef> out = new HashSet<>();
        run.toJobRecord().referencedTables().forEach(t -> out.add(DatasetRef.of(t)));
        run.toJobRecord().selectDestination().map(DatasetRef::of).ifPresent(out::add);
        return List.copyOf(out);
    }

    /**
     * Keys this query adds to: its status, whether it has edges, each diagnostic code (one each); for a
     * definition its kind analysed and failed; the routine calls it made and how many resolved.
     */
    private static List<Map.Entry<String, Long>> tally(AnalyzedQuery a) {
        List<Map.Entry<String, Long>> keys = new java.util.ArrayList<>();
        if (!a.status().equals("PARSE_ERROR")) {
            keys.add(Map.entry("parsed_queries", 1L));
        }
        if (a.status().equals("OK")) {
            keys.add(Map.entry("fully_parsed_queries", 1L));
        }
        if (a.edges() > 0) {
            keys.add(Map.entry("queries_with_edges", 1L));
        }
        if (a.record().kind() == QueryKind.DEFINITION) {
            String kind = DefinitionKind.ofStatementType(a.record().statementType()).map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
                    .orElse("other");
            keys.add(Map.entry("definitions_analysed", 1L));
            keys.add(Map.entry("definitions_analysed_" + kind, 1L));
            if (a.failed()) {
                keys.add(Map.entry("definitions_failed", 1L));
                keys.add(Map.entry("definitions_failed_" + kind, 1L));
            }
        }
        if (a.routineCalls().calls() > 0) {
            keys.add(Map.entry("routine_calls", (long) a.routineCalls().calls()));
            keys.add(Map.entry("routine_calls_resolved", (long) a.routineCalls().resolved()));
            keys.add(Map.entry("routine_calls_unknown", (long) (a.routineCalls().calls() - a.routineCalls().resolved())));
        }
        a.codes().forEach(c -> keys.add(Map.entry("code:" + c, 1L)));
        return keys;
    }

    /**
     * The datasets definitions read and write, so that their schemas are fetched with the jobs': JOBS
     * names the tables a job read, metadata does not, so each definition is read once here without a
     * catalog (names are enough) and the tables its edges come from are taken.
     */
    private static Set<DatasetRef> definitionDatasets(List<Definition> definitions) {
        Set<DatasetRef> out = new HashSet<>();
        try (dev.colineage.core.jobs.JobAnalyzer names = new dev.colineage.core.jobs.JobAnalyzer(dev.colineage.core.catalog.Catalog.empty())) {
            for (Definition d : definitions) {
                out.add(DatasetRef.of(d.table()));
                d.baseTables().forEach(t -> out.add(DatasetRef.of(t)));
                names.analyze(d.toJobRecord()).edges().forEach(e -> out.add(DatasetRef.of(e.source().table())));
            }
        }
        return out;
    }

    /**
     * What the metadata held: definitions read per kind (those that could not be built count as read
     * and failed), EXTERNAL tables, rows read per view, rows that could not be used.
     */
    private static Map<String, Long> metadataTotals(WarehouseMetadata metadata) {
        Map<String, Long> totals = new LinkedHashMap<>();
        if (metadata.rowsByView().isEmpty() && metadata.problems().isEmpty()) {
            return totals;
        }
        long unusable = 0;
        for (DefinitionKind kind : DefinitionKind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            long bad = metadata.unusable().getOrDefault(kind, 0);
            totals.put("definitions_read_" + name, metadata.count(kind) + bad);
            if (bad > 0) {
                totals.put("definitions_unusable_" + name, bad);
                totals.put("definitions_failed_" + name, bad);
            }
            unusable += bad;
        }
        totals.put("definitions_read", metadata.definitions().size() + unusable);
        totals.put("definitions_unusable", unusable);
        if (unusable > 0) {
            totals.put("definitions_failed", unusable);
        }
        totals.put("external_tables", (long) metadata.externalTables());
        metadata.rowsByView().forEach((view, n) -> totals.put("metadata_rows_" + view.name().toLowerCase(java.util.Locale.ROOT), (long) n));
        totals.put("metadata_problems", (long) metadata.problems().size());
        return totals;
    }

    private long columnEdges() {
        try (Session s = graph().orElseThrow().session()) {
            return s.run("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n").single().get("n").asLong()
                    + s.run("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong();
        }
    }

    private static RunReport report(String runId, String status, JobSource source, JobWindow window, Map<String, Long> totals,
                                    Map<String, Long> byCode, ExtractionCounters counters, Map<String, Long> stages,
                                    long start, Optional<String> error) {
        return new RunReport(runId, status, source.sourceKeys(), window.since().map(Instant::toString).orElse(""),
                window.until().toString(), totals, byCode, counters.malformedSamples(20), stages, millisSince(start), error);
    }

    private static boolean graphUnavailable(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof GraphUnavailableException || c instanceof org.neo4j.driver.exceptions.ServiceUnavailableException
                    || c instanceof org.neo4j.driver.exceptions.SessionExpiredException) {
                return true;
            }
            // Spark reports a task's failure as text when the exception class is not shipped back
            if (c.getMessage() != null && (c.getMessage().contains("GraphUnavailableException")
                    || c.getMessage().contains("ServiceUnavailableException"))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

}
