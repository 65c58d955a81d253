package dev.colineage.graph.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.graph.memory.Lifetimes.Began;
import dev.colineage.graph.memory.Lifetimes.Ended;
import dev.colineage.graph.memory.Lifetimes.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Query lifetimes from the stored aggregates: supersession of full-replacement writers, a drop and the
 * table created again, retirement after the activity window counted from the newest job, and the same
 * lifetimes whatever order the queries come in.
 */
class LifetimesTest {

    private static Instant at(String day, int hour) {
        return Instant.parse(day + "T" + (hour < 10 ? "0" : "") + hour + ":00:00Z");
    }

    private static QueryActivity query(String fp, String type, Instant first, Instant last, List<String> days, Set<String> writes,
                                       Set<String> reads, Set<String> drops) {
        return QueryActivity.of(fp, type, "JOB", first, last, days, writes, reads, drops);
    }

    private static Interval closed(Instant from, Instant until, Began began, Ended why, String by) {
        return new Interval(from, Optional.of(until), began, Optional.of(why), Optional.ofNullable(by));
    }

    private static Interval open(Instant from, Began began) {
        return new Interval(from, Optional.empty(), began, Optional.empty(), Optional.empty());
    }

    private static List<QueryActivity> warehouse() {
        return List.of(
                // a view defined on the 1st, redefined on the 15th
                query("v1", "CREATE_VIEW", at("2026-10-01", 9), at("2026-10-01", 9), List.of("2026-10-01=1"), Set.of("p.d.v"),
                        Set.of("p.d.a"), Set.of()),
                query("v2", "CREATE_VIEW", at("2026-10-15", 9), at("2026-10-15", 9), List.of("2026-10-15=1"), Set.of("p.d.v"),
                        Set.of("p.d.a"), Set.of()),
                // t created on the 3rd, dropped on the 10th, created again on the 20th by the same query
                query("c", "CREATE_TABLE_AS_SELECT", at("2026-10-03", 6), at("2026-10-20", 6),
                        List.of("2026-10-03=1", "2026-10-20=1"), Set.of("p.d.t"), Set.of("p.d.a"), Set.of()),
                query("drop", "DROP_TABLE", at("2026-10-10", 12), at("2026-10-10", 12), List.of("2026-10-10=1"), Set.of(), Set.of(),
                        Set.of("p.d.t")),
                // a daily reader of t: it fails while t is gone; its next run day after the drop resumes it
                query("r", "INSERT", at("2026-10-03", 7), at("2026-11-28", 7), days("2026-10-", 3, 9, "2026-10-12", "2026-11-28"),
                        Set.of("p.d.u"), Set.of("p.d.t"), Set.of()),
                // a pipeline that stops mid-October, and a job that runs on the first of each month
                query("stopped", "INSERT", at("2026-09-01", 3), at("2026-10-15", 3), days("2026-09-", 1, 30, days("2026-10-", 1, 15)),
                        Set.of("p.d.w"), Set.of("p.d.a"), Set.of()),
                query("monthly", "INSERT", at("2026-10-01", 2), at("2026-11-01", 2), List.of("2026-10-01=1", "2026-11-01=1"),
                        Set.of("p.d.m"), Set.of("p.d.a"), Set.of()));
    }

    private static List<String> days(String month, int from, int to, String... more) {
        return days(month, from, to, List.of(more));
    }

    private static List<String> days(String month, int from, int to, List<String> more) {
        List<String> out = new ArrayList<>();
        for (int d = from; d <= to; d++) {
            out.add(month + (d < 10 ? "0" : "") + d + "=1");
        }
        out.addAll(more);
        return out;
    }

    @Test
    void eachRuleGivesItsLifetime() {
        Lifetimes l = Lifetimes.of(warehouse(), Duration.ofDays(30));
        assertEquals(Optional.of(at("2026-11-28", 7)), l.newestJob());
        assertEquals(List.of(closed(at("2026-10-01", 9), at("2026-10-15", 9), Began.NEW, Ended.SUPERSEDED, "v2")), l.of("v1"));
        assertEquals(List.of(open(at("2026-10-15", 9), Began.NEW)), l.of("v2"));
        assertEquals(List.of(closed(at("2026-10-03", 6), at("2026-10-10", 12), Began.NEW, Ended.DROPPED, "drop"),
                open(at("2026-10-20", 6), Began.RESUMED)), l.of("c"));
        assertEquals(List.of(closed(at("2026-10-03", 7), at("2026-10-10", 12), Began.NEW, Ended.DROPPED, "drop"),
                // silent from 12 October to 28 November: inactive after 30 whole days and a day's grace, then back
                closed(at("2026-10-12", 0), at("2026-11-13", 0), Began.RESUMED, Ended.INACTIVE, null),
                open(at("2026-11-28", 7), Began.RESUMED)), l.of("r"));
        assertEquals(List.of(closed(at("2026-09-01", 3), at("2026-11-16", 0), Began.NEW, Ended.INACTIVE, null)), l.of("stopped"),
                "last ran on 15 October: 30 whole days after it and a day's grace");
        assertEquals(List.of(open(at("2026-10-01", 2), Began.NEW)), l.of("monthly"),
                "a job on the first of each month never retires between its runs");
        assertEquals(at("2026-11-02", 0), Lifetimes.retirement(at("2026-10-01", 2), Duration.ofDays(30)));
        assertFalse(l.current("v1"));
        assertTrue(l.current("v2"));
        assertTrue(l.current("unknown"), "nothing says a query the store does not hold has ended");
        assertTrue(l.of("v1").get(0).holdsAt(at("2026-10-14", 0)));
        assertFalse(l.of("v1").get(0).holdsAt(at("2026-10-15", 9)), "an interval ends exclusively");
    }

    @Test
    void aShorterWindowRetiresSooner() {
        Lifetimes l = Lifetimes.of(warehouse(), Duration.ofDays(7));
        assertEquals(List.of(closed(at("2026-10-01", 2), at("2026-10-10", 0), Began.NEW, Ended.INACTIVE, null),
                closed(at("2026-11-01", 2), at("2026-11-10", 0), Began.RESUMED, Ended.INACTIVE, null)), l.of("monthly"),
                "with 7 days a monthly job is inactive between its runs");
        assertEquals(List.of(open(at("2026-10-15", 9), Began.NEW)), l.of("v2"), "a definition does not age");
    }

    @Test
    void theOrderOfTheQueriesDoesNotMatter() {
        Lifetimes expected = Lifetimes.of(warehouse(), Duration.ofDays(30));
        Random random = new Random(11);
        for (int i = 0; i < 20; i++) {
            List<QueryActivity> shuffled = new ArrayList<>(warehouse());
            Collections.shuffle(shuffled, random);
            Lifetimes actual = Lifetimes.of(shuffled, Duration.ofDays(30));
            for (QueryActivity q : warehouse()) {
                assertEquals(expected.of(q.fingerprint()), actual.of(q.fingerprint()), q.fingerprint());
            }
        }
    }
}
