package dev.colineage.graph.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a query's lifetime is derived from (see {@link Lifetimes}): when it ran, whether it replaces its
 * targets whole, and the tables it writes, reads and drops. All of it is stored as order-independent
 * aggregates (first run the min, last run the max, run days a union), so lifetimes derived from it are the
 * same whatever order the windows were written in.
 *
 * @param runs the known runs, in order: the first, the start of each run day in between, the last
 */
public record QueryActivity(String fingerprint, String statementType, boolean replaces, boolean job, Instant firstSeen, Instant lastSeen,
                            List<Instant> runs, Set<String> writes, Set<String> reads, Set<String> drops) {

    /**
     * Statements that define their target whole: what ran before is replaced, not added to. A view or table
     * definition read from the warehouse's metadata is one too.
     */
    private static final Set<String> REPLACING = Set.of("CREATE_TABLE_AS_SELECT", "CREATE_VIEW", "CREATE_MATERIALIZED_VIEW",
            "CREATE_SNAPSHOT_TABLE");

    public QueryActivity {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(statementType, "statementType is null");
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        runs = List.copyOf(Objects.requireNonNull(runs, "runs is null"));
        writes = Set.copyOf(Objects.requireNonNull(writes, "writes is null"));
        reads = Set.copyOf(Objects.requireNonNull(reads, "reads is null"));
        drops = Set.copyOf(Objects.requireNonNull(drops, "drops is null"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a query with no run: " + fingerprint);
        }
    }

    /**
     * A query as stored: {@code kind} JOB or DEFINITION, run days as {@code YYYY-MM-DD=N}.
     */
    public static QueryActivity of(String fingerprint, String statementType, String kind, Instant firstSeen, Instant lastSeen,
                                   List<String> runDays, Set<String> writes, Set<String> reads, Set<String> drops) {
        boolean definition = "DEFINITION".equals(kind);
        Instant last = lastSeen.isBefore(firstSeen) ? firstSeen : lastSeen;
        return new QueryActivity(fingerprint, statementType, definition || REPLACING.contains(statementType), !definition, firstSeen,
                last, runs(firstSeen, last, runDays), writes, reads, drops);
    }

    /** First and last run, and between them each run day's start (the log keeps runs per day, not each run). */
    private static List<Instant> runs(Instant first, Instant last, List<String> runDays) {
        LocalDate firstDay = first.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate lastDay = last.atZone(ZoneOffset.UTC).toLocalDate();
        List<Instant> out = new ArrayList<>();
        out.add(first);
        runDays.stream().map(d -> LocalDate.parse(d.substring(0, d.indexOf('=') < 0 ? d.length() : d.indexOf('='))))
                .filter(d -> d.isAfter(firstDay) && d.isBefore(lastDay)).sorted().distinct()
                .forEach(d -> out.add(d.atStartOfDay(ZoneOffset.UTC).toInstant()));
        if (last.isAfter(first)) {
            out.add(last);
        }
        return out;
    }
}
