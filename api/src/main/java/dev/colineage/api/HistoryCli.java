package dev.colineage.api;

import dev.colineage.api.answer.LineageAnswer;
import dev.colineage.graph.change.ChangeLog;
import dev.colineage.graph.change.HistorySettings;
import dev.colineage.graph.change.LineageChange;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.EdgeLifetime;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageTime;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage questions from the command line, over the graph a server hosts (or the embedded one when none
 * listens), answered by the same read model and services as the API:
 * <pre>
 * colineage lineage P.D.T[.COLUMN] [--upstream] [--depth N] [--direct] [--as-of T | --history] [--format text|json] [--neo4j URI]
 * colineage changes --since T [--until T] [--table P.D.T] [--limit N] [--format text|json] [--neo4j URI]
 * </pre>
 * Usage mistakes exit 2, a column or table the graph does not know exits 1.
 */
public final class HistoryCli {

    static final String USAGE = """
            usage: colineage lineage P.D.T[.COLUMN] [--upstream] [--depth N] [--direct] [--as-of T | --history] [--format text|json] [--neo4j URI]
                   colineage changes --since T [--until T] [--table P.D.T] [--limit N] [--format text|json] [--neo4j URI]
              T is an instant (2026-10-15T12:00:00Z) or a date (2026-10-15); --as-of a date means the lineage as that
              UTC day closed; --since/--until a date means its start. COLINEAGE_ACTIVE_DAYS sets the activity window.""";

    private HistoryCli() {
    }

    /** What the command line asked. */
    private record Request(String command, Optional<String> name, Map<String, String> options, boolean upstream, boolean direct,
                           boolean history, boolean json) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        Request request;
        HistorySettings history;
        PiiRules piiRules;
        try {
            request = parse(args);
            history = HistorySettings.fromEnvironment(env);
            piiRules = PiiRules.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            err.println("colineage: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (request.command().equals("help")) {
            out.println(USAGE);
            return 0;
        }
        GraphSettings settings = GraphSettings.fromEnvironment(env);
        try (GraphStore store = DefaultGraphServer.open(Optional.ofNullable(request.options().get("--neo4j")), settings, err,
                DefaultGraphServer.URI)) {
            LineageService service = ReadServices.of(store.driver(), Optional.empty(), Duration.ofSeconds(120), Duration.ofSeconds(120),
                    history.activeWindow(), piiRules).lineage();
            return request.command().equals("lineage") ? lineage(request, service, out, err) : changes(request, service, out, err);
        } catch (Problem p) {
            err.println("colineage: " + p.detail());
            return 2;
        }
    }

    private static int lineage(Request r, LineageService service, PrintStream out, PrintStream err) {
        String name = r.name().orElseThrow();
        boolean table = name.chars().filter(c -> c == '.').count() == 2;
        TraversalOptions options = TraversalOptions.defaults().withLimit(Params.MAX_LIMIT)
                .at(Params.time(r.options().get("--as-of"), r.history() ? "true" : null));
        if (r.options().containsKey("--depth")) {
            options = options.withMaxDepth(Params.integer("--depth", r.options().get("--depth"), 1, 100));
        }
        if (r.direct()) {
            options = options.directOnly();
        }
        Direction direction = r.upstream() ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        Optional<LineageAnswer> answer = table ? service.tableLineage(Params.table(name), direction, options)
                : service.columnLineage(Params.column(name), direction, options);
        if (answer.isEmpty()) {
            err.println("colineage: no " + (table ? "table " : "column ") + name + " in the lineage graph");
            return 1;
        }
        if (r.json()) {
            out.println(ApiJson.write(answer.get()));
            return 0;
        }
        LineageAnswer a = answer.get();
        out.println((r.upstream() ? "Where " + name + " comes from" : "What depends on " + name) + " (" + which(options.time()) + ")");
        for (Hit hit : a.hits().stream().sorted(Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn)).toList()) {
            GraphEdge last = hit.path().get(hit.path().size() - 1);
            out.printf("  depth %d  %-55s %s/%s%s  %s%n", hit.depth(), hit.fqn(), last.type(), last.subtype(), last.masking() ? " masked" : "",
                    life(last.lifetime()));
        }
        out.printf("%d %s columns and tables%s%n", a.hits().size(), r.upstream() ? "upstream" : "downstream",
                a.truncated() ? " (truncated)" : "");
        return 0;
    }

    private static String which(LineageTime time) {
        return switch (time.mode()) {
            case CURRENT -> "current lineage";
            case HISTORY -> "every edge ever seen";
            case AS_OF -> "lineage as of " + time.asOf().orElseThrow();
        };
    }

    /** An edge's lifetime in a line: seen from .. to, and current or retired when. */
    static String life(EdgeLifetime l) {
        if (l.firstSeen().isEmpty()) {
            return "";
        }
        String seen = "seen " + l.firstSeen().get() + " .. " + l.lastSeen().orElseThrow();
        return l.current().orElse(true) ? seen + ", current" : seen + ", retired " + l.retiredAt().map(Instant::toString).orElse("");
    }

    private static int changes(Request r, LineageService service, PrintStream out, PrintStream err) {
        Instant since = Params.instant("--since", r.options().get("--since"), false);
        Optional<Instant> until = Optional.ofNullable(r.options().get("--until")).map(v -> Params.instant("--until", v, false));
        if (until.isPresent() && !until.get().isAfter(since)) {
            throw Problem.badParameter("--until", "--until must be after --since");
        }
        Optional<String> table = Optional.ofNullable(r.options().get("--table")).map(Params::table);
        int limit = r.options().containsKey("--limit") ? Params.integer("--limit", r.options().get("--limit"), 1, Params.MAX_LIMIT) : 1000;
        Optional<ChangeLog> found = service.changes(since, until, table, limit);
        if (found.isEmpty()) {
            err.println("colineage: no table " + table.orElseThrow() + " in the lineage graph");
            return 1;
        }
        ChangeLog log = found.get();
        if (r.json()) {
            out.println(ApiJson.write(log));
            return 0;
        }
        ChangeLog.Summary s = log.summary();
        out.printf("Lineage changes from %s%s%s: %d (%d became current: %d new, %d resumed; %d retired: %d superseded, %d dropped,"
                        + " %d inactive)%n", since, until.map(u -> " until " + u).orElse(""), table.map(t -> " of " + t).orElse(""),
                s.changes(), s.becameCurrent(), s.newQuery(), s.resumed(), s.retired(), s.superseded(), s.dropped(), s.inactive());
        for (ChangeLog.TableChanges t : log.tables()) {
            out.println(t.table());
            for (LineageChange c : t.changes()) {
                List<String> who = new ArrayList<>();
                c.queries().forEach(q -> who.add(q.statementType() + " " + q.fingerprint().substring(0, Math.min(12, q.fingerprint().length()))
                        + ("DEFINITION".equals(q.kind()) ? " (warehouse metadata)" : q.users().isEmpty() ? "" : " by " + String.join(", ", q.users()))));
                out.printf("  %s  %-14s %-10s %s -> %s  [%s]%s%n", c.at(), c.change(), c.reason(), c.edge().source(), c.edge().target(),
                        String.join("; ", who), c.by().isEmpty() ? "" : " (by " + String.join(", ",
                                c.by().stream().map(q -> q.statementType() + " " + q.fingerprint().substring(0, Math.min(12,
                                        q.fingerprint().length()))).toList()) + ")");
            }
        }
        if (log.truncated()) {
            out.println("(more changes than --limit " + limit + ": the summary counts them all)");
        }
        return 0;
    }

    private static Request parse(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            return new Request("help", Optional.empty(), Map.of(), false, false, false, false);
        }
        String command = args[0];
        if (!command.equals("lineage") && !command.equals("changes")) {
            throw new IllegalArgumentException("unknown command '" + command + "'");
        }
        Map<String, String> options = new java.util.HashMap<>();
        Optional<String> name = Optional.empty();
        boolean upstream = false;
        boolean direct = false;
        boolean history = false;
        boolean json = false;
        List<String> valued = command.equals("lineage") ? List.of("--depth", "--as-of", "--format", "--neo4j")
                : List.of("--since", "--until", "--table", "--limit", "--format", "--neo4j");
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return new Request("help", Optional.empty(), Map.of(), false, false, false, false);
            } else if (valued.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                options.put(a, args[++i]);
            } else if (command.equals("lineage") && a.equals("--upstream")) {
                upstream = true;
            } else if (command.equals("lineage") && a.equals("--downstream")) {
                upstream = false;
            } else if (command.equals("lineage") && a.equals("--direct")) {
                direct = true;
            } else if (command.equals("lineage") && a.equals("--history")) {
                history = true;
            } else if (command.equals("lineage") && !a.startsWith("-") && name.isEmpty()) {
                name = Optional.of(a);
            } else {
                throw new IllegalArgumentException("unknown option " + a + " for " + command);
            }
        }
        String format = options.getOrDefault("--format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format is text or json, not '" + format + "'");
        }
        json = format.equals("json");
        if (command.equals("lineage") && name.isEmpty()) {
            throw new IllegalArgumentException("lineage needs a column (P.D.T.COLUMN) or a table (P.D.T)");
        }
        if (command.equals("lineage") && history && options.containsKey("--as-of")) {
            throw new IllegalArgumentException("--history shows every edge ever seen; it does not go with --as-of");
        }
        if (command.equals("changes") && !options.containsKey("--since")) {
            throw new IllegalArgumentException("changes needs --since");
        }
        return new Request(command, name, Map.copyOf(options), upstream, direct, history, json);
    }
}
