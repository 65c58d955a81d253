package dev.colineage.core.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.jobs.JobAnalyzer;
import dev.colineage.core.jobs.JobRowParser;
import dev.colineage.core.json.LineageJson;
import dev.colineage.core.metadata.Definition;
import dev.colineage.core.metadata.DefinitionKind;
import dev.colineage.core.metadata.WarehouseMetadata;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.RoutineCatalog;
import dev.colineage.core.resolve.LineageAnalyzer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code colineage analyze}: lineage of a SQL file (or stdin), or of a JSON-lines export of
 * INFORMATION_SCHEMA.JOBS rows ({@code --jobs}), and of the view, materialized view, snapshot and
 * clone definitions of a metadata file ({@code --metadata}, whose routines join {@code --routines}).
 * Exit 0 when analysed, 1 when nothing parsed, 2 for usage errors.
 */
final class AnalyzeCommand {

    private static final Set<String> OPTIONS = Set.of("catalog", "routines", "metadata", "project", "dataset", "destination", "format", "jobs");

    private AnalyzeCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        CliArguments a = new CliArguments(args, OPTIONS);
        String format = a.option("format").orElse("json");
        if (!format.equals("json") && !format.equals("text")) {
            throw new CliArguments.UsageException("--format must be json or text, not " + format);
        }
        Catalog catalog = a.option("catalog").map(p -> loadCatalog(Path.of(p))).orElse(Catalog.empty());
        WarehouseMetadata metadata = a.option("metadata").map(p -> loadMetadata(Path.of(p), err)).orElse(WarehouseMetadata.empty());
        RoutineCatalog routines = loadRoutines(a.option("routines").map(Path::of), metadata, err);
        boolean definitionsOnly = a.option("metadata").isPresent() && a.option("jobs").isEmpty() && a.positional().isEmpty();
        if (a.option("jobs").isPresent() || definitionsOnly) {
            if (!a.positional().isEmpty() || a.option("project").isPresent() || a.option("dataset").isPresent()
                    || a.option("destination").isPresent() || a.option("format").isPresent()) {
                throw new CliArguments.UsageException("--jobs and --metadata take each job's (and definition's) project "
                        + "and destination from its row and print JSON lines; only --catalog and --routines combine with them");
            }
            return jobs(a.option("jobs").map(Path::of), metadata, catalog, routines, out, err);
        }
        if (a.positional().size() > 1) {
            throw new CliArguments.UsageException("give one SQL file, or - for standard input");
        }
        String source = a.positional().isEmpty() ? "-" : a.positional().get(0);
        String sql = source.equals("-") ? Utf8Text.decode(System.in.readAllBytes(), "stdin", err) : readFile(Path.of(source), err);
        AnalysisOptions options = AnalysisOptions.of(catalog).withRoutines(routines);
        if (a.option("project").isPresent()) {
            options = options.withDefaultProject(a.option("project").get());
        }
        if (a.option("dataset").isPresent()) {
            options = options.withDefaultDataset(a.option("dataset").get());
        }
        if (a.option("destination").isPresent()) {
            String[] parts = a.option("destination").get().replace("`", "").split("\\.");
            if (parts.length != 3) {
                throw new CliArguments.UsageException("--destination must be project.dataset.table");
            }
            options = options.withDestination(new TableRef(parts[0], parts[1], parts[2]));
        }
        LineageResult result;
        try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
            result = analyzer.analyze(sql, options);
        }
        if (format.equals("json")) {
            out.println(LineageJson.result(result).toString());
        } else {
            printText(result, out);
        }
        return result.parsedStatements() == 0 ? 1 : 0;
    }

    private static Catalog loadCatalog(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CliArguments.UsageException("catalog file not found: " + path);
        }
        try {
            return CatalogLoader.load(path);
        } catch (IllegalArgumentException e) {
            throw new CliArguments.UsageException("catalog " + path + ": " + e.getMessage());
        }
    }

    /**
     * {@code INFORMATION_SCHEMA.ROUTINES} rows as JSON lines, with the metadata file's ROUTINES rows after
     * them; rows that cannot be read are reported, not fatal.
     */
    private static RoutineCatalog loadRoutines(java.util.Optional<Path> path, WarehouseMetadata metadata, PrintStream err) {
        List<String> rows = new java.util.ArrayList<>();
        if (path.isPresent()) {
            if (!Files.isRegularFile(path.get())) {
                throw new CliArguments.UsageException("routines file not found: " + path.get());
            }
            try {
                rows.addAll(Files.readAllLines(path.get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliArguments.UsageException("cannot read routines " + path.get() + ": " + e.getMessage());
            }
        }
        int fromFile = rows.size();
        rows.addAll(metadata.routineRows());
        RoutineCatalog routines = RoutineCatalog.parse(rows);
        // a problem's line number counts the routines file's lines first, then the metadata's routine rows
        routines.problems().forEach(p -> err.println((path.isPresent() && fromFile > 0 ? "routines " + path.get() : "metadata routines")
                + ": skipped " + p));
        return routines;
    }

    /** A metadata file; rows and definitions that cannot be used are reported, not fatal. */
    private static WarehouseMetadata loadMetadata(Path path, PrintStream err) {
        if (!Files.isRegularFile(path)) {
            throw new CliArguments.UsageException("metadata file not found: " + path);
        }
        WarehouseMetadata metadata = WarehouseMetadata.load(path);
        metadata.problems().forEach(p -> err.println("metadata " + path + ": skipped " + p));
        return metadata;
    }

    private static String readFile(Path path, PrintStream err) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new CliArguments.UsageException("SQL file not found: " + path);
        }
        return Utf8Text.decode(Files.readAllBytes(path), path.toString(), err);
    }

    private static void printText(LineageResult result, PrintStream out) {
        int sw = "SOURCE".length();
        int tw = "TARGET".length();
        for (Edge e : result.edges()) {
            sw = Math.max(sw, e.source().fqn().length());
            tw = Math.max(tw, e.target().fqn().length());
        }
        String row = "%-" + sw + "s  %-" + tw + "s  %-8s  %-14s  %s%n";
        out.printf(row, "SOURCE", "TARGET", "TYPE", "SUBTYPE", "MASKING");
        for (Edge e : result.edges()) {
            out.printf(row, e.source().fqn(), e.target().fqn(), e.transformation().type(),
                    e.transformation().subtype(), e.transformation().masking() ? "yes" : "no");
        }
        out.printf("%d edges, %d of %d statements understood%n", result.edges().size(), result.parsedStatements(), result.statements());
        if (!result.transientTables().isEmpty()) {
            out.printf("transient (lineage is composed through them): %s%n",
                    String.join(", ", result.transientTables().stream().map(TableRef::fqn).toList()));
        }
        for (Diagnostic d : result.diagnostics()) {
            out.printf("%s %s (statement %d%s): %s%n", d.level(), d.code(), d.statement(),
                    d.line().map(l -> ", line " + l + d.column().map(c -> ", column " + c).orElse("")).orElse(""), d.message());
        }
    }

    /**
     * One JSON line per definition of the metadata (with its {@code kind}), then per job row; a malformed
     * row is reported on stderr and skipped.
     */
    private static int jobs(java.util.Optional<Path> jobsFile, WarehouseMetadata metadata, Catalog catalog, RoutineCatalog routines,
                            PrintStream out, PrintStream err) throws IOException {
        if (jobsFile.isPresent() && !Files.isRegularFile(jobsFile.get())) {
            throw new CliArguments.UsageException("jobs file not found: " + jobsFile.get());
        }
        int jobs = 0;
        int malformed = 0;
        int parsed = 0;
        int withEdges = 0;
        int statements = 0;
        long start = System.nanoTime();
        try (JobAnalyzer analyzer = new JobAnalyzer(catalog, routines)) {
            int definitionsFailed = 0;
            for (Definition d : metadata.definitions()) {
                LineageResult result = analyzer.analyze(d.toJobRecord());
                JobAnalyzer.Status status = JobAnalyzer.status(result);
                definitionsFailed += status == JobAnalyzer.Status.OK && !result.hasErrors() ? 0 : 1;
                ObjectNode o = LineageJson.MAPPER.createObjectNode();
                o.put("job_id", d.jobId());
                o.put("kind", d.kind().name());
                o.put("status", status.name().toLowerCase());
                o.set("edges", LineageJson.edges(result));
                o.set("diagnostics", LineageJson.diagnostics(result));
                out.println(o.toString());
            }
            if (!metadata.definitions().isEmpty() || !metadata.unusable().isEmpty()) {
                err.printf("definitions: %d (%s), failed: %d, not analysable: %d%n", metadata.definitions().size(),
                        String.join(", ", java.util.Arrays.stream(DefinitionKind.values()).filter(k -> metadata.count(k) > 0)
                                .map(k -> metadata.count(k) + " " + k.name()).toList()),
                        definitionsFailed, metadata.unusable().values().stream().mapToInt(Integer::intValue).sum());
            }
            if (jobsFile.isEmpty()) {
                return 0;
            }
            try (Utf8Text.Lines reader = new Utf8Text.Lines(Files.newInputStream(jobsFile.get()))) {
                String line;
                int lineNumber = 0;
                while ((line = reader.next()) != null) {
                    lineNumber++;
                    if (reader.replacedBytes()) {
                        err.printf("line %d: invalid UTF-8 replaced by U+FFFD%n", lineNumber);
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    JobRowParser.Row row = JobRowParser.parse(line);
                    if (row instanceof JobRowParser.Malformed m) {
                        malformed++;
                        err.printf("line %d: skipped malformed job row: %s%n", lineNumber, m.reason());
                        continue;
                    }
                    if (row instanceof JobRowParser.Skipped) {
                        continue;
                    }
                    var job = ((JobRowParser.Parsed) row).job();
                    LineageResult result = analyzer.analyze(job);
                    jobs++;
                    statements += result.statements();
                    JobAnalyzer.Status status = JobAnalyzer.status(result);
                    parsed += status == JobAnalyzer.Status.PARSE_ERROR ? 0 : 1;
                    withEdges += result.edges().isEmpty() ? 0 : 1;
                    ObjectNode o = LineageJson.MAPPER.createObjectNode();
                    o.put("job_id", job.jobId());
                    o.put("status", status.name().toLowerCase());
                    o.set("edges", LineageJson.edges(result));
                    o.set("diagnostics", LineageJson.diagnostics(result));
                    out.println(o.toString());
                }
            }
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        err.printf("jobs: %d (%d malformed rows skipped), parsed: %.1f%%, with edges: %.1f%%, statements/s: %.0f%n",
                jobs, malformed, jobs == 0 ? 0.0 : 100.0 * parsed / jobs, jobs == 0 ? 0.0 : 100.0 * withEdges / jobs,
                statements / seconds);
        return 0;
    }
}
