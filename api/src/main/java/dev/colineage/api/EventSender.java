package dev.colineage.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts OpenLineage events to an HTTP endpoint: one event per request as Marquez's {@code /api/v1/lineage} takes
 * them ({@code batch} 1), or JSON arrays of up to {@code batch} (colineage's own {@code POST /api/v1/openlineage},
 * OpenLineage batch endpoints). A bearer token when given. A request that fails for a reason that may pass
 * (no connection, a timeout, 429, 5xx) is retried after 0.5, 1, 2, 4 s (or the server's {@code Retry-After},
 * up to 30 s); any other answer stops the export with its status and the start of its body.
 */
final class EventSender {

    static final int ATTEMPTS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI url;
    private final Optional<String> token;
    private final int batch;
    private final Duration backoff;
    private final List<String> pending = new ArrayList<>();
    private long sent;
    private long requests;
    private long retries;

    /** @param backoff the first wait before a retry (doubling after); tests shorten it */
    EventSender(URI url, Optional<String> token, int batch, Duration backoff) {
        this.url = Objects.requireNonNull(url, "url is null");
        this.token = Objects.requireNonNull(token, "token is null");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        this.batch = batch;
        this.backoff = Objects.requireNonNull(backoff, "backoff is null");
    }

    /** One event as JSON; sent when the batch is full. */
    void add(String event) throws IOException, InterruptedException {
        pending.add(event);
        if (pending.size() >= batch) {
            flush();
        }
    }

    void flush() throws IOException, InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        String body = batch == 1 ? pending.get(0) : "[" + String.join(",", pending) + "]";
        post(body);
        sent += pending.size();
        pending.clear();
    }

    long sent() {
        return sent;
    }

    long requests() {
        return requests;
    }

    long retries() {
        return retries;
    }

    private void post(String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        HttpRequest request = b.build();
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            requests++;
            String failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                failure = url + " answered " + status + ": " + excerpt(r.body());
                if (status != 429 && status < 500) {
                    throw new IOException(failure);
                }
                retryAfter = r.headers().firstValue("Retry-After").flatMap(EventSender::seconds);
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                failure = url + ": " + e;
            }
            if (attempt == ATTEMPTS) {
                throw new IOException(failure + " (" + ATTEMPTS + " attempts)");
            }
            retries++;
            Thread.sleep(retryAfter.orElse(wait).toMillis());
            wait = wait.multipliedBy(2);
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Math.min(30, Math.max(0, Long.parseLong(header.strip())))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String excerpt(String body) {
        String one = body.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
