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
            argv.forEach(a -> args.add(fill(a, table)));
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
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fill(url, table))).timeout(timeout)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(fill(body, table)));
            headers.forEach((k, v) -> b.header(k, fill(v, table)));
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Outcome(r.statusCode() / 100 == 2, "HTTP " + r.statusCode() + (r.body().isBlank() ? "" : ": " + tail(r.body())));
            } catch (IOException e) {
                return new Outcome(false, "HTTP call failed: " + e.getMessage());
            }
        }
    }

    private static String fill(String template, String table) {
        int last = table.lastIndexOf('.');
        int middle = table.lastIndexOf('.', last - 1);
        return template.replace("{table}", table).replace("{project}", table.substring(0, Math.max(0, middle)))
                .replace("{dataset}", table.substring(middle + 1, last)).replace("{name}", table.substring(last + 1));
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 300 ? "..." + t.substring(t.length() - 300) : t;
    }
}
