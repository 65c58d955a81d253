package dev.colineage.api;

import dev.colineage.graph.openlineage.OpenLineageExport;
import dev.colineage.graph.openlineage.QueryRunStore;
import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code colineage export openlineage [--since T] [--until T] [--out FILE | --url URL] [--batch N] [--neo4j URI]}:
 * the query runs of an interval as OpenLineage run events, one per run, by time, over the graph a server hosts
 * (or the embedded one): JSON lines on standard output or into a file, or posted to an OpenLineage HTTP endpoint
 * (a bearer token from {@code COLINEAGE_OPENLINEAGE_TOKEN}). What it did goes to standard error. Usage mistakes
 * exit 2; an endpoint that refuses, or a graph that cannot be read, exits 1.
 */
public final class ExportCli {

    static final String USAGE = """
            usage: colineage export openlineage [--since T] [--until T] [--out FILE | --url URL] [--batch N] [--neo4j URI]
              T is an instant (2026-10-15T12:00:00Z) or a date (its start); by default every run up to now.
              --out writes JSON lines (one event each) to FILE, --url posts them (--batch 1, the default: one event per
              request, as Marquez's /api/v1/lineage takes them; --batch N: JSON arrays of N, as colineage's own
              POST /api/v1/openlineage takes them); neither: JSON lines on standard output.
              COLINEAGE_OPENLINEAGE_TOKEN: a bearer token for --url.""";
    private static final Set<String> VALUED = Set.of("--since", "--until", "--out", "--url", "--batch", "--neo4j");

    private ExportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), Duration.ofMillis(500)));
    }

    static int run(String[] command, PrintStream out, PrintStream err, Map<String, String> env, Duration backoff) {
        // the launcher passes the command's name first
        String[] args = command.length > 0 && command[0].equals("export") ? Arrays.copyOfRange(command, 1, command.length) : command;
        Map<String, String> options = new HashMap<>();
        Instant since;
        Instant until;
        int batch;
        try {
            if (args.length == 0 || !args[0].equals("openlineage")) {
                throw new IllegalArgumentException(args.length == 0 ? "what to export? (openlineage)" : "unknown export '" + args[0] + "'");
            }
            for (int i = 1; i < args.length; i++) {
                if (!VALUED.contains(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                options.put(args[i], args[++i]);
            }
            since = options.containsKey("--since") ? Params.instant("since", options.get("--since"), false) : Instant.EPOCH;
            until = options.containsKey("--until") ? Params.instant("until", options.get("--until"), false) : Instant.now();
            if (!until.isAfter(since)) {
                throw new IllegalArgumentException("--until must be after --since");
            }
            if (options.containsKey("--out") && options.containsKey("--url")) {
                throw new IllegalArgumentException("--out or --url, not both");
            }
            batch = options.containsKey("--batch") ? Params.integer("batch", options.get("--batch"), 1, 10_000) : 1;
            if (options.containsKey("--url")) {
                URI url = URI.create(options.get("--url"));
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new IllegalArgumentException("--url is an http or https URL: " + url);
                }
            }
        } catch (IllegalArgumentException | Problem e) {
            err.println("colineage: " + (e instanceof Problem p ? p.detail() : e.getMessage()));
            err.println(USAGE);
            return 2;
        }
        GraphSettings settings = GraphSettings.fromEnvironment(env);
        long t0 = System.nanoTime();
        try (GraphStore store = DefaultGraphServer.open(Optional.ofNullable(options.get("--neo4j")), settings, err, DefaultGraphServer.URI)) {
            OpenLineageExport export = new OpenLineageExport(new QueryRunStore(store.driver(), Duration.ofMinutes(10)));
            if (options.containsKey("--url")) {
                EventSender sender = new EventSender(URI.create(options.get("--url")),
                        Optional.ofNullable(env.get("COLINEAGE_OPENLINEAGE_TOKEN")).filter(t -> !t.isBlank()), batch, backoff);
                export.export(since, until, 0, Long.MAX_VALUE, event -> {
                    try {
                        sender.add(event);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                });
                sender.flush();
                err.printf("colineage: %d OpenLineage events posted to %s in %d requests (%d retried) in %.1f s%n", sender.sent(),
                        options.get("--url"), sender.requests(), sender.retries(), (System.nanoTime() - t0) / 1e9);
                return 0;
            }
            Writer writer = options.containsKey("--out")
                    ? Files.newBufferedWriter(Path.of(options.get("--out")), StandardCharsets.UTF_8)
                    : new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            long events;
            try {
                events = export.export(since, until, 0, Long.MAX_VALUE, event -> {
                    try {
                        writer.write(event);
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } finally {
                writer.flush();
                if (options.containsKey("--out")) {
                    writer.close();
                }
            }
            err.printf("colineage: %d OpenLineage events written%s in %.1f s%n", events,
                    options.containsKey("--out") ? " to " + options.get("--out") : "", (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("colineage: export interrupted");
            return 1;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            err.println("colineage: export failed: " + (e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage()));
            return 1;
        } catch (RuntimeException e) {
            err.println("colineage: export failed: " + e);
            return 1;
        }
    }
}
