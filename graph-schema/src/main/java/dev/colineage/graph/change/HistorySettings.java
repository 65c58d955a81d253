package dev.colineage.graph.change;

import dev.colineage.graph.memory.Lifetimes;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lineage over time, as the environment sets it for every command (serve, extract, demo, lineage, changes).
 *
 * @param activeWindow {@code COLINEAGE_ACTIVE_DAYS} (default 30): a query that does not replace its target
 *                     retires when it has not run for this long, counted from the newest job seen
 * @param retention    {@code COLINEAGE_HISTORY_DAYS}: lineage retired longer ago than this (counted from the
 *                     newest job) is deleted from the graph by the next extraction run; empty (the default)
 *                     keeps it all
 */
public record HistorySettings(Duration activeWindow, Optional<Duration> retention) {

    public static final HistorySettings DEFAULT = new HistorySettings(Lifetimes.DEFAULT_WINDOW, Optional.empty());

    public HistorySettings {
        Objects.requireNonNull(activeWindow, "activeWindow is null");
        Objects.requireNonNull(retention, "retention is null");
        if (activeWindow.toDays() < 1) {
            throw new IllegalArgumentException("the activity window is at least one day: " + activeWindow);
        }
        if (retention.isPresent() && retention.get().toDays() < 1) {
            throw new IllegalArgumentException("the history kept is at least one day: " + retention.get());
        }
    }

    /** {@code COLINEAGE_ACTIVE_DAYS} and {@code COLINEAGE_HISTORY_DAYS} from the environment; unset or blank: the defaults. */
    public static HistorySettings fromEnvironment(Map<String, String> env) {
        return of(env.get("COLINEAGE_ACTIVE_DAYS"), env.get("COLINEAGE_HISTORY_DAYS"));
    }

    /** Whole days; blank or null: the defaults. Refused by the variable's name when not a number of days. */
    public static HistorySettings of(String activeDays, String historyDays) {
        Duration active = days("COLINEAGE_ACTIVE_DAYS", activeDays).orElse(DEFAULT.activeWindow());
        return new HistorySettings(active, days("COLINEAGE_HISTORY_DAYS", historyDays));
    }

    private static Optional<Duration> days(String variable, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " is a number of days, not '" + value + "'");
        }
        if (n < 1 || n > 36_500) {
            throw new IllegalArgumentException(variable + " is a number of days from 1 to 36500, not " + n);
        }
        return Optional.of(Duration.ofDays(n));
    }
}
