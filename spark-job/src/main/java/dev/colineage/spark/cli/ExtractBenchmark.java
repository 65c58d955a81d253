package dev.colineage.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colineage.core.bench.CorpusBenchmark;
import dev.colineage.core.jobs.JobRecord;
import dev.colineage.graph.openlineage.OpenLineageExport;
import dev.colineage.graph.openlineage.QueryRunStore;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.job.BulkFirstLoad;
import dev.colineage.spark.job.ExtractionJob;
import dev.colineage.spark.job.ExtractionSettings;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.JsonlJobSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code colineage bench extract}: the real-SQL corpus replicated into a month of JOBS rows (mostly
 * re-runs of the scheduled queries, some ad-hoc runs whose literals and layout differ, a few
 * malformed lines), written as JSON lines, then one extraction run over them in Spark local mode into
 * a fresh embedded Neo4j. Prints the run report and, last, one JSON line.
 */
@Command(name = "bench extract", mixinStandardHelpOptions = true, description = "Benchmark the extraction job.")
public final class ExtractBenchmark implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "200000", description = "job rows to generate (default: ${DEFAULT-VALUE})")
    int rows;
    @Option(names = "--corpus", description = "corpus directory (default: ../shared/corpus/bigquery-etl beside the repository)")
    Path corpus;
    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;
    @Option(names = "--write-partitions", defaultValue = "2", description = "tasks writing to the graph at once (default: ${DEFAULT-VALUE})")
    int writePartitions;
    @Option(names = "--bulk-first-load", description = "build the store with the importer (extract --bulk-first-load) instead of writing online")
    boolean bulkFirstLoad;
    @Option(names = "--openlineage", description = "then export every run of the graph as OpenLineage events (JSON lines to a file) and time it")
    boolean openLineage;

    private static final String[] USERS = {"airflow@acme.iam.gserviceaccount.com", "dbt@acme.iam.gserviceaccount.com",
            "scheduled-queries@acme.iam.gserviceaccount.com", "ana@acme.com", "li@acme.com", "sam@acme.com"};

    @Override
    public Integer call() throws IOException {
        Path dir = corpus != null ? corpus
                : Path.of(System.getProperty("colineage.home", ".")).resolve("../shared/corpus/bigquery-etl").normalize();
        List<JobRecord> queries = CorpusBenchmark.loadJobs(dir.resolve("statements.jsonl"));
        Path work = Files.createTempDirectory("colineage-bench-extract");
        try {
            long t0 = System.nanoTime();
            Path jobs = work.resolve("jobs.jsonl");
            long bytes = generate(queries, rows, jobs);
            System.out.printf("generated %,d job rows (%.0f MB) from %d corpus queries in %.1f s%n", rows, bytes / 1e6,
                    queries.size(), (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            JsonlJobSource source = new JsonlJobSource(jobs.toString(), Optional.of(dir.resolve("schemas.json").toString()));
            ExtractionSettings settings = ExtractionSettings.defaults().withWritePartitions(writePartitions)
                    .withWindow(Optional.empty(), Optional.of(Instant.parse("2100-01-01T00:00:00Z")));
            GraphSettings graph = GraphSettings.embedded(work.resolve("neo4j"));
            try (BulkFirstLoad firstLoad = bulkFirstLoad ? new BulkFirstLoad(graph) : null;
                 GraphStore store = bulkFirstLoad ? null : GraphStore.open(graph);
                 SparkSession spark = SparkSessions.start(master)) {
                System.out.printf("%s and Spark (%s) started in %.1f s%n", bulkFirstLoad ? "bulk first load:" : "embedded Neo4j",
                        master, (System.nanoTime() - t0) / 1e9);
                RunReport report = bulkFirstLoad
                        ? new ExtractionJob(JavaSparkContext.fromSparkContext(spark.sparkContext()), firstLoad, Optional.empty())
                                .run(source, settings)
                        : ExtractCommand.run(spark, store, source, settings, Optional.empty());
                System.out.println(report.toJson());
                if (report.error().isPresent()) {
                    return ExtractCommand.RUN_FAILED;
                }
                double seconds = report.millis() / 1000.0;
                Map<String, Object> last = new LinkedHashMap<>();
                last.put("rows", report.counter("rows_read"));
                last.put("distinct_queries", report.counter("distinct_queries"));
                last.put("seconds", Math.round(seconds * 10) / 10.0);
                last.put("rows_per_s", Math.round(report.counter("rows_read") / seconds));
                last.put("edges", report.counter("graph_column_edges"));
                if (openLineage && store != null) {
                    exportOpenLineage(store, work.resolve("openlineage.jsonl"), last);
                } else if (openLineage) {
                    System.out.println("--openlineage: not with --bulk-first-load (the importer's store is closed here)");
                }
                System.out.println(new ObjectMapper().writeValueAsString(last));
                return 0;
            }
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(work);
        }
    }

    /**
     * Every run of the graph as an OpenLineage event, written as JSON lines: the export's own cost (reading the
     * runs, queries, edges and schemas over Bolt, making and writing the events), measured end to end.
     */
    private static void exportOpenLineage(GraphStore store, Path file, Map<String, Object> last) throws IOException {
        long t0 = System.nanoTime();
        OpenLineageExport export = new OpenLineageExport(new QueryRunStore(store.driver(), java.time.Duration.ofMinutes(30)));
        long events;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            events = export.export(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 0, Long.MAX_VALUE, event -> {
                try {
                    out.write(event);
                    out.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("OpenLineage export: %,d events (%.0f MB of JSON lines) in %.1f s: %,.0f events/s%n", events,
                Files.size(file) / 1e6, seconds, events / seconds);
        last.put("openlineage_events", events);
        last.put("openlineage_seconds", Math.round(seconds * 10) / 10.0);
        last.put("openlineage_events_per_s", Math.round(events / seconds));
    }

    /**
     * Rows over 30 days: 90% exact re-runs of a corpus query (scheduled), 10% ad-hoc re-runs with other
     * literals, layout and a comment (same fingerprint), one in 2,000 lines malformed.
     */
    static long generate(List<JobRecord> queries, int rows, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(42);
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        long bytes = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                String line;
                if (i % 2000 == 1999) {
                    line = "{\"job_id\": \"broken-" + i + "\", \"query\": ";
                } else {
                    JobRecord q = queries.get(random.nextInt(queries.size()));
                    String sql = q.query();
                    boolean adHoc = random.nextInt(10) == 0;
                    if (adHoc) {
                        sql = "-- ad-hoc rerun " + i + "\n" + sql.replace("\n", "\n  ").replaceFirst("\\b1\\b", String.valueOf(2 + random.nextInt(90)));
                    }
                    ObjectNode o = json.createObjectNode();
                    o.put("job_id", "bquxjob_" + Integer.toHexString(i) + "_" + Long.toHexString(random.nextLong()));
                    o.put("project_id", q.projectId());
                    o.put("user_email", adHoc ? USERS[3 + random.nextInt(3)] : USERS[random.nextInt(3)]);
                    o.put("creation_time", start.plus(random.nextInt(30 * 24 * 3600), ChronoUnit.SECONDS).toString());
                    o.put("job_type", "QUERY");
                    o.put("state", "DONE");
                    o.put("statement_type", q.statementType());
                    o.put("query", sql);
                    q.destination().ifPresent(d -> o.putObject("destination_table").put("project_id", d.project())
                            .put("dataset_id", d.dataset()).put("table_id", d.name()));
                    line = o.toString();
                }
                out.write(line);
                out.write('\n');
                bytes += line.length() + 1;
            }
        }
        return bytes;
    }
}
