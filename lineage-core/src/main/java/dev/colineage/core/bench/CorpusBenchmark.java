package dev.colineage.core.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.jobs.JobAnalyzer;
import dev.colineage.core.jobs.JobRecord;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.resolve.RoutineCatalog;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import java.io.IOException;
import java.util.Optional;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code colineage bench corpus}: parse rate, lineage coverage and single-thread throughput on the
 * bigquery-etl corpus, each file turned into the JOBS row a scheduler would have logged (a query with
 * its destination table, or a CREATE VIEW). Prints a report and, last, one JSON line.
 */
public final class CorpusBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CorpusBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path dir = Path.of(System.getProperty("colineage.home", ".")).resolve("../shared/corpus/bigquery-etl").normalize();
        int repeat = 5;
        Optional<String> show = Optional.empty();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--dir" -> dir = Path.of(args.get(i + 1));
                case "--repeat" -> repeat = Integer.parseInt(args.get(i + 1));
                case "--show" -> show = Optional.of(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        List<JobRecord> jobs = loadJobs(dir.resolve("statements.jsonl"));
        Path schemas = dir.resolve("schemas.json");
        Catalog catalog = Files.isRegularFile(schemas) ? CatalogLoader.load(schemas) : Catalog.empty();
        Path routinesFile = dir.resolve("routines.jsonl");
        RoutineCatalog routines = Files.isRegularFile(routinesFile) ? RoutineCatalog.load(routinesFile) : RoutineCatalog.empty();
        out.printf("corpus: %s (%d jobs, %d catalog tables, %d persistent functions)%n", dir, jobs.size(), catalog.size(),
                routines.size());
        routines.problems().forEach(p -> out.println("  routines: skipped " + p));

        Map<String, Integer> failureCodes = new TreeMap<>();
        Map<String, Integer> warningCodes = new TreeMap<>();
        int fullyParsed = 0;
        int withEdges = 0;
        int statements = 0;
        int understood = 0;
        long edges = 0;
        int routineCalls = 0;
        int routineCallsResolved = 0;
        // what routine bodies change: edges a body's ignored argument no longer gives, edges a hash now masks
        long droppedByBodies = 0;
        long maskedByBodies = 0;
        try (JobAnalyzer analyzer = new JobAnalyzer(catalog, routines);
             JobAnalyzer withoutRoutines = new JobAnalyzer(catalog)) {
            for (JobRecord job : jobs) {          // warm-up and the quality figures
                LineageResult r = analyzer.analyze(job);
                routineCalls += r.routineCalls().calls();
                routineCallsResolved += r.routineCalls().resolved();
                if (r.routineCalls().resolved() > 0) {
                    Map<String, Boolean> masking = new java.util.HashMap<>();
                    r.edges().forEach(e -> masking.merge(e.source() + ">" + e.target(), e.transformation().masking(), Boolean::logicalOr));
                    Map<String, Boolean> before = new java.util.HashMap<>();
                    withoutRoutines.analyze(job).edges().forEach(e -> before.merge(e.source() + ">" + e.target(),
                            e.transformation().masking(), Boolean::logicalOr));
                    for (Map.Entry<String, Boolean> e : before.entrySet()) {
                        Boolean now = masking.get(e.getKey());
                        if (now == null) {
                            droppedByBodies++;
                        } else if (now && !e.getValue()) {
                            maskedByBodies++;
                        }
                    }
                }
                statements += r.statements();
                understood += r.parsedStatements();
                fullyParsed += JobAnalyzer.status(r) == JobAnalyzer.Status.OK ? 1 : 0;
                withEdges += r.edges().isEmpty() ? 0 : 1;
                edges += r.edges().size();
                for (Diagnostic d : r.diagnostics()) {
                    if (show.isPresent() && show.get().equals(d.code())) {
                        out.println("  " + job.jobId() + ": " + d.message());
                    }
                    (d.level() == Diagnostic.Level.ERROR ? failureCodes : warningCodes).merge(d.code(), 1, Integer::sum);
                }
            }
            for (JobRecord job : jobs) {          // second warm-up pass: the JIT needs a few
                analyzer.analyze(job);
            }
            long best = Long.MAX_VALUE;
            for (int k = 0; k < repeat; k++) {
                long start = System.nanoTime();
                for (JobRecord job : jobs) {
                    analyzer.analyze(job);
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            double seconds = best / 1e9;
            double parsed = (double) fullyParsed / jobs.size();
            double covered = (double) withEdges / jobs.size();
            out.printf("statements in jobs: %d, understood: %d (%.2f%%)%n", statements, understood, 100.0 * understood / statements);
            out.printf("jobs fully parsed: %d / %d (%.2f%%)%n", fullyParsed, jobs.size(), 100 * parsed);
            out.printf("jobs with edges:   %d / %d (%.2f%%), %d edges in all%n", withEdges, jobs.size(), 100 * covered, edges);
            out.printf("throughput: best of %d passes %.2f s, %.0f jobs/s single thread%n", repeat, seconds, jobs.size() / seconds);
            out.printf("persistent routine calls: %d, resolved through their bodies: %d (%.1f%%); "
                            + "edges no longer given (an argument the body ignores): %d, edges now masked (the body hashes): %d%n",
                    routineCalls, routineCallsResolved, routineCalls == 0 ? 0 : 100.0 * routineCallsResolved / routineCalls,
                    droppedByBodies, maskedByBodies);
            out.println("errors by code: " + failureCodes);
            out.println("warnings by code: " + warningCodes);
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("statements", jobs.size());
            last.put("parsed", round(parsed));
            last.put("with_edges", round(covered));
            last.put("statements_per_s", Math.round(jobs.size() / seconds));
            last.put("edges", edges);
            last.put("column_not_traced", warningCodes.getOrDefault(Diagnostic.COLUMN_NOT_TRACED, 0));
            last.put("routine_calls", routineCalls);
            last.put("routine_calls_resolved", routineCallsResolved);
            out.println(JSON.writeValueAsString(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** Corpus entries as JOBS rows: a scheduled query's SELECT with its destination, or a view's DDL. */
    public static List<JobRecord> loadJobs(Path statements) {
        List<JobRecord> jobs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(statements)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                Optional<TableRef> destination = Optional.empty();
                String dest = n.path("destination").asText("");
                if (!dest.isEmpty()) {
                    String[] p = dest.split("\\.");
                    destination = Optional.of(new TableRef(p[0], p[1], p[2]));
                }
                boolean view = "view".equals(n.path("kind").asText());
                jobs.add(new JobRecord(n.path("id").asText(), n.path("project").asText(), n.path("sql").asText(),
                        view ? "CREATE_VIEW" : "SELECT", destination, List.of(), Optional.empty(), Optional.empty(), Optional.empty()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus " + statements, e);
        }
        return jobs;
    }
}
