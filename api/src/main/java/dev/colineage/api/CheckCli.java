package dev.colineage.api;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.RoutineCatalog;
import dev.colineage.graph.check.ChangeFile;
import dev.colineage.graph.check.CheckInputException;
import dev.colineage.graph.check.CheckOptions;
import dev.colineage.graph.check.CheckReport;
import dev.colineage.graph.check.SchemaChangeCheck;
import dev.colineage.graph.change.HistorySettings;
import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code colineage check [--format text|json|markdown] [--destination P.D.T] [--project P] [--dataset D]
 * [--catalog FILE] [--routines FILE] [--limit N] [--url URL | --neo4j URI] FILE...}: what the changed SQL files
 * of a pull request do to the current lineage ({@link SchemaChangeCheck}), over a served colineage ({@code --url}:
 * {@code POST /api/v1/check}) or the graph a Neo4j server (or the embedded store) holds. Exits 1 when a query
 * will fail, 0 otherwise, 2 for usage mistakes, changes it cannot read (unparseable SQL, an unknown table) and a
 * graph or server it cannot reach (never 1: that says "breaking").
 */
public final class CheckCli {

    static final String USAGE = """
            usage: colineage check [--format text|json|markdown] [--destination P.D.T] [--project P] [--dataset D]
                                   [--catalog FILE] [--routines FILE] [--limit N] [--url URL | --neo4j URI] FILE...
              FILE: DDL (ALTER TABLE .. DROP COLUMN / RENAME COLUMN / ALTER COLUMN .. SET DATA TYPE, DROP TABLE, RENAME TO)
              and/or the new version of a query, view or script. A plain SELECT writes to --destination, or, for a file laid
              out as bigquery-etl does (PROJECT/DATASET/TABLE/query.sql), to that table.
              --url asks a running colineage server (COLINEAGE_CHECK_TOKEN: a bearer token for a proxy in front of it);
              otherwise the graph at --neo4j (default: the local server, or the embedded store).
              Exit: 1 when a query will fail, 0 otherwise, 2 for usage mistakes, changes it cannot read, and a graph or server
              it cannot reach.""";
    private static final Set<String> VALUED = Set.of("--format", "--destination", "--project", "--dataset", "--catalog", "--routines",
            "--limit", "--url", "--neo4j");

    private CheckCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** What the command line asked. */
    private record Request(Map<String, String> options, List<Path> files, String format, int limit) {
    }

    static int run(String[] command, PrintStream out, PrintStream err, Map<String, String> env) {
        String[] args = command.length > 0 && command[0].equals("check") ? Arrays.copyOfRange(command, 1, command.length) : command;
        Request request;
        List<ChangeFile> files;
        try {
            request = parse(args);
            if (request == null) {
                out.println(USAGE);
                return 0;
            }
            files = read(request);
        } catch (IllegalArgumentException | Problem e) {
            err.println("colineage: " + (e instanceof Problem p ? p.detail() : e.getMessage()));
            err.println(USAGE);
            return 2;
        }
        CheckReport report;
        try {
            report = request.options().containsKey("--url") ? remote(request, files, env) : local(request, files, env, err);
        } catch (CheckInputException | IllegalArgumentException e) {
            // a change it cannot read, or a --catalog / --routines file it cannot
            err.println("colineage: " + e.getMessage());
            return 2;
        } catch (org.neo4j.driver.exceptions.Neo4jException | dev.colineage.graph.write.GraphUnavailableException e) {
            // never exit 1 here: that says "breaking" to a pull request
            err.println("colineage: check failed: the lineage graph cannot be read: " + e.getMessage());
            return 2;
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("colineage: check failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + (viaUrl(request) ? " (" + request.options().get("--url") + ")" : ""));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        out.print(switch (request.format()) {
            case "json" -> ApiJson.write(report) + "\n";
            case "markdown" -> CheckOutput.markdown(report);
            default -> CheckOutput.text(report);
        });
        out.flush();
        return report.severity() == dev.colineage.graph.check.Severity.BREAKING ? 1 : 0;
    }

    private static boolean viaUrl(Request request) {
        return request.options().containsKey("--url");
    }

    private static Request parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return null;
            } else if (VALUED.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.put(a, args[++i]);
            } else if (a.startsWith("-") && !a.equals("-")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("check needs the changed SQL files");
        }
        String format = options.getOrDefault("--format", "text");
        if (!Set.of("text", "json", "markdown").contains(format)) {
            throw new IllegalArgumentException("--format is text, json or markdown, not '" + format + "'");
        }
        if (options.containsKey("--url") && options.containsKey("--neo4j")) {
            throw new IllegalArgumentException("--url or --neo4j, not both");
        }
        if (options.containsKey("--url") && (options.containsKey("--catalog") || options.containsKey("--routines"))) {
            throw new IllegalArgumentException("--catalog and --routines are read here, not sent: leave out --url to use them");
        }
        if (options.containsKey("--url")) {
            URI url = URI.create(options.get("--url"));
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("--url is the http or https address of a colineage server: " + url);
            }
        }
        CheckRequest.part("--project", Optional.ofNullable(options.get("--project")));
        CheckRequest.part("--dataset", Optional.ofNullable(options.get("--dataset")));
        int limit = options.containsKey("--limit") ? Params.integer("--limit", options.get("--limit"), 1, Params.MAX_LIMIT) : 1_000;
        return new Request(Map.copyOf(options), List.copyOf(files), format, limit);
    }

    /** The files with their destinations; a file that cannot be read is a usage mistake. */
    private static List<ChangeFile> read(Request r) {
        Optional<TableRef> given = Optional.ofNullable(r.options().get("--destination"))
                .map(d -> TableRef.parse(Params.table(d)).orElseThrow());
        List<ChangeFile> out = new ArrayList<>();
        for (Path p : r.files()) {
            String sql;
            try {
                sql = p.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(p);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
            }
            out.add(new ChangeFile(p.toString(), sql, given.or(() -> etlDestination(p))));
        }
        return out;
    }

    /** bigquery-etl's layout: {@code sql/PROJECT/DATASET/TABLE/query.sql} writes PROJECT.DATASET.TABLE. */
    static Optional<TableRef> etlDestination(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.getFileName().toString().equals("query.sql") || abs.getNameCount() < 4) {
            return Optional.empty();
        }
        int n = abs.getNameCount();
        return Optional.of(new TableRef(abs.getName(n - 4).toString(), abs.getName(n - 3).toString(), abs.getName(n - 2).toString()));
    }

    private static CheckReport local(Request r, List<ChangeFile> files, Map<String, String> env, PrintStream err) {
        Catalog catalog = r.options().containsKey("--catalog") ? CatalogLoader.load(Path.of(r.options().get("--catalog"))) : Catalog.empty();
        RoutineCatalog routines = r.options().containsKey("--routines") ? RoutineCatalog.load(Path.of(r.options().get("--routines")))
                : RoutineCatalog.empty();
        CheckOptions options = new CheckOptions(Optional.ofNullable(r.options().get("--project")), Optional.ofNullable(r.options().get("--dataset")),
                catalog, routines, r.limit());
        try (GraphStore store = DefaultGraphServer.open(Optional.ofNullable(r.options().get("--neo4j")), GraphSettings.fromEnvironment(env), err,
                DefaultGraphServer.URI)) {
            // PII rules do not enter a check: the defaults do
            return ReadServices.of(store.driver(), Optional.empty(), Duration.ofSeconds(120), Duration.ofSeconds(120),
                    HistorySettings.fromEnvironment(env).activeWindow(), PiiRules.defaults()).check().check(files, options);
        }
    }

    private static CheckReport remote(Request r, List<ChangeFile> files, Map<String, String> env) throws IOException, InterruptedException {
        List<CheckRequest.File> body = files.stream().map(f -> new CheckRequest.File(f.name(), f.sql(), f.destination().map(TableRef::fqn)))
                .toList();
        String json = ApiJson.write(new CheckRequest(body, Optional.ofNullable(r.options().get("--project")),
                Optional.ofNullable(r.options().get("--dataset"))));
        String base = r.options().get("--url").replaceAll("/+$", "");
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/api/v1/check?limit=" + r.limit()))
                .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        Optional.ofNullable(env.get("COLINEAGE_CHECK_TOKEN")).filter(t -> !t.isBlank()).ifPresent(t -> post.header("Authorization", "Bearer " + t));
        HttpResponse<String> reply = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build()
                .send(post.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (reply.statusCode() == 422 || reply.statusCode() == 400) {
            throw new CheckInputException(ApiJson.MAPPER.readTree(reply.body()).path("detail").asText(reply.body()));
        }
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(base + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return ApiJson.MAPPER.readValue(reply.body(), CheckReport.class);
    }
}
