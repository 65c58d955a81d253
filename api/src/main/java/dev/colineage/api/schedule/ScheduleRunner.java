package dev.colineage.api.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, at each {@link #tick()}, which extraction runs to start: a window per cron fire time, in
 * order; never two runs of one schedule at once; a failed window retried with exponential backoff up to
 * the schedule's attempts; fire times missed while the service was down caught up one window after the
 * other on start-up (each window once: runs are idempotent); backfills split into windows at the
 * schedule's fire times. Windows run from the previous successful window's end (minus the overlap) to
 * the fire time, so a window the scheduler gave up on is covered by the next one. Time comes from a
 * {@link Clock}, runs are started by a {@link Launcher}: both are given, which is what lets the tests use a
 * fake clock.
 */
public final class ScheduleRunner {

    /** Starts one extraction run; {@link Attempt#exitCode()} is empty while it runs. */
    public interface Launcher {
        Attempt start(Schedule schedule, List<String> arguments);
    }

    public interface Attempt {
        Optional<Integer> exitCode();
    }

    /** Records a window's attempt as QUEUED in the run history before its process starts. */
    public interface Recorder {
        void queued(String runId, Schedule schedule, Optional<Instant> since, Instant until, int attempt);
    }

    /** A window still to run. */
    private record Window(Optional<Instant> since, Instant until) {
    }

    /** What the runner knows of one schedule. */
    private static final class State {
        final Schedule schedule;
        Instant lastFire;
        Optional<Instant> doneUntil;
        final Deque<Window> pending = new ArrayDeque<>();
        Window current;
        Attempt attempt;
        int attemptNumber;
        Instant retryAt;
        ScheduledRun record;

        State(Schedule schedule, Instant lastFire, Optional<Instant> doneUntil) {
            this.schedule = schedule;
            this.lastFire = lastFire;
            this.doneUntil = doneUntil;
        }
    }

    private final Clock clock;
    private final Launcher launcher;
    private final Recorder recorder;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<ScheduledRun> history = new ArrayList<>();

    /**
     * @param watermark where each source's successful runs reached ({@link Schedule#sourceKey()} -> end of the
     *                  newest successful window), so that fire times missed while down are caught up
     */
    public ScheduleRunner(List<Schedule> schedules, Clock clock, Launcher launcher, Function<String, Optional<Instant>> watermark) {
        this(schedules, clock, launcher, watermark, (id, s, since, until, attempt) -> { });
    }

    /** @param recorder where each attempt is recorded as QUEUED (the graph's run history) */
    public ScheduleRunner(List<Schedule> schedules, Clock clock, Launcher launcher, Function<String, Optional<Instant>> watermark,
                          Recorder recorder) {
        this.clock = Objects.requireNonNull(clock, "clock is null");
        this.launcher = Objects.requireNonNull(launcher, "launcher is null");
        this.recorder = Objects.requireNonNull(recorder, "recorder is null");
        Instant now = clock.instant();
        for (Schedule s : schedules) {
            Optional<Instant> done = watermark.apply(s.sourceKey());
            // catch up from the watermark; without one, start with the next fire time from now
            states.put(s.name(), new State(s, done.orElse(now), done));
        }
    }

    /** Starts what is due now; call it every few seconds (and at once on start-up). */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (State s : states.values()) {
            if (s.attempt != null) {
                Optional<Integer> exit = s.attempt.exitCode();
                if (exit.isEmpty()) {
                    continue;   // never two runs of one schedule at once
                }
                finish(s, exit.get(), now);
            }
            if (s.retryAt != null) {
                if (now.isBefore(s.retryAt)) {
                    continue;
                }
                s.retryAt = null;
                launch(s, s.current, s.attemptNumber + 1, now);
                continue;
            }
            // every fire time up to now becomes a window, in order
            for (Instant fire = next(s, s.lastFire); !fire.isAfter(now); fire = next(s, s.lastFire)) {
                s.pending.add(new Window(Optional.empty(), fire));
                s.lastFire = fire;
            }
            Window w = s.pending.poll();
            if (w != null) {
                Optional<Instant> since = w.since().isPresent() ? w.since()
                        : s.doneUntil.map(d -> d.minus(s.schedule.overlap()));
                launch(s, new Window(since, w.until()), 1, now);
            }
        }
    }

    /** Queues windows covering {@code [from, to)}, split at the schedule's fire times, run in order. */
    public synchronized int backfill(String schedule, Instant from, Instant to) {
        State s = states.get(schedule);
        if (s == null) {
            throw new IllegalArgumentException("no schedule " + schedule);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("an empty range: " + from + " to " + to);
        }
        int windows = 0;
        Instant start = from;
        while (start.isBefore(to)) {
            Instant end = next(s, start);
            if (end.isAfter(to)) {
                end = to;
            }
            s.pending.add(new Window(Optional.of(start), end));
            start = end;
            windows++;
        }
        return windows;
    }

    /** Every attempt so far, oldest first, with the running ones as they are now. */
    public synchronized List<ScheduledRun> history() {
        List<ScheduledRun> out = new ArrayList<>(history);
        states.values().stream().filter(s -> s.attempt != null && s.record != null).forEach(s -> out.add(s.record));
        return out;
    }

    public synchronized List<Schedule> schedules() {
        return states.values().stream().map(s -> s.schedule).toList();
    }

    private Instant next(State s, Instant after) {
        return s.schedule.cron().next(after.atZone(s.schedule.cron().zone())).toInstant();
    }

    private void launch(State s, Window w, int attemptNumber, Instant now) {
        List<String> args = new ArrayList<>(s.schedule.extractArguments());
        w.since().ifPresent(since -> args.addAll(List.of("--since", since.toString())));
        args.addAll(List.of("--until", w.until().toString()));
        // one run id per attempt: the extraction takes over the QUEUED node recorded here
        String runId = "sched-" + s.schedule.name() + "-" + w.until().toString().replace(":", "") + "-a" + attemptNumber;
        recorder.queued(runId, s.schedule, w.since(), w.until(), attemptNumber);
        args.addAll(List.of("--run-id", runId));
        s.current = w;
        s.attemptNumber = attemptNumber;
        s.record = new ScheduledRun(s.schedule.name(), w.since(), w.until(), attemptNumber, "RUNNING", now,
                Optional.empty(), Optional.empty());
        s.attempt = launcher.start(s.schedule, args);
    }

    private void finish(State s, int exit, Instant now) {
        boolean ok = exit == 0;
        boolean retry = !ok && s.attemptNumber < s.schedule.maxAttempts();
        history.add(new ScheduledRun(s.schedule.name(), s.current.since(), s.current.until(), s.attemptNumber,
                ok ? "SUCCEEDED" : retry ? "FAILED" : "GAVE_UP", s.record.startedAt(), Optional.of(now), Optional.of(exit)));
        s.attempt = null;
        s.record = null;
        if (ok) {
            s.doneUntil = Optional.of(s.current.until());
            s.current = null;
        } else if (retry) {
            s.retryAt = now.plus(s.schedule.backoff().multipliedBy(1L << (s.attemptNumber - 1)));
        } else {
            s.current = null;   // the next window starts from the last success, so it covers this one
        }
    }
}
