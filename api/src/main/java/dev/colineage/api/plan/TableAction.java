package dev.colineage.api.plan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What re-running one table means, from a template: a command (an argument list, never a shell line)
 * or an HTTP call (Airflow's REST API triggering a DAG run, say). {@code {table}}, {@code {project}},
 * {@code {dataset}} and {@code {name}} are filled in. Success is exit code 0, or a 2xx status.
 *
 * <p>Table names come from query logs and are untrusted, so each is filled in as a value of its place:
 * a command never gets a name that starts with {@code -} (it would be read as an option) or holds a
 * control character; a URL gets the names percent-encoded; a body gets them escaped as the inside of a
 * JSON string; a header never gets a line break. A name that cannot be filled in safely fails the table.
 */
public sealed interface TableAction permits TableAction.Command, TableAction.Http {

    /** Runs the action for one table; returns what happened, for the execution record. */
    Outcome run(String table) throws InterruptedException;

    record Outcome(boolean ok, String detail) {
    }

    record Command(List<String> argv, Duration timeout) implements TableAction {
        public Command {
            argv = List.copyOf(Objects.requireNonNull(argv, "argv is null"));
            Objects.requireNonNull(timeout, "timeout is null");
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("an empty command");
            }
        }

        @Override
        public Outcome run(String table) throws InterruptedException {
            List<String> args = new ArrayList<>();
            for (String part : parts(table)) {
                if (part.startsWith("-") || part.chars().anyMatch(Character::isISOControl)) {
                    return new Outcome(false, "refused: the name " + printable(part) + " would not be a plain argument");
                }
            }
            argv.forEach(a -> args.add(fill(a, table, x -> x)));
            try {
                Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
                if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return new Outcome(false, "timed out after " + timeout);
                }
                String out = new String(p.getInputStream().readAllBytes());
                return new Outcome(p.exitValue() == 0, "exit " + p.exitValue() + (out.isBlank() ? "" : ": " + tail(out)));
            } catch (IOException e) {
                return new Outcome(false, "cannot start " + args.get(0) + ": " + e.getMessage());
            }
        }
    }

    record Http(String method, String url, Map<String, String> headers, String body, Duration timeout) implements TableAction {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        public Http {
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(url, "url is null");
            headers = Map.copyOf(Objects.requireNonNull(headers, "headers is null"));
            Objects.requireNonNull(body, "body is null");
            Objects.requireNonNull(timeout, "timeout is null");
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("an http or https URL: " + url);
            }
        }

        @Override
        public Outcome run(String table) throws InterruptedException {
            if (parts(table).stream().anyMatch(p -> p.chars().anyMatch(Character::isISOControl))) {
                return new Outcome(false, "refused: the name " + printable(table) + " holds a control character");
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fill(url, table,
                            x -> java.net.URLEncoder.encode(x, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))))
                    .timeout(timeout)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(fill(body, table, TableAction::jsonInside)));
            headers.forEach((k, v) -> b.header(k, fill(v, table, x -> x)));
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Outcome(r.statusCode() / 100 == 2, "HTTP " + r.statusCode() + (r.body().isBlank() ? "" : ": " + tail(r.body())));
            } catch (IOException e) {
                return new Outcome(false, "HTTP call failed: " + e.getMessage());
            }
        }
    }

    /** The table, its project, dataset and name. */
    private static List<String> parts(String table) {
        int last = table.lastIndexOf('.');
        int middle = table.lastIndexOf('.', last - 1);
        return List.of(table, table.substring(0, Math.max(0, middle)), table.substring(middle + 1, last), table.substring(last + 1));
    }

    private static String fill(String template, String table, java.util.function.UnaryOperator<String> encode) {
        List<String> p = parts(table);
        return template.replace("{table}", encode.apply(p.get(0))).replace("{project}", encode.apply(p.get(1)))
                .replace("{dataset}", encode.apply(p.get(2))).replace("{name}", encode.apply(p.get(3)));
    }

    /** {@code s} as the inside of a JSON string. */
    private static String jsonInside(String s) {
        return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return b.toString();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
