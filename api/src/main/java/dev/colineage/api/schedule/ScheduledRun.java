package dev.colineage.api.schedule;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt at one window of a schedule.
 *
 * @param state RUNNING, SUCCEEDED, FAILED (will be retried), or GAVE_UP (the last attempt failed)
 */
public record ScheduledRun(String schedule, Optional<Instant> since, Instant until, int attempt, String state,
                           Instant startedAt, Optional<Instant> finishedAt, Optional<Integer> exitCode) {

    public ScheduledRun {
        Objects.requireNonNull(schedule, "schedule is null");
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        Objects.requireNonNull(state, "state is null");
        Objects.requireNonNull(startedAt, "startedAt is null");
        Objects.requireNonNull(finishedAt, "finishedAt is null");
        Objects.requireNonNull(exitCode, "exitCode is null");
    }
}
