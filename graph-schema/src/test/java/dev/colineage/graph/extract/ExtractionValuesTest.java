package dev.colineage.graph.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small values that travel between Spark tasks. */
class ExtractionValuesTest {

    private static JobRun run(String jobId, String created, String user) {
        return new JobRun("fp", jobId, "p", "SELECT 1", "SELECT", "p.mart.t", List.of("p.raw.s"), "", Instant.parse(created), user);
    }

    @Test
    void distinctQueryMergeIsOrderFreeAndCountsEachJobOnce() {
        DistinctQuery a = DistinctQuery.of(run("j1", "2026-11-01T01:00:00Z", "u1"));
        DistinctQuery b = DistinctQuery.of(run("j2", "2026-11-01T05:00:00Z", "u2"));
        DistinctQuery c = DistinctQuery.of(run("j3", "2026-11-02T01:00:00Z", ""));
        DistinctQuery again = DistinctQuery.of(run("j1", "2026-11-01T01:00:00Z", "u1"));
        DistinctQuery left = a.merge(b).merge(c).merge(again);
        DistinctQuery right = again.merge(c.merge(b)).merge(a);
        for (DistinctQuery q : List.of(left, right)) {
            assertEquals(Map.of(LocalDate.parse("2026-11-01"), 2, LocalDate.parse("2026-11-02"), 1), q.runsByDay());
            assertEquals(3, q.runs());
            assertEquals(Set.of("u1", "u2"), q.users());
            assertEquals("j3", q.latest().jobId());
            assertEquals(Instant.parse("2026-11-01T01:00:00Z"), q.firstSeen());
        }
        JobRun other = new JobRun("fp2", "j9", "p", "SELECT 2", "SELECT", "", List.of(), "", Instant.EPOCH, "");
        assertThrows(IllegalArgumentException.class, () -> a.merge(DistinctQuery.of(other)));
    }

    @Test
    void sessionQueriesShareAnAnalysisUnit() {
        JobRun inSession = new JobRun("fp", "j", "p", "SELECT 1", "SELECT", "", List.of(), "s1", Instant.EPOCH, "");
        assertEquals("session:s1", DistinctQuery.of(inSession).analysisUnit());
        assertEquals("query:fp", DistinctQuery.of(run("j", "2026-11-01T00:00:00Z", "")).analysisUnit());
    }

    @Test
    void creationTimesInTheFormsJobsExportsUse() {
        Instant t = Instant.parse("2026-11-20T03:00:00.123Z");
        assertEquals(Optional.of(t), CreationTime.parse("2026-11-20T03:00:00.123Z"));
        assertEquals(Optional.of(t), CreationTime.parse("2026-11-20 03:00:00.123 UTC"));
        assertEquals(Optional.of(t), CreationTime.parse("2026-11-20 03:00:00.123000+00"));
        assertEquals(Optional.of(t), CreationTime.parse("1.795143600123E9"));
        assertEquals(Optional.empty(), CreationTime.parse("yesterday"));
        assertEquals(Optional.empty(), CreationTime.parse(""));
        // outside BigQuery's TIMESTAMP range: no job's time (a run must be storable as 0001..9999)
        assertEquals(Optional.empty(), CreationTime.parse("+10000-01-01T00:00:00Z"));
        assertEquals(Optional.empty(), CreationTime.parse("-0001-12-31T00:00:00Z"));
        assertEquals(Optional.empty(), CreationTime.parse("1e15"));
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59Z")), CreationTime.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void windowIsHalfOpenAndSurvivesJavaSerialization() throws Exception {
        JobWindow w = new JobWindow(Optional.of(Instant.parse("2026-11-01T00:00:00Z")), Instant.parse("2026-11-02T00:00:00Z"));
        assertEquals(true, w.contains(Instant.parse("2026-11-01T00:00:00Z")));
        assertEquals(false, w.contains(Instant.parse("2026-11-02T00:00:00Z")));
        assertEquals(w, roundTrip(w));
        JobWindow open = new JobWindow(Optional.empty(), Instant.parse("2026-11-02T00:00:00Z"));
        assertEquals(open, roundTrip(open));
        assertThrows(IllegalArgumentException.class, () -> new JobWindow(Optional.of(w.until()), w.until()));
    }

    @Test
    void jobRunKeepsDomainScopedProjects() {
        JobRun r = new JobRun("fp", "j", "example.com:p", "SELECT 1", "SELECT", "example.com:p.mart.t",
                List.of("example.com:p.raw.s"), "", Instant.EPOCH, "");
        assertEquals("example.com:p", r.toJobRecord().destination().orElseThrow().project());
        assertEquals("raw", r.toJobRecord().referencedTables().get(0).dataset());
    }

    private static Object roundTrip(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
