package dev.colineage.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduler's decisions under a fake clock, with runs whose outcome the test decides. */
class ScheduleRunnerTest {

    /** A clock the test moves. */
    private static final class FakeClock extends Clock {
        Instant now;

        FakeClock(String start) {
            now = Instant.parse(start);
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records the runs started; each stays running until the test finishes it. */
    private static final class Runs implements ScheduleRunner.Launcher {
        final List<List<String>> started = new ArrayList<>();
        final List<Integer[]> exits = new ArrayList<>();

        @Override
        public ScheduleRunner.Attempt start(Schedule schedule, List<String> arguments) {
            started.add(arguments);
            Integer[] exit = {null};
            exits.add(exit);
            return () -> Optional.ofNullable(exit[0]);
        }

        void finishLast(int code) {
            exits.get(exits.size() - 1)[0] = code;
        }

        String window(int i) {
            List<String> a = started.get(i);
            return String.join(" ", a.subList(2, a.indexOf("--run-id")));
        }

        String runId(int i) {
            List<String> a = started.get(i);
            return a.get(a.indexOf("--run-id") + 1);
        }
    }

    private static Schedule hourly(int attempts) {
        return new Schedule("bq-us", new CronExpression("0 * * * *", ZoneOffset.UTC), List.of("--source", "sample"),
                "sample", Duration.ofMinutes(10), attempts, Duration.ofMinutes(1));
    }

    @Test
    void eachFireTimeRunsOneWindowFromTheLastSuccessMinusTheOverlap() {
        FakeClock clock = new FakeClock("2026-11-23T10:30:00Z");
        Runs runs = new Runs();
        ScheduleRunner runner = new ScheduleRunner(List.of(hourly(3)), clock, runs,
                key -> Optional.of(Instant.parse("2026-11-23T10:00:00Z")));
        runner.tick();
        assertEquals(0, runs.started.size(), "nothing due before 11:00");
        clock.advance(Duration.ofMinutes(30));
        runner.tick();
        assertEquals("--since 2026-11-23T09:50:00Z --until 2026-11-23T11:00:00Z", runs.window(0));
        clock.advance(Duration.ofHours(1));
        runner.tick();
        assertEquals(1, runs.started.size(), "never two runs of one schedule at once");
        runs.finishLast(0);
        runner.tick();
        assertEquals("--since 2026-11-23T10:50:00Z --until 2026-11-23T12:00:00Z", runs.window(1), "the 12:00 fire, late but once");
    }

    @Test
    void firesMissedWhileDownAreCaughtUpInOrder() {
        FakeClock clock = new FakeClock("2026-11-23T13:05:00Z");
        Runs runs = new Runs();
        ScheduleRunner runner = new ScheduleRunner(List.of(hourly(1)), clock, runs,
                key -> Optional.of(Instant.parse("2026-11-23T10:00:00Z")));
        for (int i = 0; i < 3; i++) {
            runner.tick();
            runs.finishLast(0);
        }
        runner.tick();
        assertEquals(List.of(
                "--since 2026-11-23T09:50:00Z --until 2026-11-23T11:00:00Z",
                "--since 2026-11-23T10:50:00Z --until 2026-11-23T12:00:00Z",
                "--since 2026-11-23T11:50:00Z --until 2026-11-23T13:00:00Z"),
                List.of(runs.window(0), runs.window(1), runs.window(2)));
        assertEquals(3, runs.started.size(), "each window once");
    }

    @Test
    void aFailedWindowIsRetriedWithExponentialBackoffThenGivenUp() {
        FakeClock clock = new FakeClock("2026-11-23T11:00:00Z");
        Runs runs = new Runs();
        ScheduleRunner runner = new ScheduleRunner(List.of(hourly(3)), clock, runs,
                key -> Optional.of(Instant.parse("2026-11-23T10:00:00Z")));
        runner.tick();
        runs.finishLast(1);
        runner.tick();                                  // failure seen: retry in 1 minute
        assertEquals(1, runs.started.size());
        clock.advance(Duration.ofSeconds(59));
        runner.tick();
        assertEquals(1, runs.started.size());
        clock.advance(Duration.ofSeconds(1));
        runner.tick();
        assertEquals(2, runs.started.size());
        assertEquals(runs.window(0), runs.window(1), "the same window again");
        assertEquals("sched-bq-us-2026-11-23T110000Z-a2", runs.runId(1), "a run id per attempt");
        runs.finishLast(1);
        runner.tick();                                  // second failure: retry in 2 minutes
        clock.advance(Duration.ofMinutes(2));
        runner.tick();
        assertEquals(3, runs.started.size());
        runs.finishLast(1);
        runner.tick();                                  // third failure: given up
        List<String> states = runner.history().stream().map(ScheduledRun::state).toList();
        assertEquals(List.of("FAILED", "FAILED", "GAVE_UP"), states);
        clock.advance(Duration.ofHours(1));
        runner.tick();
        assertEquals("--since 2026-11-23T09:50:00Z --until 2026-11-23T12:00:00Z", runs.window(3),
                "the next window starts from the last success, covering the one given up");
    }

    @Test
    void aBackfillIsSplitIntoWindowsRunInOrder() {
        FakeClock clock = new FakeClock("2026-11-23T10:30:00Z");
        Runs runs = new Runs();
        Schedule daily = new Schedule("daily", new CronExpression("0 3 * * *", ZoneOffset.UTC), List.of("--source", "sample"),
                "sample", Duration.ZERO, 1, Duration.ofMinutes(1));
        ScheduleRunner runner = new ScheduleRunner(List.of(daily), clock, runs, key -> Optional.empty());
        assertEquals(3, runner.backfill("daily", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z")));
        for (int i = 0; i < 3; i++) {
            runner.tick();
            runs.finishLast(0);
        }
        assertEquals(List.of("--since 2026-11-01T00:00:00Z --until 2026-11-01T03:00:00Z",
                "--since 2026-11-01T03:00:00Z --until 2026-11-02T03:00:00Z",
                "--since 2026-11-02T03:00:00Z --until 2026-11-03T00:00:00Z"),
                List.of(runs.window(0), runs.window(1), runs.window(2)));
    }
}
