package dev.colineage.graph.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

/**
 * The store of what the API asks beyond traversals: a column's details and hand-set tags, the queries
 * behind edges, one query's SQL. Parameterised Cypher only, each read with a time limit; the API module
 * holds none of its own.
 */
public final class LineageLookupStore {

    private static final String QUERY_FIELDS = """
            q.fingerprint AS fingerprint, q.statement_type AS statement_type, coalesce(q.kind, 'JOB') AS kind,
            toString(q.last_seen) AS last_seen,
            q.last_job_id AS last_job_id, q.run_count AS run_count, q.users AS users""";

    private final Driver driver;
    private final TransactionConfig tx;

    public LineageLookupStore(Driver driver, Duration timeout) {
        this.driver = driver;
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /** Type, policy tag, hand-set tags, table, and the queries that write and read the column; empty if unknown. */
    public Optional<Map<String, Object>> column(String fqn) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> {
                List<Record> found = t.run("""
                        MATCH (c:Column {fqn: $fqn})
                        RETURN c.fqn AS fqn, c.name AS name, c.path AS path, c.type AS type, c.table_fqn AS table,
                               c.policy_tag AS policy_tag, coalesce(c.tags, []) AS tags
                        """, Map.of("fqn", fqn)).list();
                if (found.isEmpty()) {
                    return Optional.<Map<String, Object>>empty();
                }
                Map<String, Object> out = new LinkedHashMap<>(found.get(0).asMap());
                out.put("written_by", queries(t.run("""
                        MATCH (:Column)-[f:FEEDS]->(:Column {fqn: $fqn})
                        UNWIND f.fingerprints AS fp
                        WITH DISTINCT fp MATCH (q:Query {fingerprint: fp})
                        RETURN\s""" + QUERY_FIELDS + " ORDER BY q.last_seen DESC, q.fingerprint", Map.of("fqn", fqn)).list()));
                out.put("read_by", queries(t.run("""
                        MATCH (:Column {fqn: $fqn})-[f:FEEDS|INFLUENCES]->()
                        UNWIND f.fingerprints AS fp
                        WITH DISTINCT fp MATCH (q:Query {fingerprint: fp})
                        RETURN\s""" + QUERY_FIELDS + " ORDER BY q.last_seen DESC, q.fingerprint", Map.of("fqn", fqn)).list()));
                return Optional.of(out);
            }, tx);
        }
    }

    /** The queries with these fingerprints, newest first. */
    public List<Map<String, Object>> queries(java.util.Set<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return List.of();
        }
        try (Session s = driver.session()) {
            return s.executeRead(t -> queries(t.run("""
                    MATCH (q:Query) WHERE q.fingerprint IN $fps
                    RETURN\s""" + QUERY_FIELDS + " ORDER BY q.last_seen DESC, q.fingerprint",
                    Map.of("fps", List.copyOf(fingerprints))).list()), tx);
        }
    }

    /** The lineage edges between two nodes, each with its counters and the queries (with SQL) behind it. */
    public List<Map<String, Object>> edges(String source, String target) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> t.run("""
                    MATCH (a:Column {fqn: $source})-[f:FEEDS|INFLUENCES]->(b) WHERE b.fqn = $target
                    OPTIONAL MATCH (q:Query) WHERE q.fingerprint IN f.fingerprints
                    WITH a, b, f, q ORDER BY q.last_seen DESC
                    RETURN type(f) AS relation, f.type AS type, f.subtype AS subtype, f.masking AS masking,
                           toString(f.first_seen) AS first_seen, toString(f.last_seen) AS last_seen, f.query_count AS query_count,
                           collect(CASE WHEN q IS NULL THEN null ELSE {fingerprint: q.fingerprint, statement_type: q.statement_type, kind: coalesce(q.kind, 'JOB'),
                                   last_seen: toString(q.last_seen), sample_sql: q.sample_sql} END) AS queries
                    ORDER BY relation, type, subtype, masking
                    """, Map.of("source", source, "target", target)).list(r -> new LinkedHashMap<>(r.asMap())), tx);
        }
    }

    public Optional<Map<String, Object>> query(String fingerprint) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> t.run("""
                    MATCH (q:Query {fingerprint: $fp})
                    OPTIONAL MATCH (q)-[:READS]->(r:Table)
                    OPTIONAL MATCH (q)-[:WRITES]->(w:Table)
                    RETURN\s""" + QUERY_FIELDS + """
                    , q.sample_sql AS sample_sql, toString(q.first_seen) AS first_seen, q.status AS status,
                      coalesce(q.problems, []) AS problems,
                      [x IN collect(DISTINCT r.fqn) WHERE x IS NOT NULL] AS reads,
                      [x IN collect(DISTINCT w.fqn) WHERE x IS NOT NULL] AS writes
                    """, Map.of("fp", fingerprint)).list(r -> (Map<String, Object>) new LinkedHashMap<>(r.asMap()))
                    .stream().findFirst(), tx);
        }
    }

    /** Adds or removes a hand-set tag; false when the column does not exist. */
    public boolean tag(String column, String tag, boolean add) {
        String cypher = add
                ? "MATCH (c:Column {fqn: $fqn}) SET c.tags = coalesce(c.tags, []) + [x IN [$tag] WHERE NOT x IN coalesce(c.tags, [])] RETURN c.tags AS tags"
                : "MATCH (c:Column {fqn: $fqn}) SET c.tags = [x IN coalesce(c.tags, []) WHERE x <> $tag] RETURN c.tags AS tags";
        try (Session s = driver.session()) {
            return s.executeWrite(t -> t.run(cypher, Map.of("fqn", column, "tag", tag)).hasNext());
        }
    }

    private static List<Map<String, Object>> queries(List<Record> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : records) {
            Map<String, Object> q = new LinkedHashMap<>();
            for (String k : r.keys()) {
                Value v = r.get(k);
                q.put(k, v.isNull() ? null : v.asObject());
            }
            out.add(q);
        }
        return out;
    }
}
