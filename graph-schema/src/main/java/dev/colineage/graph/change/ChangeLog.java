package dev.colineage.graph.change;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lineage that became current or retired in an interval, grouped by the table the edges lead into.
 *
 * @param until     exclusive; empty: up to the newest job seen
 * @param truncated more changes exist than {@code limit}; the summary counts them all
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChangeLog(Instant since, Optional<Instant> until, Optional<String> table, Summary summary, List<TableChanges> tables,
                        boolean truncated) {

    /** How many changes the interval holds, by kind. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(int changes, int becameCurrent, int retired, int newQuery, int resumed, int superseded, int dropped,
                          int inactive) {
        public static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0, 0, 0);

        /** This summary counting one more change. */
        Summary plus(LineageChange c) {
            boolean current = c.change() == LineageChange.Change.BECAME_CURRENT;
            LineageChange.Reason r = c.reason();
            return new Summary(changes + 1, becameCurrent + (current ? 1 : 0), retired + (current ? 0 : 1),
                    newQuery + (r == LineageChange.Reason.NEW_QUERY ? 1 : 0), resumed + (r == LineageChange.Reason.RESUMED ? 1 : 0),
                    superseded + (r == LineageChange.Reason.SUPERSEDED ? 1 : 0), dropped + (r == LineageChange.Reason.DROPPED ? 1 : 0),
                    inactive + (r == LineageChange.Reason.INACTIVE ? 1 : 0));
        }
    }

    /** The changes of the edges into one table, in time order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TableChanges(String table, List<LineageChange> changes) {
        public TableChanges {
            Objects.requireNonNull(table, "table is null");
            changes = List.copyOf(Objects.requireNonNull(changes, "changes is null"));
        }
    }

    public ChangeLog {
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(summary, "summary is null");
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }
}
