package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.graph.runs.ExtractionRun;
import dev.colineage.graph.runs.ExtractionRunStore;
import dev.colineage.graph.runs.FailedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

class ExtractionRunStoreTest extends GraphTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-03T00:00:00Z");

    private static ExtractionRun run(String id, String status, Instant since, Instant until, String... keys) {
        return new ExtractionRun(id, List.of(keys), Optional.of(since), until, status, until, Optional.of(until.plusSeconds(5)),
                Map.of("rows_read", 10L, "edges", 3L), Optional.empty(), "{}");
    }

    @Test
    void watermarkIsTheEndOfTheNewestSuccessfulWindowPerKey() {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        assertEquals(Optional.empty(), runs.watermark("bigquery:p/us"));
        runs.save(run("r1", ExtractionRun.SUCCEEDED, T0, T1, "bigquery:p/us", "bigquery:q/us"));
        runs.save(run("r2", ExtractionRun.FAILED, T1, T2, "bigquery:p/us"));
        runs.save(run("r3", ExtractionRun.RUNNING, T1, T2, "bigquery:p/us"));
        assertEquals(Optional.of(T1), runs.watermark("bigquery:p/us"), "failed and running runs do not move it");
        runs.save(run("r3", ExtractionRun.SUCCEEDED, T1, T2, "bigquery:p/us"));
        assertEquals(Optional.of(T2), runs.watermark("bigquery:p/us"));
        assertEquals(Optional.of(T1), runs.watermark("bigquery:q/us"));
        assertEquals(Optional.empty(), runs.watermark("jsonl:/x"));
    }

    @Test
    void historyIsNewestFirstWithCounters() {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        runs.save(run("old", ExtractionRun.SUCCEEDED, T0, T1, "sample"));
        runs.save(run("new", ExtractionRun.FAILED, T1, T2, "sample"));
        List<ExtractionRun> history = runs.history(10);
        assertEquals(List.of("new", "old"), history.stream().map(ExtractionRun::runId).toList());
        assertEquals(Map.of("rows_read", 10L, "edges", 3L), history.get(0).counters());
        assertEquals(Optional.of(T1), history.get(0).since());
        assertEquals(1, runs.history(1).size());
    }

    @Test
    void failuresMarkTheQueryAndLinkItToTheRun() {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        runs.save(run("r1", ExtractionRun.SUCCEEDED, T0, T1, "sample"));
        FailedQuery failed = new FailedQuery("fp1", "PARSE_ERROR", List.of("PARSE_ERROR: unexpected token"), "SELEC 1");
        runs.recordFailures("r1", List.of(failed));
        runs.recordFailures("r1", List.of(failed));
        try (Session s = driver().session()) {
            var row = s.run("MATCH (:ExtractionRun {run_id: 'r1'})-[f:FAILED]->(q:Query) "
                    + "RETURN count(f) AS n, q.status AS status, q.problems AS problems, q.sample_sql AS sql").single();
            assertEquals(1, row.get("n").asInt(), "recording twice links once");
            assertEquals("PARSE_ERROR", row.get("status").asString());
            assertEquals(List.of("PARSE_ERROR: unexpected token"), row.get("problems").asList());
            assertEquals("SELEC 1", row.get("sql").asString());
        }
    }

    @Test
    void aQueuedScheduledRunIsTakenOverByItsExtraction() {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        runs.queue("sched-x-a2", List.of("sample"), Optional.of(T0), T1, "x", 2);
        assertEquals(ExtractionRun.QUEUED, runs.history(1).get(0).status());
        runs.save(run("sched-x-a2", ExtractionRun.SUCCEEDED, T0, T1, "sample"));
        try (Session s = driver().session()) {
            var row = s.run("MATCH (r:ExtractionRun {run_id: 'sched-x-a2'}) RETURN r.status AS status, r.schedule AS schedule, "
                    + "r.attempt AS attempt, count(*) AS n").single();
            assertEquals("SUCCEEDED", row.get("status").asString());
            assertEquals("x", row.get("schedule").asString());
            assertEquals(2, row.get("attempt").asInt());
            assertEquals(1, row.get("n").asInt());
        }
        assertEquals(Optional.of(T1), runs.watermark("sample"));
    }

    /** Issue 12: after a kill -9 a run never stays RUNNING; it is ABANDONED with the reason and blocks nothing. */
    @Test
    void runsWhoseProcessDiedOrWhoseLeaseExpiredAreAbandoned() throws Exception {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        runs.save(run("ok", ExtractionRun.SUCCEEDED, T0, T1, "sample"));
        runs.save(run("alive", ExtractionRun.RUNNING, T1, T2, "sample"));
        // a real process, killed the way kill -9 does
        Process victim = new ProcessBuilder("sleep", "60").start();
        long pid = victim.pid();
        victim.destroyForcibly().waitFor();
        runs.save(run("killed", ExtractionRun.RUNNING, T1, T2, "sample"));
        runs.save(run("silent", ExtractionRun.RUNNING, T1, T2, "sample"));
        runs.save(run("legacy", ExtractionRun.RUNNING, T1, T2, "sample"));
        try (var s = driver().session()) {
            s.run("MATCH (r:ExtractionRun {run_id: 'killed'}) SET r.pid = $pid", Map.of("pid", pid)).consume();
            // another machine's run that stopped renewing its lease a minute ago
            s.run("MATCH (r:ExtractionRun {run_id: 'silent'}) SET r.host = 'elsewhere', r.lease_until = datetime() - duration('PT1M')")
                    .consume();
            // written before leases: six hours from its start
            s.run("MATCH (r:ExtractionRun {run_id: 'legacy'}) REMOVE r.host, r.pid, r.lease_until "
                    + "SET r.started_at = datetime() - duration('PT7H')").consume();
        }
        assertEquals(List.of("killed", "legacy", "silent"), runs.reclaimAbandoned().stream().sorted().toList());
        Map<String, ExtractionRun> byId = new java.util.HashMap<>();
        runs.history(10).forEach(r -> byId.put(r.runId(), r));
        assertEquals(ExtractionRun.RUNNING, byId.get("alive").status(), "this process is alive and its lease fresh");
        assertEquals(ExtractionRun.ABANDONED, byId.get("killed").status());
        assertTrue(byId.get("killed").error().orElseThrow().startsWith("abandoned: its process (pid " + pid), byId.get("killed").toString());
        assertTrue(byId.get("silent").error().orElseThrow().startsWith("abandoned: its lease expired at "), byId.get("silent").toString());
        assertTrue(byId.get("killed").finishedAt().isPresent());
        assertEquals(Optional.of(T1), runs.watermark("sample"), "an abandoned window moves no watermark");
        assertEquals(List.of(), runs.reclaimAbandoned(), "reclaiming again changes nothing");
        runs.heartbeat("alive");
        runs.save(run("redo", ExtractionRun.SUCCEEDED, T1, T2, "sample"));
        assertEquals(Optional.of(T2), runs.watermark("sample"), "the next run of the window completes it");
    }
}
