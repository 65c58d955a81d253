package dev.colineage.spark.cli;

import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.job.BulkFirstLoad;
import dev.colineage.spark.job.ExtractionJob;
import dev.colineage.spark.job.ExtractionSettings;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.BigQueryJobSource;
import dev.colineage.spark.source.JobSource;
import dev.colineage.spark.source.JsonlJobSource;
import dev.colineage.spark.source.SampleJobSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code colineage extract}: one extraction run; prints the run report (JSON) on stdout. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Extract column lineage from BigQuery query jobs into the lineage graph.")
public final class ExtractCommand implements Callable<Integer> {

    /** Exit codes: the run failed part-way (see the report), or the graph was unreachable at the start. */
    static final int RUN_FAILED = 1;
    static final int GRAPH_UNREACHABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", description = "sample, jsonl or bigquery (default: ${DEFAULT-VALUE})", defaultValue = "sample")
    String source;
    @Option(names = "--jobs", description = "jsonl: JOBS rows as JSON lines (a path or Hadoop URI, file or directory)")
    String jobs;
    @Option(names = "--catalog", description = "jsonl: table schemas, {\"project.dataset.table\": [bq schema fields]}")
    String catalog;
    @Option(names = "--routines", description = "jsonl: persistent routines, INFORMATION_SCHEMA.ROUTINES rows as JSON lines")
    String routines;

    @Option(names = "--metadata", description = "jsonl: warehouse metadata, rows of INFORMATION_SCHEMA.VIEWS, TABLES, "
            + "TABLE_SNAPSHOTS, ROUTINES and PARAMETERS as JSON lines, each naming its view in information_schema_view")
    String metadata;
    @Option(names = "--project", split = ",", description = "bigquery: project(s) whose jobs to read")
    List<String> projects = List.of();
    @Option(names = "--region", split = ",", defaultValue = "us", description = "bigquery: region(s), e.g. us, eu, europe-west1 (default: ${DEFAULT-VALUE})")
    List<String> regions;
    @Option(names = "--organization", description = "bigquery: read JOBS_BY_ORGANIZATION (all projects of the organisation)")
    boolean organization;
    @Option(names = "--endpoint", description = "bigquery: API root URL (an emulator or a test server)")
    String endpoint;
    @Option(names = "--key-file", description = "bigquery: service-account key file (default: Application Default Credentials)")
    Path keyFile;
    @Option(names = "--since", description = "window start, ISO instant or date (default: the watermark)")
    String since;
    @Option(names = "--until", description = "window end, exclusive (default: now)")
    String until;
    @Option(names = "--neo4j", description = "Bolt URI of the graph (default: NEO4J_URI, else a server on localhost:7687, else embedded)")
    String neo4j;
    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master when not run by spark-submit (default: ${DEFAULT-VALUE})")
    String master;
    @Option(names = "--write-partitions", defaultValue = "2", description = "tasks writing to the graph at once (default: ${DEFAULT-VALUE})")
    int writePartitions;
    @Option(names = "--batch", defaultValue = "5000", description = "rows per graph transaction (default: ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--report", description = "also write the run report (JSON) to this file")
    Path report;
    @Option(names = "--run-id", description = "the run's id (a scheduler's QUEUED run; default: a new one)")
    String runId;
    @Option(names = "--progress", defaultValue = "auto", description = "progress line on stderr: auto (on a terminal), always, never")
    String progress;
    @Option(names = "--bulk-first-load", description = "build a new embedded store (COLINEAGE_DATA) with Neo4j's importer instead of"
            + " writing online: for a large first load; the lineage is collected on the Spark driver; refuses an existing store")
    boolean bulkFirstLoad;

    /** {@code COLINEAGE_ACTIVE_DAYS} and {@code COLINEAGE_HISTORY_DAYS}, refused by name as a usage error. */
    static dev.colineage.graph.change.HistorySettings history(picocli.CommandLine.Model.CommandSpec spec) {
        try {
            return dev.colineage.graph.change.HistorySettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException {
        JobSource jobSource = source();
        ExtractionSettings settings = new ExtractionSettings(instant(since, "--since"), instant(until, "--until"),
                positive(writePartitions, "--write-partitions"), 500, positive(batch, "--batch"));
        settings = settings.withHistory(history(spec));
        if (runId != null) {
            if (!runId.matches("[A-Za-z0-9_.:-]{1,120}")) {
                throw new ParameterException(spec.commandLine(), "--run-id is 1-120 of letters, digits, _ . : -");
            }
            settings = settings.withRunId(runId);
        }
        PrintStream err = System.err;
        if (bulkFirstLoad) {
            return firstLoad(jobSource, settings, err);
        }
        GraphStore store;
        try {
            store = GraphConnection.open(Optional.ofNullable(neo4j), GraphSettings.fromEnvironment(System.getenv()));
        } catch (RuntimeException e) {
            err.println("colineage: cannot open the lineage graph: " + e.getMessage());
            return GRAPH_UNREACHABLE;
        }
        try (store; SparkSession spark = SparkSessions.start(master)) {
            return finish(run(spark, store, jobSource, settings, progressStream(err)));
        }
    }

    /** A bulk first load into a new embedded store; the store is opened only once it is built. */
    private int firstLoad(JobSource jobSource, ExtractionSettings settings, PrintStream err) throws IOException {
        if (runId != null || neo4j != null) {
            throw new ParameterException(spec.commandLine(), "--bulk-first-load builds a new embedded store: no --neo4j or --run-id");
        }
        BulkFirstLoad destination;
        try {
            destination = new BulkFirstLoad(GraphSettings.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (destination; SparkSession spark = SparkSessions.start(master)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            return finish(new ExtractionJob(sc, destination, progressStream(err)).run(jobSource, settings));
        }
    }

    /** Prints (and saves) the report; the exit code. */
    private int finish(RunReport result) throws IOException {
        String json = result.toJson();
        System.out.println(json);
        if (report != null) {
            Files.writeString(report, json + "\n");
        }
        return result.error().isPresent() ? RUN_FAILED : 0;
    }

    static RunReport run(SparkSession spark, GraphStore store, JobSource source, ExtractionSettings settings,
                         Optional<PrintStream> progress) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new ExtractionJob(sc, store.driver(), GraphConnection.target(store), progress).run(source, settings);
    }

    private JobSource source() {
        return switch (source) {
            case "sample" -> new SampleJobSource();
            case "jsonl" -> {
                if (jobs == null) {
                    throw new ParameterException(spec.commandLine(), "--source jsonl needs --jobs PATH");
                }
                yield new JsonlJobSource(jobs, Optional.ofNullable(catalog), Optional.ofNullable(routines),
                        Optional.ofNullable(metadata));
            }
            case "bigquery" -> {
                if (projects.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--source bigquery needs --project P[,P...]");
                }
                yield new BigQueryJobSource(new BigQueryJobSource.Settings(projects, regions, organization,
                        Optional.ofNullable(endpoint), Optional.ofNullable(keyFile)));
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown --source '" + source + "' (known: sample, jsonl, bigquery)");
        };
    }

    private Optional<PrintStream> progressStream(PrintStream err) {
        return switch (progress) {
            case "always" -> Optional.of(err);
            case "never" -> Optional.empty();
            case "auto" -> System.console() != null ? Optional.of(err) : Optional.empty();
            default -> throw new ParameterException(spec.commandLine(), "--progress is auto, always or never");
        };
    }

    private Optional<Instant> instant(String text, String option) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException e2) {
                throw new ParameterException(spec.commandLine(), option + " is not an ISO instant or date: " + text);
            }
        }
    }

    private int positive(int value, String option) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be positive");
        }
        return value;
    }
}
