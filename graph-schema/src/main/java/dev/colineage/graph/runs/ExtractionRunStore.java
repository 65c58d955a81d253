package dev.colineage.graph.runs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Run history in the graph: {@code (:ExtractionRun)} nodes, the {@code FAILED} links from a run to the
 * queries it did not understand, and the watermark an incremental run starts from (the end of the
 * newest successful window per source key).
 */
public final class ExtractionRunStore {

    private static final String SAVE = """
            MERGE (r:ExtractionRun {run_id: $run.run_id})
            SET r += $run
            """;
    private static final String FAILURES = """
            MATCH (r:ExtractionRun {run_id: $runId})
            UNWIND $rows AS f
            MERGE (q:Query {fingerprint: f.fingerprint})
            ON CREATE SET q.sample_sql = f.sample_sql, q.run_days = [], q.run_count = 0, q.users = []
            SET q.status = f.status, q.problems = f.problems
            MERGE (r)-[:FAILED]->(q)
            """;
    private static final String WATERMARK = """
            MATCH (r:ExtractionRun {status: 'SUCCEEDED'})
            WHERE $key IN r.source_keys
            RETURN max(r.until) AS until
            """;
    private static final String HEARTBEAT = """
            MATCH (r:ExtractionRun {run_id: $runId, status: 'RUNNING'})
            SET r.lease_until = $leaseUntil, r.heartbeat_at = $now
            """;
    /** Running runs, with their lease (runs written before leases existed get six hours from their start). */
    private static final String RUNNING_RUNS = """
            MATCH (r:ExtractionRun {status: 'RUNNING'})
            RETURN r.run_id AS id, coalesce(r.lease_until, r.started_at + duration('PT6H')) AS lease,
                   r.host AS host, r.pid AS pid
            """;
    private static final String ABANDON = """
            MATCH (r:ExtractionRun {run_id: $runId, status: 'RUNNING'})
            SET r.status = 'ABANDONED', r.finished_at = $now, r.error = $reason
            """;
    private static final String HISTORY = """
            MATCH (r:ExtractionRun)
            RETURN r ORDER BY r.started_at DESC LIMIT $limit
            """;

    /** This machine's name, to tell a dead local process from a run on another machine. */
    private static final String HOST = hostName();

    private final Driver driver;

    public ExtractionRunStore(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
    }

    /** How long a running run's lease lasts; its process renews it every third of that. */
    public static final java.time.Duration LEASE = java.time.Duration.ofMinutes(2);

    /** Creates or replaces the run's node; call at start (RUNNING: with a lease, this host and process) and at the end. */
    public void save(ExtractionRun run) {
        Map<String, Object> props = new HashMap<>();
        if (run.status().equals(ExtractionRun.RUNNING)) {
            props.put("lease_until", utc(Instant.now().plus(LEASE)));
            props.put("host", HOST);
            props.put("pid", ProcessHandle.current().pid());
        }
        props.put("run_id", run.runId());
        props.put("source_keys", run.sourceKeys());
        props.put("since", run.since().map(ExtractionRunStore::utc).orElse(null));
        props.put("until", utc(run.until()));
        props.put("status", run.status());
        props.put("started_at", utc(run.startedAt()));
        props.put("finished_at", run.finishedAt().map(ExtractionRunStore::utc).orElse(null));
        run.counters().forEach(props::put);
        props.put("error", run.error().orElse(null));
        props.put("report", run.reportJson());
        try (Session s = driver.session()) {
            s.executeWrite(tx -> tx.run(SAVE, Map.of("run", props)).consume());
        }
    }

    /**
     * A scheduled window waiting for its process: the run's node in state QUEUED with the schedule and the
     * attempt; the extraction, started with this run id, takes the node over (RUNNING, then its outcome).
     */
    public void queue(String runId, List<String> sourceKeys, Optional<Instant> since, Instant until, String schedule,
                      int attempt) {
        Map<String, Object> props = new HashMap<>();
        props.put("run_id", runId);
        props.put("source_keys", sourceKeys);
        props.put("since", since.map(ExtractionRunStore::utc).orElse(null));
        props.put("until", utc(until));
        props.put("status", ExtractionRun.QUEUED);
        props.put("started_at", utc(Instant.now()));
        props.put("schedule", schedule);
        props.put("attempt", (long) attempt);
        props.put("report", "{}");
        try (Session s = driver.session()) {
            s.executeWrite(tx -> tx.run(SAVE, Map.of("run", props)).consume());
        }
    }

    /** Renews a running run's lease: the process behind it is alive. */
    public void heartbeat(String runId) {
        Instant now = Instant.now();
        try (Session s = driver.session()) {
            s.executeWrite(tx -> tx.run(HEARTBEAT, Map.of("runId", runId, "now", utc(now), "leaseUntil", utc(now.plus(LEASE))))
                    .consume());
        }
    }

    /**
     * Marks ABANDONED, with the reason, every RUNNING run whose process on this host is gone or whose
     * lease expired (a kill -9, a lost machine); returns their ids. An abandoned run never moves a
     * watermark, so re-running its window (the next scheduled or manual run does) completes it.
     */
    public List<String> reclaimAbandoned() {
        Instant now = Instant.now();
        List<String> reclaimed = new ArrayList<>();
        try (Session s = driver.session()) {
            for (Record r : s.executeRead(tx -> tx.run(RUNNING_RUNS).list())) {
                String reason = null;
                Instant lease = r.get("lease").asZonedDateTime().toInstant();
                boolean here = !r.get("host").isNull() && r.get("host").asString().equals(HOST) && !r.get("pid").isNull();
                if (here && !ProcessHandle.of(r.get("pid").asLong()).map(ProcessHandle::isAlive).orElse(false)) {
                    reason = "its process (pid " + r.get("pid").asLong() + " on " + HOST + ") is gone";
                } else if (lease.isBefore(now)) {
                    reason = "its lease expired at " + lease + " (no heartbeat from its process)";
                }
                if (reason != null) {
                    String id = r.get("id").asString();
                    String why = "abandoned: " + reason + "; re-running the window completes it";
                    s.executeWrite(tx -> tx.run(ABANDON, Map.of("runId", id, "now", utc(now), "reason", why)).consume());
                    reclaimed.add(id);
                }
            }
        }
        return reclaimed;
    }

    /** Marks each query's status and problems and links it to the run, in batches. */
    public void recordFailures(String runId, List<FailedQuery> failures) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FailedQuery f : failures) {
            rows.add(Map.of("fingerprint", f.fingerprint(), "status", f.status(), "problems", f.problems(),
                    "sample_sql", f.sampleSql()));
        }
        for (int from = 0; from < rows.size(); from += 1_000) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + 1_000));
            try (Session s = driver.session()) {
                s.executeWrite(tx -> tx.run(FAILURES, Map.of("runId", runId, "rows", batch)).consume());
            }
        }
    }

    /** Where the next incremental run for {@code sourceKey} starts: the newest successful run's window end. */
    public Optional<Instant> watermark(String sourceKey) {
        try (Session s = driver.session()) {
            Value v = s.executeRead(tx -> tx.run(WATERMARK, Map.of("key", sourceKey)).single().get("until"));
            return v.isNull() ? Optional.empty() : Optional.of(v.asZonedDateTime().toInstant());
        }
    }

    /** The newest runs first. */
    public List<ExtractionRun> history(int limit) {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run(HISTORY, Map.of("limit", limit)).list(ExtractionRunStore::run));
        }
    }

    private static ExtractionRun run(Record record) {
        Value r = record.get("r");
        Map<String, Long> counters = new HashMap<>();
        for (String key : r.keys()) {
            if (!key.equals("pid") && r.get(key).hasType(org.neo4j.driver.types.TypeSystem.getDefault().INTEGER())) {
                counters.put(key, r.get(key).asLong());
            }
        }
        return new ExtractionRun(r.get("run_id").asString(), r.get("source_keys").asList(Value::asString),
                instant(r.get("since")), r.get("until").asZonedDateTime().toInstant(), r.get("status").asString(),
                r.get("started_at").asZonedDateTime().toInstant(), instant(r.get("finished_at")), counters,
                r.get("error").isNull() ? Optional.empty() : Optional.of(r.get("error").asString()),
                r.get("report").asString(""));
    }

    private static Optional<Instant> instant(Value v) {
        return v.isNull() ? Optional.empty() : Optional.of(v.asZonedDateTime().toInstant());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }
}
