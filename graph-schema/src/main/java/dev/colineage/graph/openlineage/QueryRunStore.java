package dev.colineage.graph.openlineage;

import dev.colineage.core.model.Transformation;
import dev.colineage.graph.write.LineageSequence;
import dev.colineage.graph.write.QueryKind;
import dev.colineage.graph.write.QueryRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;

/**
 * The runs of queries and what an OpenLineage event says about each: runs by day (the {@code run_day_day} index),
 * the queries behind them with their tables and column edges, the tables' schemas; and where queries taken in
 * from OpenLineage came from. Parameterised Cypher only, each read with a time limit.
 */
public final class QueryRunStore {

    /**
     * How many runs each day of the interval holds. Runs of queries taken in from OpenLineage are not given back:
     * the system that sent them has them.
     */
    private static final String DAYS = """
            MATCH (d:RunDay) WHERE d.day >= $from AND d.day <= $to
            MATCH (q:Query {fingerprint: d.fingerprint}) WHERE coalesce(q.kind, 'JOB') <> 'OPENLINEAGE'
            WITH d.day AS day, size([x IN d.runs WHERE x >= $since AND x < $until]) AS n
            WITH day, sum(n) AS runs WHERE runs > 0
            RETURN day, runs ORDER BY day
            """;
    private static final String RUNS_ON = """
            MATCH (d:RunDay {day: $day})
            MATCH (q:Query {fingerprint: d.fingerprint}) WHERE coalesce(q.kind, 'JOB') <> 'OPENLINEAGE'
            UNWIND [x IN d.runs WHERE x >= $since AND x < $until] AS run
            RETURN d.fingerprint AS fingerprint, run
            """;
    /**
     * A query's edges are the ones into the tables it writes that name it among their queries (an edge composed
     * through a script's temporary table names every query of the path; it belongs to the one that wrote its end).
     */
    private static final String QUERIES = """
            UNWIND $fps AS fp
            MATCH (q:Query {fingerprint: fp})
            RETURN q.fingerprint AS fingerprint, coalesce(q.sample_sql, '') AS sql,
                   coalesce(q.statement_type, '') AS statement_type, coalesce(q.kind, 'JOB') AS kind, q.producer AS producer,
                   [(q)-[:READS]->(t:Table) | t.fqn] AS reads, [(q)-[:WRITES]->(t:Table) | t.fqn] AS writes,
                   [(q)-[:WRITES]->(t:Table)-[:HAS_COLUMN]->(c:Column)<-[f:FEEDS]-(s:Column) WHERE fp IN f.fingerprints
                      | [s.table_fqn, s.path, t.fqn, c.path, f.type, f.subtype, f.masking]] AS feeds,
                   [(q)-[:WRITES]->(t:Table)<-[f:INFLUENCES]-(s:Column) WHERE fp IN f.fingerprints
                      | [s.table_fqn, s.path, t.fqn, f.subtype, f.masking]] AS influences
            """;
    private static final String SCHEMAS = """
            UNWIND $tables AS fqn
            MATCH (:Table {fqn: fqn})-[:HAS_COLUMN]->(c:Column)
            WHERE c.type IS NOT NULL AND NOT c.path CONTAINS '.'
            RETURN fqn, c.path AS name, c.type AS type ORDER BY fqn, name
            """;
    private static final String ORIGINS = """
            UNWIND $rows AS r
            MATCH (q:Query {fingerprint: r.fingerprint})
            SET q.source = 'openlineage', q.producer = r.producer, q.job_namespace = r.namespace, q.job_name = r.name
            """;
    /** Runs per day counted from the runs themselves: events of one day may come in one by one. */
    private static final String RECOUNT = """
            UNWIND $fps AS fp
            MATCH (q:Query {fingerprint: fp})
            CALL (q) {
              MATCH (x:RunDay {fingerprint: q.fingerprint})
              WITH x.day AS day, size(x.runs) AS n ORDER BY day
              RETURN collect(toString(day) + '=' + toString(n)) AS days, sum(n) AS total
            }
            SET q.run_days = days, q.run_count = total, q.seq = $seq
            """;

    private final Driver driver;
    private final TransactionConfig tx;

    public QueryRunStore(Driver driver, Duration timeout) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.tx = TransactionConfig.builder().withTimeout(Objects.requireNonNull(timeout, "timeout is null")).build();
    }

    /** The days of {@code [since, until)} that hold runs, with how many, by day. */
    public List<RunsOnDay> days(Instant since, Instant until) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> t.run(DAYS, Map.of("from", day(since), "to", day(until.minusMillis(1)),
                    "since", QueryRun.time(since), "until", QueryRun.time(until)))
                    .list(r -> new RunsOnDay(r.get("day").asLocalDate(), r.get("runs").asLong())), tx);
        }
    }

    /** The runs of one day within {@code [since, until)}, by time (then query and job). */
    public List<RunOfQuery> runsOn(LocalDate day, Instant since, Instant until) {
        try (Session s = driver.session()) {
            List<RunOfQuery> runs = new ArrayList<>(s.executeRead(t -> t.run(RUNS_ON, Map.of("day", day,
                    "since", QueryRun.time(since), "until", QueryRun.time(until)))
                    .list(r -> new RunOfQuery(r.get("fingerprint").asString(), QueryRun.parse(r.get("run").asString()))), tx));
            runs.sort(RunOfQuery.ORDER);
            return runs;
        }
    }

    /** The queries the graph knows among {@code fingerprints}, by fingerprint. */
    public Map<String, StoredQuery> queries(Collection<String> fingerprints) {
        try (Session s = driver.session()) {
            List<StoredQuery> found = s.executeRead(t -> t.run(QUERIES, Map.of("fps", List.copyOf(fingerprints)))
                    .list(QueryRunStore::query), tx);
            Map<String, StoredQuery> out = new HashMap<>();
            found.forEach(q -> out.put(q.fingerprint(), q));
            return out;
        }
    }

    /** The typed top-level columns of each table (tables without any are left out). */
    public Map<String, List<SchemaColumn>> schemas(Collection<String> tables) {
        try (Session s = driver.session()) {
            Map<String, List<SchemaColumn>> out = new HashMap<>();
            s.executeRead(t -> t.run(SCHEMAS, Map.of("tables", List.copyOf(tables))).list(), tx).forEach(r ->
                    out.computeIfAbsent(r.get("fqn").asString(), k -> new ArrayList<>())
                            .add(new SchemaColumn(r.get("name").asString(), r.get("type").asString())));
            return out;
        }
    }

    /**
     * Records where queries taken in from OpenLineage came from ({@code source: openlineage}, the producer, the
     * job's namespace and name) and counts their runs per day from their runs.
     */
    public void recordOrigins(List<JobOrigin> origins) {
        List<Map<String, Object>> rows = new ArrayList<>();
        origins.forEach(o -> rows.add(Map.of("fingerprint", o.fingerprint(), "producer", o.producer(), "namespace", o.namespace(),
                "name", o.name())));
        List<String> fps = origins.stream().map(JobOrigin::fingerprint).toList();
        try (Session s = driver.session()) {
            s.executeWrite(t -> {
                t.run(ORIGINS, Map.of("rows", rows)).consume();
                return t.run(RECOUNT, Map.of("fps", fps, "seq", LineageSequence.next(t))).consume();
            }, tx);
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static StoredQuery query(Record r) {
        List<StoredEdge> edges = new ArrayList<>();
        for (Value f : r.get("feeds").values()) {
            edges.add(new StoredEdge(f.get(0).asString(), f.get(1).asString(), f.get(2).asString(), Optional.of(f.get(3).asString()),
                    new Transformation(Transformation.Type.valueOf(f.get(4).asString()), Transformation.Subtype.valueOf(f.get(5).asString()),
                            f.get(6).asBoolean())));
        }
        for (Value f : r.get("influences").values()) {
            edges.add(new StoredEdge(f.get(0).asString(), f.get(1).asString(), f.get(2).asString(), Optional.empty(),
                    new Transformation(Transformation.Type.INDIRECT, Transformation.Subtype.valueOf(f.get(3).asString()), f.get(4).asBoolean())));
        }
        Value producer = r.get("producer");
        return new StoredQuery(r.get("fingerprint").asString(), r.get("sql").asString(), r.get("statement_type").asString(),
                QueryKind.valueOf(r.get("kind").asString()), producer.isNull() ? Optional.empty() : Optional.of(producer.asString()),
                r.get("reads").asList(Value::asString), r.get("writes").asList(Value::asString), edges);
    }
}
