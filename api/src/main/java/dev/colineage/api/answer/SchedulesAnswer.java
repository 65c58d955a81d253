package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.api.schedule.Schedule;
import dev.colineage.api.schedule.ScheduledRun;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Whether the server runs schedules, which, and the windows they ran (newest first). */
public record SchedulesAnswer(boolean enabled, List<ScheduleView> schedules, List<RunView> history) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduleView(String name, String cron, String sourceKey, List<String> arguments, long overlapMinutes, int maxAttempts) {
        public ScheduleView {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(cron, "cron is null");
            Objects.requireNonNull(sourceKey, "sourceKey is null");
            arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments is null"));
        }

        public static ScheduleView of(Schedule s) {
            return new ScheduleView(s.name(), s.cron().toString(), s.sourceKey(), s.extractArguments(), s.overlap().toMinutes(),
                    s.maxAttempts());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunView(String schedule, Optional<String> since, String until, int attempt, String state, String startedAt,
                          Optional<String> finishedAt, Optional<Integer> exitCode) {
        public RunView {
            Objects.requireNonNull(schedule, "schedule is null");
            Objects.requireNonNull(since, "since is null");
            Objects.requireNonNull(until, "until is null");
            Objects.requireNonNull(state, "state is null");
            Objects.requireNonNull(startedAt, "startedAt is null");
            Objects.requireNonNull(finishedAt, "finishedAt is null");
            Objects.requireNonNull(exitCode, "exitCode is null");
        }

        public static RunView of(ScheduledRun r) {
            return new RunView(r.schedule(), r.since().map(Instant::toString), r.until().toString(), r.attempt(), r.state(),
                    r.startedAt().toString(), r.finishedAt().map(Instant::toString), r.exitCode());
        }
    }

    /** A backfill request accepted: how many windows of the schedule were queued. */
    public record Backfill(String schedule, int windows) {
        public Backfill {
            Objects.requireNonNull(schedule, "schedule is null");
        }
    }

    public SchedulesAnswer {
        schedules = List.copyOf(Objects.requireNonNull(schedules, "schedules is null"));
        history = List.copyOf(Objects.requireNonNull(history, "history is null"));
    }
}
