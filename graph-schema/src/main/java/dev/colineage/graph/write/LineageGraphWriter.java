package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;

/**
 * Writes query lineage into the graph, idempotently: nodes first (tables, columns, queries), then
 * relationships, each kind in sorted batches of parameterised {@code UNWIND ... MERGE}. Writing the
 * same records twice leaves the graph as it was: first/last seen are min/max, fingerprints and users
 * are set unions, per-day run counts take the max. Transient errors are retried by the driver's managed
 * transactions (exponential backoff); if the graph stays unreachable a {@link GraphUnavailableException}
 * says so, and writing again later completes the work.
 */
public final class LineageGraphWriter {

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /**
     * Concurrent write sessions. Measured on 2 cores: 4 sessions write new nodes ~2x faster than 1, but
     * an incremental batch of relationships on hot nodes was slower (2.7k vs 3.5k edges/s end to end),
     * so one session by default; raise it on bigger machines.
     */
    public static final int DEFAULT_PARALLELISM = 1;

    private static final String TABLES = """
            UNWIND $rows AS r
            MERGE (t:Table {fqn: r.fqn})
            ON CREATE SET t.project = r.project, t.dataset = r.dataset, t.name = r.name,
                          t.search_name = r.search, t.kind = r.kind
            SET t.kind = CASE WHEN t.kind = 'TABLE' THEN r.kind ELSE t.kind END
            """;
    private static final String COLUMNS = """
            UNWIND $rows AS r
            MATCH (t:Table {fqn: r.table})
            MERGE (c:Column {fqn: r.fqn})
            ON CREATE SET c.name = r.name, c.path = r.path, c.table_fqn = r.table, c.search_name = r.search
            // stamped when new, and when it learns a policy tag: the read model's PII answers follow it
            SET c.seq = CASE WHEN c.seq IS NULL OR coalesce(r.policy_tag <> coalesce(c.policy_tag, ''), false)
                             THEN $seq ELSE c.seq END
            SET c.type = coalesce(r.type, c.type), c.policy_tag = coalesce(r.policy_tag, c.policy_tag)
            MERGE (t)-[:HAS_COLUMN]->(c)
            """;
    /**
     * How an edge's counters merge, the same for FEEDS and INFLUENCES: first/last seen are min/max, the
     * job of the latest run wins (equal times: the greater job id, so that write order never matters), fingerprints are a set union and query_count its size.
     */
    static final String EDGE_COUNTERS = """
            ON CREATE SET f.first_seen = r.first_seen, f.last_seen = r.last_seen, f.last_job_id = r.last_job_id,
                          f.fingerprints = r.fingerprints
            ON MATCH SET f.first_seen = CASE WHEN r.first_seen < f.first_seen THEN r.first_seen ELSE f.first_seen END,
                         f.last_job_id = CASE WHEN r.last_seen > f.last_seen
                                                   OR (r.last_seen = f.last_seen AND r.last_job_id > f.last_job_id)
                                              THEN r.last_job_id ELSE f.last_job_id END,
                         f.last_seen = CASE WHEN r.last_seen > f.last_seen THEN r.last_seen ELSE f.last_seen END,
                         f.fingerprints = f.fingerprints + [x IN r.fingerprints WHERE NOT x IN f.fingerprints]
            SET f.query_count = size(f.fingerprints), f.seq = $seq
            """;
    private static final String FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Column {fqn: r.target})
            MERGE (s)-[f:FEEDS {type: r.type, subtype: r.subtype, masking: r.masking}]->(t)
            """ + EDGE_COUNTERS;
    private static final String INFLUENCES = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:INFLUENCES {subtype: r.subtype, masking: r.masking}]->(t)
            """ + EDGE_COUNTERS + """
            SET f.type = 'INDIRECT'
            """;
    /** How a table-level edge merges: direct if any write was, last seen the max. */
    static final String TABLE_FEED_COUNTERS = """
            ON CREATE SET f.direct = r.direct, f.last_seen = r.last_seen
            ON MATCH SET f.direct = f.direct OR r.direct,
                         f.last_seen = CASE WHEN r.last_seen > f.last_seen THEN r.last_seen ELSE f.last_seen END
            """;
    private static final String TABLE_FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Table {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:FEEDS_TABLE]->(t)
            """ + TABLE_FEED_COUNTERS;
    private static final String QUERIES = """
            UNWIND $rows AS r
            MERGE (q:Query {fingerprint: r.fingerprint})
            ON CREATE SET q.sample_sql = r.sample_sql, q.statement_type = r.statement_type, q.kind = r.kind,
                          q.first_seen = r.first_seen, q.last_seen = r.last_seen, q.last_job_id = r.last_job_id,
                          q.users = r.users, q.run_days = []
            ON MATCH SET q.first_seen = CASE WHEN r.first_seen < q.first_seen THEN r.first_seen ELSE q.first_seen END,
                         q.last_job_id = CASE WHEN r.last_seen > q.last_seen THEN r.last_job_id ELSE q.last_job_id END,
                         q.sample_sql = CASE WHEN r.last_seen > q.last_seen THEN r.sample_sql ELSE q.sample_sql END,
                         q.kind = CASE WHEN r.last_seen > q.last_seen OR q.kind IS NULL THEN r.kind ELSE q.kind END,
                         q.last_seen = CASE WHEN r.last_seen > q.last_seen THEN r.last_seen ELSE q.last_seen END,
                         q.users = q.users + [u IN r.users WHERE NOT u IN q.users]
            WITH q, r
            SET q.run_days = [d IN q.run_days WHERE NOT split(d, '=')[0] IN r.days]
                + [i IN range(0, size(r.days) - 1) | r.days[i] + '=' + toString(reduce(m = r.counts[i], d IN q.run_days |
                    CASE WHEN split(d, '=')[0] = r.days[i] AND toInteger(split(d, '=')[1]) > m
                         THEN toInteger(split(d, '=')[1]) ELSE m END))]
            SET q.run_count = reduce(s = 0, d IN q.run_days | s + toInteger(split(d, '=')[1])), q.seq = $seq
            WITH q, r
            UNWIND r.reads AS readFqn
            MATCH (t:Table {fqn: readFqn})
            MERGE (q)-[:READS]->(t)
            """;
    /**
     * A query's runs of a day merged as a set (a day's list stays small: even a query every minute runs 1,440
     * times): the OpenLineage export gives one event per run.
     */
    private static final String RUN_DAYS = """
            UNWIND $rows AS r
            MERGE (d:RunDay {key: r.key})
            ON CREATE SET d.fingerprint = r.fingerprint, d.day = r.day, d.runs = r.runs
            ON MATCH SET d.runs = d.runs + [x IN r.runs WHERE NOT x IN d.runs]
            """;
    /**
     * The tables a query writes and drops (the read model ends the lineage into and out of a dropped table
     * when the drop ran).
     */
    private static final String QUERY_WRITES = """
            UNWIND $rows AS r
            MATCH (q:Query {fingerprint: r.fingerprint})
            // stamped again: the read model reads a query's tables with it, whichever transaction it sees
            SET q.seq = $seq
            WITH q, r
            CALL (q, r) {
              UNWIND r.writes AS written
              MATCH (t:Table {fqn: written})
              MERGE (q)-[:WRITES]->(t)
            }
            CALL (q, r) {
              UNWIND r.drops AS dropped
              MATCH (t:Table {fqn: dropped})
              MERGE (q)-[:DROPS]->(t)
            }
            """;

    private final Driver driver;
    private final int batchSize;
    private final int parallelism;

    public LineageGraphWriter(Driver driver, int batchSize, int parallelism) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        if (batchSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("batchSize and parallelism must be positive: " + batchSize + ", " + parallelism);
        }
        this.batchSize = batchSize;
        this.parallelism = parallelism;
    }

    public LineageGraphWriter(Driver driver, int batchSize) {
        this(driver, batchSize, DEFAULT_PARALLELISM);
    }

    public LineageGraphWriter(Driver driver) {
        this(driver, DEFAULT_BATCH_SIZE, DEFAULT_PARALLELISM);
    }

    /** Writes the records; the catalog supplies column types and views' kind where it knows them. */
    public WriteSummary write(List<QueryRecord> records, Catalog catalog) {
        long start = System.nanoTime();
        GraphRows rows = GraphRows.of(records, catalog);
        Map<String, Long> stages = new java.util.LinkedHashMap<>();
        try {
            stages.put("tables", run(TABLES, rows.tables()));
            stages.put("columns", run(COLUMNS, rows.columns()));
            stages.put("feeds", run(FEEDS, rows.feeds()));
            stages.put("influences", run(INFLUENCES, rows.influences()));
            stages.put("feeds_table", run(TABLE_FEEDS, rows.tableFeeds()));
            stages.put("queries", run(QUERIES, rows.queries()) + run(QUERY_WRITES, rows.queries()));
            stages.put("runs", run(RUN_DAYS, rows.runDays()));
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new GraphUnavailableException("the lineage graph is unreachable: " + e.getMessage(), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new WriteSummary(rows.tables().size(), rows.columns().size(), rows.feeds().size(),
                rows.influences().size(), rows.queries().size(), millis, stages);
    }

    /**
     * Runs {@code cypher} over {@code rows} in batches, {@code parallelism} batches at a time, each in
     * its own managed transaction (retried on transient errors such as a detected deadlock); returns the
     * milliseconds it took. A stage finishes before the next starts: relationships find their nodes.
     */
    private long run(String cypher, List<? extends GraphRows.Row> rows) {
        long start = System.nanoTime();
        List<List<? extends GraphRows.Row>> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += batchSize) {
            batches.add(rows.subList(from, Math.min(rows.size(), from + batchSize)));
        }
        if (parallelism == 1 || batches.size() < 2) {
            batches.forEach(b -> writeBatch(cypher, b));
        } else {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.min(parallelism, batches.size()));
            try {
                List<java.util.concurrent.Future<?>> pending = new ArrayList<>();
                for (List<? extends GraphRows.Row> b : batches) {
                    pending.add(pool.submit(() -> writeBatch(cypher, b)));
                }
                for (java.util.concurrent.Future<?> f : pending) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing lineage", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void writeBatch(String cypher, List<? extends GraphRows.Row> batch) {
        // parameters are made per batch: made up front for a whole run they are millions of live maps
        List<Map<String, Object>> parameters = new ArrayList<>(batch.size());
        batch.forEach(r -> parameters.add(r.parameters()));
        try (Session session = driver.session()) {
            // the sequence first: its lock orders the numbers as the transactions commit
            session.executeWrite(tx -> tx.run(cypher, Map.of("rows", parameters, "seq", LineageSequence.next(tx))).consume());
        }
    }

}
