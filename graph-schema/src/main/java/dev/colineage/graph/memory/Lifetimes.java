package dev.colineage.graph.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Each query's lifetime, derived from what the store holds about every query ({@link QueryActivity}):
 * <ul>
 *   <li>a query that replaces its target whole (CREATE OR REPLACE TABLE ... AS, CREATE VIEW, a definition
 *       read from metadata) is superseded when another one replacing the same target runs after it, until
 *       it runs again; it does not age;</li>
 *   <li>a DROP of a table a query reads or writes ends the query there, until it runs again (the table
 *       was created again);</li>
 *   <li>any other writer (INSERT, MERGE, a SELECT with a destination, ...) retires when it has not run for
 *       the activity window, counted back from the newest job the store holds, not from the clock, so that
 *       replaying old logs gives the same lifetimes.</li>
 * </ul>
 * Lifetimes are a function of the stored aggregates only: writing a window twice, or windows in another
 * order, gives the same lifetimes. An edge is current while one of its queries is.
 */
public final class Lifetimes {

    /** {@code COLINEAGE_ACTIVE_DAYS}' default. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    /** Why an interval began. */
    public enum Began {
        /** The query's first run. */
        NEW,
        /** It ran again after it was superseded or its table dropped. */
        RESUMED
    }

    /** Why an interval ended. */
    public enum Ended {
        /** Another query replacing the same target ran after it. */
        SUPERSEDED,
        /** A table it reads or writes was dropped. */
        DROPPED,
        /** It has not run for the activity window. */
        INACTIVE
    }

    /**
     * One stretch of a query's life: from {@code from} until {@code until} (exclusive; empty: still current).
     *
     * @param endedBy the query that superseded it or dropped its table
     */
    public record Interval(Instant from, Optional<Instant> until, Began began, Optional<Ended> ended, Optional<String> endedBy) {
        public Interval {
            Objects.requireNonNull(from, "from is null");
            Objects.requireNonNull(until, "until is null");
            Objects.requireNonNull(began, "began is null");
            Objects.requireNonNull(ended, "ended is null");
            Objects.requireNonNull(endedBy, "endedBy is null");
            if (until.isPresent() != ended.isPresent()) {
                throw new IllegalArgumentException("an end goes with its reason: " + until + " " + ended);
            }
        }

        public boolean holdsAt(Instant at) {
            return !at.isBefore(from) && (until.isEmpty() || at.isBefore(until.get()));
        }

        public boolean open() {
            return until.isEmpty();
        }
    }

    private final Map<String, List<Interval>> byQuery;
    private final Optional<Instant> newestJob;

    private Lifetimes(Map<String, List<Interval>> byQuery, Optional<Instant> newestJob) {
        this.byQuery = byQuery;
        this.newestJob = newestJob;
    }

    public static Lifetimes of(Collection<QueryActivity> queries, Duration window) {
        Objects.requireNonNull(window, "window is null");
        Map<String, List<QueryActivity>> droppers = new HashMap<>();
        Map<String, List<QueryActivity>> replacers = new HashMap<>();
        Optional<Instant> newest = Optional.empty();
        for (QueryActivity q : queries) {
            q.drops().forEach(t -> droppers.computeIfAbsent(t, k -> new ArrayList<>()).add(q));
            if (q.replaces()) {
                q.writes().forEach(t -> replacers.computeIfAbsent(t, k -> new ArrayList<>()).add(q));
            }
            if (q.job() && (newest.isEmpty() || q.lastSeen().isAfter(newest.get()))) {
                newest = Optional.of(q.lastSeen());
            }
        }
        Map<String, List<Interval>> out = new HashMap<>(queries.size() * 2);
        for (QueryActivity q : queries) {
            out.put(q.fingerprint(), intervals(q, ends(q, droppers, replacers), window, newest));
        }
        return new Lifetimes(out, newest);
    }

    /** A moment another query ended this one's life, unless this one ran again after. */
    private record End(Instant at, Ended why, String by) {
    }

    private static List<End> ends(QueryActivity q, Map<String, List<QueryActivity>> droppers, Map<String, List<QueryActivity>> replacers) {
        List<End> ends = new ArrayList<>();
        java.util.Set<String> touched = new java.util.HashSet<>(q.writes());
        touched.addAll(q.reads());
        for (String t : touched) {
            for (QueryActivity d : droppers.getOrDefault(t, List.of())) {
                if (!d.fingerprint().equals(q.fingerprint())) {
                    d.runs().forEach(at -> ends.add(new End(at, Ended.DROPPED, d.fingerprint())));
                }
            }
        }
        if (q.replaces()) {
            for (String t : q.writes()) {
                for (QueryActivity r : replacers.getOrDefault(t, List.of())) {
                    if (!r.fingerprint().equals(q.fingerprint())) {
                        r.runs().forEach(at -> ends.add(new End(at, Ended.SUPERSEDED, r.fingerprint())));
                    }
                }
            }
        }
        // in time order; at one instant a drop before a supersession, then by query (the same order every time)
        ends.sort(Comparator.comparing(End::at).thenComparing(e -> e.why() != Ended.DROPPED).thenComparing(End::by));
        return ends;
    }

    /**
     * When a query that last ran at {@code lastRun} retires for inactivity: the window counts whole UTC days
     * after the day of the last run, plus a day's grace, so that a job running on the first of every month
     * never retires between its runs with the default 30 days (1 October retires on 2 November, 00:00 UTC;
     * the longest month has 31 days).
     */
    static Instant retirement(Instant lastRun, Duration window) {
        Instant dayAfter = lastRun.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return dayAfter.plus(window).plus(GRACE);
    }

    private static final Duration GRACE = Duration.ofDays(1);

    /**
     * The query's runs and the ends others put to it, in time order: a run starts an interval when none is
     * open; an end closes the open one; so does a silence longer than the activity window for a query that
     * does not replace its target (between two runs too: it was inactive, then ran again). At one instant an
     * end comes first, so a query that ran when another replaced its target (or a definition written the
     * moment its job ran) stays current. The window only retires a query once the store holds a job past the
     * retirement: what has not been seen yet cannot have stopped.
     */
    private static List<Interval> intervals(QueryActivity q, List<End> ends, Duration window, Optional<Instant> newest) {
        List<Interval> out = new ArrayList<>();
        Instant openFrom = null;
        Instant lastRun = null;
        Began began = Began.NEW;
        int e = 0;
        List<Instant> runs = q.runs();
        for (int r = 0; r <= runs.size(); r++) {
            boolean after = r == runs.size();
            Instant run = after ? null : runs.get(r);
            while (openFrom != null || (e < ends.size() && (after || !ends.get(e).at().isAfter(run)))) {
                Instant retires = openFrom == null || q.replaces() ? null : retirement(lastRun, window);
                if (retires != null && (after ? newest.isPresent() && !retires.isAfter(newest.get()) : retires.isBefore(run))
                        && (e >= ends.size() || retires.isBefore(ends.get(e).at()))) {
                    out.add(new Interval(openFrom, Optional.of(retires), began, Optional.of(Ended.INACTIVE), Optional.empty()));
                    openFrom = null;
                    began = Began.RESUMED;
                    continue;
                }
                if (e >= ends.size() || (!after && ends.get(e).at().isAfter(run))) {
                    break;
                }
                End end = ends.get(e++);
                if (openFrom != null && end.at().isAfter(openFrom)) {
                    out.add(new Interval(openFrom, Optional.of(end.at()), began, Optional.of(end.why()), Optional.of(end.by())));
                    openFrom = null;
                    began = Began.RESUMED;
                }
            }
            if (!after) {
                if (openFrom == null) {
                    openFrom = run;
                }
                lastRun = run;
            }
        }
        if (openFrom != null) {
            out.add(new Interval(openFrom, Optional.empty(), began, Optional.empty(), Optional.empty()));
        }
        return List.copyOf(out);
    }

    /** The query's intervals, oldest first; empty for a query the store holds nothing about. */
    public List<Interval> of(String fingerprint) {
        return byQuery.getOrDefault(fingerprint, List.of());
    }

    /** Whether the query is current; a query the store holds nothing about is (nothing says it ended). */
    public boolean current(String fingerprint) {
        List<Interval> intervals = byQuery.get(fingerprint);
        return intervals == null || intervals.get(intervals.size() - 1).open();
    }

    /** The newest job the store holds: what the activity window counts back from. */
    public Optional<Instant> newestJob() {
        return newestJob;
    }
}
