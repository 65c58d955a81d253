package dev.colineage.graph.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.colineage.graph.memory.QuerySummary;
import org.neo4j.driver.Driver;
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

    /** The column's own properties; empty if the graph does not know it. */
    public Optional<ColumnProperties> column(String fqn) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> t.run("""
                    MATCH (c:Column {fqn: $fqn})
                    RETURN c.fqn AS fqn, c.name AS name, c.path AS path, c.type AS type, c.table_fqn AS table,
                           c.policy_tag AS policy_tag, coalesce(c.tags, []) AS tags
                    """, Map.of("fqn", fqn)).list(r -> new ColumnProperties(r.get("fqn").asString(), r.get("name").asString(),
                    r.get("path").asString(r.get("name").asString()), optional(r.get("type")), r.get("table").asString(),
                    optional(r.get("policy_tag")), r.get("tags").asList(Value::asString))).stream().findFirst(), tx);
        }
    }

    /**
     * The queries that write and read the column, newest first; empty if the graph does not know it. The
     * read model answers this for the API; this Cypher is the oracle its tests compare with.
     */
    public Optional<ColumnQueries> columnQueries(String fqn) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> {
                if (!t.run("MATCH (c:Column {fqn: $fqn}) RETURN 1", Map.of("fqn", fqn)).hasNext()) {
                    return Optional.<ColumnQueries>empty();
                }
                List<QuerySummary> written = t.run("""
                        MATCH (:Column)-[f:FEEDS]->(:Column {fqn: $fqn})
                        UNWIND f.fingerprints AS fp
                        WITH DISTINCT fp MATCH (q:Query {fingerprint: fp})
                        RETURN\s""" + QUERY_FIELDS, Map.of("fqn", fqn)).list(QuerySummary::fromRecord);
                List<QuerySummary> read = t.run("""
                        MATCH (:Column {fqn: $fqn})-[f:FEEDS|INFLUENCES]->()
                        UNWIND f.fingerprints AS fp
                        WITH DISTINCT fp MATCH (q:Query {fingerprint: fp})
                        RETURN\s""" + QUERY_FIELDS, Map.of("fqn", fqn)).list(QuerySummary::fromRecord);
                return Optional.of(new ColumnQueries(newestFirst(written), newestFirst(read)));
            }, tx);
        }
    }

    /** The lineage edges between two nodes, each with its counters and the queries (with SQL) behind it. */
    public List<EdgeDetails> edges(String source, String target) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> t.run("""
                    MATCH (a:Column {fqn: $source})-[f:FEEDS|INFLUENCES]->(b) WHERE b.fqn = $target
                    OPTIONAL MATCH (q:Query) WHERE q.fingerprint IN f.fingerprints
                    WITH a, b, f, q ORDER BY q.last_seen DESC, q.fingerprint
                    RETURN type(f) AS relation, f.type AS type, f.subtype AS subtype, f.masking AS masking,
                           toString(f.first_seen) AS first_seen, toString(f.last_seen) AS last_seen, f.query_count AS query_count,
                           collect(CASE WHEN q IS NULL THEN null ELSE {fingerprint: q.fingerprint, statement_type: q.statement_type,
                                   kind: coalesce(q.kind, 'JOB'), last_seen: toString(q.last_seen), sample_sql: q.sample_sql} END) AS queries
                    ORDER BY relation, type, subtype, masking
                    """, Map.of("source", source, "target", target)).list(r -> new EdgeDetails(
                    GraphEdge.Relation.valueOf(r.get("relation").asString()),
                    dev.colineage.core.model.Transformation.Type.valueOf(r.get("type").asString()),
                    dev.colineage.core.model.Transformation.Subtype.valueOf(r.get("subtype").asString()),
                    r.get("masking").asBoolean(false), r.get("first_seen").asString(""), r.get("last_seen").asString(""),
                    r.get("query_count").asLong(0), r.get("queries").asList(q -> new EdgeDetails.EdgeQuery(
                            q.get("fingerprint").asString(), q.get("statement_type").asString("UNKNOWN"), q.get("kind").asString(),
                            q.get("last_seen").asString(""), q.get("sample_sql").asString(""))))), tx);
        }
    }

    /** One query with its SQL, status and the tables it reads and writes; empty if unknown. */
    public Optional<QueryDetails> query(String fingerprint) {
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
                    """, Map.of("fp", fingerprint)).list(r -> new QueryDetails(QuerySummary.fromRecord(r),
                    r.get("sample_sql").asString(""), r.get("first_seen").asString(""), r.get("status").asString("UNKNOWN"),
                    r.get("problems").asList(Value::asString), sorted(r.get("reads").asList(Value::asString)),
                    sorted(r.get("writes").asList(Value::asString)))).stream().findFirst(), tx);
        }
    }

    /**
     * Adds or removes a hand-set tag; false when the column does not exist. The change is stamped with
     * the lineage sequence, so the read model's PII answers see it at its next refresh.
     */
    public boolean tag(String column, String tag, boolean add) {
        String cypher = add
                ? "MATCH (c:Column {fqn: $fqn}) SET c.tags = coalesce(c.tags, []) + [x IN [$tag] WHERE NOT x IN coalesce(c.tags, [])], c.seq = $seq RETURN c.tags AS tags"
                : "MATCH (c:Column {fqn: $fqn}) SET c.tags = [x IN coalesce(c.tags, []) WHERE x <> $tag], c.seq = $seq RETURN c.tags AS tags";
        try (Session s = driver.session()) {
            return s.executeWrite(t -> {
                long seq = dev.colineage.graph.write.LineageSequence.next(t);
                return t.run(cypher, Map.of("fqn", column, "tag", tag, "seq", seq)).hasNext();
            });
        }
    }

    private static List<QuerySummary> newestFirst(List<QuerySummary> queries) {
        List<QuerySummary> out = new ArrayList<>(queries);
        out.sort(QuerySummary.NEWEST_FIRST);
        return out;
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static Optional<String> optional(Value v) {
        return v.isNull() ? Optional.empty() : Optional.of(v.asString());
    }
}
