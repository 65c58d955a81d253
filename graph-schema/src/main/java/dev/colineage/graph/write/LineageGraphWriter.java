package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
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

    public static final int DEFAULT_BATCH_SIZE = 10_000;

    private static final String TABLES = """
            UNWIND $rows AS r
            MERGE (t:Table {fqn: r.fqn})
            ON CREATE SET t.project = r.project, t.dataset = r.dataset, t.name = r.name,
                          t.search_name = r.search, t.kind = r.kind
            SET t.kind = CASE WHEN t.kind = 'TABLE' THEN r.kind ELSE t.kind END
            """;
    private static final String COLUMNS = """
            UNWIND $rows AS r
            MERGE (c:Column {fqn: r.fqn})
            ON CREATE SET c.name = r.name, c.path = r.path, c.table_fqn = r.table, c.search_name = r.search
            SET c.type = coalesce(r.type, c.type)
            """;
    private static final String HAS_COLUMN = """
            UNWIND $rows AS r
            MATCH (t:Table {fqn: r.table})
            MATCH (c:Column {fqn: r.fqn})
            MERGE (t)-[:HAS_COLUMN]->(c)
            """;
    private static final String FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Column {fqn: r.target})
            MERGE (s)-[f:FEEDS {type: r.type, subtype: r.subtype, masking: r.masking}]->(t)
            ON CREATE SET f.first_seen = r.first_seen, f.last_seen = r.last_seen, f.last_job_id = r.last_job_id,
                          f.fingerprints = r.fingerprints
            ON MATCH SET f.first_seen = CASE WHEN r.first_seen < f.first_seen THEN r.first_seen ELSE f.first_seen END,
                         f.last_job_id = CASE WHEN r.last_seen > f.last_seen THEN r.last_job_id ELSE f.last_job_id END,
                         f.last_seen = CASE WHEN r.last_seen > f.last_seen THEN r.last_seen ELSE f.last_seen END,
                         f.fingerprints = f.fingerprints + [x IN r.fingerprints WHERE NOT x IN f.fingerprints]
            SET f.query_count = size(f.fingerprints)
            """;
    private static final String INFLUENCES = """
            UNWIND $rows AS r
            MATCH (s:Column {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:INFLUENCES {subtype: r.subtype, masking: r.masking}]->(t)
            ON CREATE SET f.type = 'INDIRECT', f.first_seen = r.first_seen, f.last_seen = r.last_seen,
                          f.last_job_id = r.last_job_id, f.fingerprints = r.fingerprints
            ON MATCH SET f.first_seen = CASE WHEN r.first_seen < f.first_seen THEN r.first_seen ELSE f.first_seen END,
                         f.last_job_id = CASE WHEN r.last_seen > f.last_seen THEN r.last_job_id ELSE f.last_job_id END,
                         f.last_seen = CASE WHEN r.last_seen > f.last_seen THEN r.last_seen ELSE f.last_seen END,
                         f.fingerprints = f.fingerprints + [x IN r.fingerprints WHERE NOT x IN f.fingerprints]
            SET f.query_count = size(f.fingerprints)
            """;
    private static final String TABLE_FEEDS = """
            UNWIND $rows AS r
            MATCH (s:Table {fqn: r.source})
            MATCH (t:Table {fqn: r.target})
            MERGE (s)-[f:FEEDS_TABLE]->(t)
            ON CREATE SET f.direct = r.direct, f.last_seen = r.last_seen
            ON MATCH SET f.direct = f.direct OR r.direct,
                         f.last_seen = CASE WHEN r.last_seen > f.last_seen THEN r.last_seen ELSE f.last_seen END
            """;
    private static final String QUERIES = """
            UNWIND $rows AS r
            MERGE (q:Query {fingerprint: r.fingerprint})
            ON CREATE SET q.sample_sql = r.sample_sql, q.statement_type = r.statement_type,
                          q.first_seen = r.first_seen, q.last_seen = r.last_seen, q.last_job_id = r.last_job_id,
                          q.users = r.users, q.run_days = []
            ON MATCH SET q.first_seen = CASE WHEN r.first_seen < q.first_seen THEN r.first_seen ELSE q.first_seen END,
                         q.last_job_id = CASE WHEN r.last_seen > q.last_seen THEN r.last_job_id ELSE q.last_job_id END,
                         q.sample_sql = CASE WHEN r.last_seen > q.last_seen THEN r.sample_sql ELSE q.sample_sql END,
                         q.last_seen = CASE WHEN r.last_seen > q.last_seen THEN r.last_seen ELSE q.last_seen END,
                         q.users = q.users + [u IN r.users WHERE NOT u IN q.users]
            WITH q, r
            SET q.run_days = [d IN q.run_days WHERE NOT split(d, '=')[0] IN r.days]
                + [i IN range(0, size(r.days) - 1) | r.days[i] + '=' + toString(reduce(m = r.counts[i], d IN q.run_days |
                    CASE WHEN split(d, '=')[0] = r.days[i] AND toInteger(split(d, '=')[1]) > m
                         THEN toInteger(split(d, '=')[1]) ELSE m END))]
            SET q.run_count = reduce(s = 0, d IN q.run_days | s + toInteger(split(d, '=')[1]))
            WITH q, r
            UNWIND r.reads AS readFqn
            MATCH (t:Table {fqn: readFqn})
            MERGE (q)-[:READS]->(t)
            """;
    private static final String QUERY_WRITES = """
            UNWIND $rows AS r
            MATCH (q:Query {fingerprint: r.fingerprint})
            UNWIND r.writes AS written
            MATCH (t:Table {fqn: written})
            MERGE (q)-[:WRITES]->(t)
            """;

    private final Driver driver;
    private final int batchSize;

    public LineageGraphWriter(Driver driver, int batchSize) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public LineageGraphWriter(Driver driver) {
        this(driver, DEFAULT_BATCH_SIZE);
    }

    /** Writes the records; the catalog supplies column types and views' kind where it knows them. */
    public WriteSummary write(List<QueryRecord> records, Catalog catalog) {
        long start = System.nanoTime();
        GraphRows rows = GraphRows.of(records, catalog);
        try {
            run(TABLES, rows.tables());
            run(COLUMNS, rows.columns());
            run(HAS_COLUMN, rows.columns());
            run(FEEDS, rows.feeds());
            run(INFLUENCES, rows.influences());
            run(TABLE_FEEDS, rows.tableFeeds());
            run(QUERIES, rows.queries());
            run(QUERY_WRITES, rows.queries());
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new GraphUnavailableException("the lineage graph is unreachable: " + e.getMessage(), e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new WriteSummary(rows.tables().size(), rows.columns().size(), rows.feeds().size(),
                rows.influences().size(), rows.queries().size(), millis);
    }

    private void run(String cypher, List<Map<String, Object>> rows) {
        try (Session session = driver.session()) {
            for (int from = 0; from < rows.size(); from += batchSize) {
                List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
                session.executeWrite(tx -> tx.run(cypher, Map.of("rows", batch)).consume());
            }
        }
    }

    /**
     * The records turned into parameter rows, one list per statement, deduplicated and sorted by key:
     * sorted batches take node locks in one order, so concurrent writers do not deadlock.
     */
    record GraphRows(List<Map<String, Object>> tables, List<Map<String, Object>> columns,
                     List<Map<String, Object>> feeds, List<Map<String, Object>> influences,
                     List<Map<String, Object>> tableFeeds, List<Map<String, Object>> queries) {

        static GraphRows of(List<QueryRecord> records, Catalog catalog) {
            Map<String, Map<String, Object>> tables = new TreeMap<>();
            Map<String, Map<String, Object>> columns = new TreeMap<>();
            Map<String, EdgeRow> feeds = new TreeMap<>();
            Map<String, EdgeRow> influences = new TreeMap<>();
            Map<String, Map<String, Object>> tableFeeds = new TreeMap<>();
            List<Map<String, Object>> queries = new ArrayList<>();
            for (QueryRecord q : records) {
                boolean view = q.statementType().toUpperCase(Locale.ROOT).contains("VIEW");
                q.reads().forEach(t -> table(tables, t, "TABLE"));
                q.writes().forEach(t -> table(tables, t, view ? "VIEW" : "TABLE"));
                for (Edge e : q.edges()) {
                    table(tables, e.source().table(), "TABLE");
                    table(tables, e.target().table(), view && q.writes().contains(e.target().table()) ? "VIEW" : "TABLE");
                    column(columns, e.source(), catalog);
                    String key = e.source().fqn() + "\u0000" + e.target().fqn() + "\u0000" + e.transformation();
                    if (e.target() instanceof ColumnRef target) {
                        column(columns, target, catalog);
                        feeds.computeIfAbsent(key, k -> new EdgeRow(e)).add(q);
                    } else {
                        influences.computeIfAbsent(key, k -> new EdgeRow(e)).add(q);
                    }
                    String tableKey = e.source().table().fqn() + "\u0000" + e.target().table().fqn();
                    Map<String, Object> tf = tableFeeds.computeIfAbsent(tableKey, k -> new HashMap<>(Map.of(
                            "source", e.source().table().fqn(), "target", e.target().table().fqn(),
                            "direct", false, "last_seen", utc(q.lastSeen()))));
                    tf.put("direct", (Boolean) tf.get("direct") || e.transformation().isDirect());
                    if (utc(q.lastSeen()).isAfter((ZonedDateTime) tf.get("last_seen"))) {
                        tf.put("last_seen", utc(q.lastSeen()));
                    }
                }
                queries.add(query(q));
            }
            queries.sort(Comparator.comparing(m -> (String) m.get("fingerprint")));
            return new GraphRows(new ArrayList<>(tables.values()), new ArrayList<>(columns.values()),
                    feeds.values().stream().map(EdgeRow::toMap).toList(),
                    influences.values().stream().map(EdgeRow::toMap).toList(),
                    new ArrayList<>(tableFeeds.values()), queries);
        }

        private static void table(Map<String, Map<String, Object>> tables, TableRef t, String kind) {
            String k = t.dataset().equals("external_query") ? "EXTERNAL" : kind;
            Map<String, Object> row = tables.computeIfAbsent(t.fqn(), f -> new HashMap<>(Map.of("fqn", f,
                    "project", t.project(), "dataset", t.dataset(), "name", t.name(),
                    "search", f.toLowerCase(Locale.ROOT), "kind", k)));
            if (!k.equals("TABLE")) {
                row.put("kind", k);
            }
        }

        private static void column(Map<String, Map<String, Object>> columns, ColumnRef c, Catalog catalog) {
            columns.computeIfAbsent(c.fqn(), f -> {
                Map<String, Object> row = new HashMap<>();
                row.put("fqn", f);
                row.put("name", c.path().get(c.path().size() - 1));
                row.put("path", c.name());
                row.put("table", c.table().fqn());
                row.put("search", f.toLowerCase(Locale.ROOT));
                row.put("type", typeOf(c, catalog).orElse(null));
                return row;
            });
        }

        private static Optional<String> typeOf(ColumnRef c, Catalog catalog) {
            Optional<SchemaField> field = catalog.lookup(c.table()).flatMap(s -> s.column(c.path().get(0)));
            for (int i = 1; i < c.path().size() && field.isPresent(); i++) {
                String part = c.path().get(i);
                field = field.flatMap(f -> f.field(part));
            }
            return field.map(f -> f.isRepeated() ? "ARRAY<" + f.type() + ">" : f.type());
        }

        private static Map<String, Object> query(QueryRecord q) {
            List<String> days = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            new TreeMap<LocalDate, Integer>(q.runsByDay()).forEach((d, n) -> {
                days.add(d.toString());
                counts.add(n.longValue());
            });
            Map<String, Object> row = new HashMap<>();
            row.put("fingerprint", q.fingerprint());
            row.put("sample_sql", q.sampleSql());
            row.put("statement_type", q.statementType());
            row.put("first_seen", utc(q.firstSeen()));
            row.put("last_seen", utc(q.lastSeen()));
            row.put("last_job_id", q.lastJobId());
            row.put("users", new ArrayList<>(new TreeSet<>(q.users())));
            row.put("days", days);
            row.put("counts", counts);
            row.put("reads", q.reads().stream().map(TableRef::fqn).sorted().toList());
            row.put("writes", q.writes().stream().map(TableRef::fqn).sorted().toList());
            return row;
        }
    }

    static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }

    /** One column edge, aggregated over the queries that produce it. */
    private static final class EdgeRow {
        private final Edge edge;
        private final TreeSet<String> fingerprints = new TreeSet<>();
        private Instant firstSeen;
        private Instant lastSeen;
        private String lastJobId;

        EdgeRow(Edge edge) {
            this.edge = edge;
        }

        void add(QueryRecord q) {
            fingerprints.add(q.fingerprint());
            if (firstSeen == null || q.firstSeen().isBefore(firstSeen)) {
                firstSeen = q.firstSeen();
            }
            if (lastSeen == null || q.lastSeen().isAfter(lastSeen)) {
                lastSeen = q.lastSeen();
                lastJobId = q.lastJobId();
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new HashMap<>();
            m.put("source", edge.source().fqn());
            m.put("target", edge.target().fqn());
            m.put("type", edge.transformation().type().name());
            m.put("subtype", edge.transformation().subtype().name());
            m.put("masking", edge.transformation().masking());
            m.put("first_seen", utc(firstSeen));
            m.put("last_seen", utc(lastSeen));
            m.put("last_job_id", lastJobId);
            m.put("fingerprints", new ArrayList<>(fingerprints));
            return m;
        }
    }
}
