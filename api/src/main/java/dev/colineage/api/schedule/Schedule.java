package dev.colineage.api.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One scheduled extraction: when (cron in a time zone), what ({@code extract} arguments naming the
 * source; the scheduler adds the window), and how to recover (attempts, exponential backoff).
 *
 * @param sourceKey   the source's watermark key ({@code bigquery:P/region}, {@code jsonl:PATH}, {@code sample})
 * @param overlap     how far each window reaches back before the previous one's end (late-arriving jobs)
 * @param maxAttempts attempts per window before the scheduler gives up on it (the next window covers it)
 * @param backoff     wait before the first retry; doubled for each further one
 */
public record Schedule(String name, CronExpression cron, List<String> extractArguments, String sourceKey, Duration overlap,
                       int maxAttempts, Duration backoff) {

    public Schedule {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(cron, "cron is null");
        extractArguments = List.copyOf(Objects.requireNonNull(extractArguments, "extractArguments is null"));
        Objects.requireNonNull(sourceKey, "sourceKey is null");
        Objects.requireNonNull(overlap, "overlap is null");
        Objects.requireNonNull(backoff, "backoff is null");
        if (!name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("a schedule name is 1-100 of letters, digits, _ . -: " + name);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (overlap.isNegative() || backoff.isNegative()) {
            throw new IllegalArgumentException("overlap and backoff must not be negative");
        }
    }
}
