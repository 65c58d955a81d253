package dev.colineage.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.graph.runs.ExtractionRun;
import dev.colineage.graph.runs.ExtractionRunStore;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.spark.job.BulkFirstLoad;
import dev.colineage.spark.job.ExtractionJob;
import dev.colineage.spark.job.GraphTarget;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.JsonlJobSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/** The extraction job end to end: JSON lines -> real Spark (local[2]) -> lineage-core -> embedded Neo4j over Bolt. */
class ExtractionJobTest extends SparkTestSupport {

    private static final String CATALOG = """
            {"p.raw.customers": [{"name": "id", "type": "INT64"}, {"name": "email", "type": "STRING"},
                                 {"name": "country", "type": "STRING"}],
             "p.raw.orders": [{"name": "order_id", "type": "INT64"}, {"name": "customer_id", "type": "INT64"},
                              {"name": "amount", "type": "NUMERIC"}]}
            """;

    /** Ten lines: six jobs (one exported twice), two malformed lines, a LOAD job, one unparseable query. */
    private static final String JOBS = """
            {"job_id":"j1","project_id":"p","user_email":"u1@x.com","creation_time":"2026-11-01 01:00:00.000 UTC","job_type":"QUERY","state":"DONE","statement_type":"SELECT","query":"SELECT id, email FROM raw.customers WHERE country = 'DE'","destination_table":{"project_id":"p","dataset_id":"mart","table_id":"de_customers"},"referenced_tables":[{"project_id":"p","dataset_id":"raw","table_id":"customers"}]}
            {"job_id":"j2","project_id":"p","user_email":"u2@x.com","creation_time":"2026-11-02T01:00:00Z","job_type":"QUERY","state":"DONE","statement_type":"SELECT","query":"SELECT id,\\n  email\\nFROM raw.customers WHERE country = 'FR'","destination_table":{"project_id":"p","dataset_id":"mart","table_id":"de_customers"},"referenced_tables":[{"project_id":"p","dataset_id":"raw","table_id":"customers"}]}
            {"job_id":"j1","project_id":"p","user_email":"u1@x.com","creation_time":"2026-11-01 01:00:00.000 UTC","job_type":"QUERY","state":"DONE","statement_type":"SELECT","query":"SELECT id, email FROM raw.customers WHERE country = 'DE'","destination_table":{"project_id":"p","dataset_id":"mart","table_id":"de_customers"},"referenced_tables":[{"project_id":"p","dataset_id":"raw","table_id":"customers"}]}
            {"job_id":"j3","project_id":"p","user_email":"etl@x.com","creation_time":"2026-11-02T05:00:00Z","statement_type":"MERGE","query":"MERGE mart.totals t USING (SELECT customer_id, SUM(amount) AS total FROM raw.orders GROUP BY customer_id) s ON t.customer_id = s.customer_id WHEN MATCHED THEN UPDATE SET total = s.total WHEN NOT MATCHED THEN INSERT (customer_id, total) VALUES (s.customer_id, s.total)"}
            {"job_id":"j4","project_id":"p","user_email":"ana@x.com","creation_time":"2026-11-03T01:00:00Z","statement_type":"CREATE_TABLE_AS_SELECT","query":"CREATE TEMP TABLE x AS SELECT id, email FROM raw.customers","session_info":{"session_id":"s1"}}
            {"job_id":"j5","project_id":"p","user_email":"ana@x.com","creation_time":"2026-11-03T01:05:00Z","statement_type":"CREATE_TABLE_AS_SELECT","query":"CREATE TABLE mart.copy AS SELECT email FROM x","session_info":{"session_id":"s1"}}
            {"job_id":"j6","project_id":"p","user_email":"ana@x.com","creation_time":"2026-11-03T02:00:00Z","statement_type":"SELECT","query":"SELECT FROM WHERE ((("}
            {"job_id": "broken", "query":
            {"job_id":"j7","project_id":"p","query":"SELECT 1","creation_time":"yesterday"}
            {"job_id":"l1","project_id":"p","job_type":"LOAD","state":"DONE","creation_time":"2026-11-02T00:00:00Z"}
            """;

    private static JsonlJobSource source() {
        Path jobs = writeFile("jobs.jsonl", JOBS);
        Path catalog = writeFile("catalog.json", CATALOG);
        return new JsonlJobSource(jobs.toString(), Optional.of(catalog.toString()));
    }

    private static Set<String> directEdges() {
        return rows("""
                MATCH (s:Column)-[f:FEEDS {type: 'DIRECT'}]->(t:Column)
                RETURN s.fqn + ' -> ' + t.fqn + ' ' + f.subtype AS e
                """).stream().map(r -> (String) r.get("e")).collect(Collectors.toSet());
    }

    @Test
    void jobsBecomeColumnLineageWithEachDistinctQueryAnalysedOnce() {
        RunReport report = extract(source(), window(null, "2026-12-01T00:00:00Z"));

        assertEquals(Optional.empty(), report.error());
        assertEquals("SUCCEEDED", report.status());
        assertEquals(10, report.counter("rows_read"));
        assertEquals(2, report.counter("malformed_rows"));
        assertEquals(1, report.counter("skipped_rows"));
        assertEquals(6, report.counter("job_runs"), "j1 exported twice counts once");
        assertEquals(5, report.counter("distinct_queries"), "j1 and j2 differ only in a literal and layout");
        assertEquals(4, report.counter("parsed_queries"));
        assertEquals(80.0, report.parsedPercent());
        assertEquals(1L, report.failuresByCode().get("PARSE_ERROR"));
        assertEquals(2, report.malformedSamples().size());
        assertTrue(report.malformedSamples().stream().anyMatch(s -> s.startsWith("unreadable creation_time 'yesterday'")),
                report.malformedSamples().toString());

        assertEquals(Set.of(
                "p.raw.customers.id -> p.mart.de_customers.id IDENTITY",
                "p.raw.customers.email -> p.mart.de_customers.email IDENTITY",
                "p.raw.orders.customer_id -> p.mart.totals.customer_id IDENTITY",
                "p.raw.orders.amount -> p.mart.totals.total AGGREGATION",
                "p.raw.customers.email -> p.mart.copy.email IDENTITY"), directEdges(),
                "the session's second job reads the TEMP table its first job made");
        assertEquals(List.of(Map.of("subtype", "FILTER")), rows("""
                MATCH (:Column {fqn: 'p.raw.customers.country'})-[i:INFLUENCES]->(:Table {fqn: 'p.mart.de_customers'})
                RETURN i.subtype AS subtype"""));

        Map<String, Object> q1 = rows("""
                MATCH (q:Query)-[:WRITES]->(:Table {fqn: 'p.mart.de_customers'})
                RETURN q.run_count AS runs, q.users AS users, q.sample_sql AS sql, q.last_job_id AS job""").get(0);
        assertEquals(2L, q1.get("runs"));
        assertEquals(Set.of("u1@x.com", "u2@x.com"), Set.copyOf((List<?>) q1.get("users")));
        assertEquals("j2", q1.get("job"), "the newest run is the sample");
        assertTrue(((String) q1.get("sql")).contains("'FR'"));

        Map<String, Object> failed = rows("""
                MATCH (r:ExtractionRun {status: 'SUCCEEDED'})-[:FAILED]->(q:Query)
                WHERE q.status = 'PARSE_ERROR'
                RETURN r.run_id AS run, q.sample_sql AS sql, q.problems AS problems""").get(0);
        assertEquals(report.runId(), failed.get("run"));
        assertEquals("SELECT FROM WHERE (((", failed.get("sql"));
        assertTrue(((List<?>) failed.get("problems")).get(0).toString().startsWith("PARSE_ERROR: "), failed.toString());
    }

    @Test
    void reRunningTheSameWindowChangesNothing() {
        JsonlJobSource source = source();
        extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        List<String> once = lineageSnapshot();
        RunReport again = extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", again.status());
        assertEquals(once, lineageSnapshot());
        assertEquals(2, new ExtractionRunStore(driver()).history(10).size());
    }

    @Test
    void incrementalRunsStartAtTheWatermark() {
        JsonlJobSource source = source();
        RunReport first = extract(source, window(null, "2026-11-02T00:00:00Z"));
        assertEquals(1, first.counter("distinct_queries"));
        assertEquals(5, first.counter("outside_window_rows"));
        assertEquals(Set.of("p.raw.customers.id -> p.mart.de_customers.id IDENTITY",
                "p.raw.customers.email -> p.mart.de_customers.email IDENTITY"), directEdges());

        RunReport second = extract(source, window(null, "2026-12-01T00:00:00Z"));
        assertEquals("2026-11-02T00:00:00Z", second.since(), "starts where the first stopped");
        assertEquals(2, second.counter("outside_window_rows"), "j1 (twice) is before the watermark");
        assertEquals(5, second.counter("distinct_queries") + first.counter("distinct_queries") - 1,
                "q1 ran in both windows");
        assertEquals(5, directEdges().size());
        assertEquals(List.of(Map.of("runs", 2L)), rows("""
                MATCH (q:Query)-[:WRITES]->(:Table {fqn: 'p.mart.de_customers'}) RETURN q.run_count AS runs"""));
    }

    @Test
    void anUnreachableGraphFailsTheRunCleanlyAndARerunCompletesIt() {
        JsonlJobSource source = source();
        // nothing listens on port 1: every write task fails after its (shortened) retries
        RunReport failed = extract(source, window(null, "2026-12-01T00:00:00Z"), new GraphTarget("bolt://127.0.0.1:1", "", "", 1));
        assertEquals("FAILED", failed.status());
        assertTrue(failed.error().orElseThrow().startsWith("the lineage graph became unreachable"), failed.error().toString());
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        assertEquals(ExtractionRun.FAILED, runs.history(1).get(0).status());
        assertEquals(Optional.empty(), runs.watermark("jsonl:" + sourcePath(source)), "a failed run moves no watermark");

        RunReport retried = extract(source, window(null, "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", retried.status());
        assertEquals(5, directEdges().size());
        assertEquals(Optional.of(Instant.parse("2026-12-01T00:00:00Z")), runs.watermark(source.sourceKeys().get(0).substring(6)
                .isEmpty() ? "" : source.sourceKeys().get(0)));
    }

    @Test
    void aBulkFirstLoadBuildsTheGraphAnOnlineRunWritesAndRecordsTheRunInIt() throws Exception {
        JsonlJobSource source = source();
        extract(source, window(null, "2026-12-01T00:00:00Z"));
        List<String> online = lineageSnapshot();
        Path home = java.nio.file.Files.createTempDirectory("colineage-first-load");
        GraphSettings settings = GraphSettings.embedded(home).withPageCache(64L * 1024 * 1024);
        try (BulkFirstLoad firstLoad = new BulkFirstLoad(settings)) {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
            RunReport report = new ExtractionJob(sc, firstLoad, Optional.empty()).run(source, window(null, "2026-12-01T00:00:00Z"));
            assertEquals("SUCCEEDED", report.status(), report.toJson());
            assertEquals(5, report.counter("distinct_queries"));
            Driver built = firstLoad.store().orElseThrow().driver();
            List<String> bulk = lineageSnapshot(built);
            assertEquals(List.of(), online.stream().filter(l -> !bulk.contains(l)).toList(), () -> "only in the bulk-built graph: "
                    + bulk.stream().filter(l -> !online.contains(l)).toList());
            assertEquals(online, bulk);
            assertEquals(report.counter("edges_written"), report.counter("graph_column_edges"));
            assertTrue(report.toJson().contains("\"bulk_import\""), "the report times the import within the write stage");
            ExtractionRunStore runs = new ExtractionRunStore(built);
            assertEquals(List.of(ExtractionRun.SUCCEEDED), runs.history(10).stream().map(ExtractionRun::status).toList());
            assertEquals(Optional.of(Instant.parse("2026-12-01T00:00:00Z")), runs.watermark(source.sourceKeys().get(0)),
                    "the next (online) run starts where the first load stopped");
            try (Session s = built.session()) {
                assertEquals(1L, s.run("MATCH (:ExtractionRun)-[:FAILED]->(q:Query {status: 'PARSE_ERROR'}) RETURN count(q) AS n")
                        .single().get("n").asLong(), "the unparseable query is recorded as in an online run");
            }
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(home);
        }
    }

    /** dbt's incremental model: the scratch table in one job, the merge in the next, as separate query jobs. */
    private static final String DBT_JOBS = """
            {"job_id":"d2","project_id":"p","user_email":"dbt@x.com","creation_time":"2026-11-03T01:05:00Z","statement_type":"MERGE","query":"merge into `p`.`mart`.`dim` as DBT_INTERNAL_DEST using (select id, email from `p`.`mart`.`dim__dbt_tmp`) as DBT_INTERNAL_SOURCE on DBT_INTERNAL_SOURCE.id = DBT_INTERNAL_DEST.id when matched then update set email = DBT_INTERNAL_SOURCE.email when not matched then insert (id, email) values (DBT_INTERNAL_SOURCE.id, DBT_INTERNAL_SOURCE.email)"}
            {"job_id":"d1","project_id":"p","user_email":"dbt@x.com","creation_time":"2026-11-03T01:00:00Z","statement_type":"CREATE_TABLE_AS_SELECT","query":"create or replace table `p`.`mart`.`dim__dbt_tmp` OPTIONS(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 12 hour)) as (select id, email from `p`.`raw`.`customers` where country = 'DE')"}
            """;

    @Test
    void lineageGoesThroughDbtScratchTablesAcrossJobs() {
        JsonlJobSource source = new JsonlJobSource(writeFile("dbt.jsonl", DBT_JOBS).toString(),
                Optional.of(writeFile("catalog.json", CATALOG).toString()));
        RunReport report = extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", report.status(), report.toJson());
        assertEquals(1, report.counter("transient_tables"));
        assertEquals(Set.of("p.raw.customers.id -> p.mart.dim.id IDENTITY", "p.raw.customers.email -> p.mart.dim.email IDENTITY"),
                directEdges());
        assertEquals(List.of(), rows("""
                MATCH (t:Table {fqn: 'p.mart.dim__dbt_tmp'})-[:HAS_COLUMN]->(c)-[f:FEEDS|INFLUENCES]-()
                RETURN c.fqn AS c
                """), "the scratch table is no node of an answer");
        assertEquals(List.of(Map.of("s", "p.raw.customers.country", "subtype", "FILTER"),
                Map.of("s", "p.raw.customers.id", "subtype", "JOIN")), rows("""
                MATCH (s:Column)-[f:INFLUENCES]->(:Table {fqn: 'p.mart.dim'}) WHERE s.table_fqn = 'p.raw.customers'
                RETURN s.fqn AS s, f.subtype AS subtype ORDER BY s
                """));
        List<String> once = lineageSnapshot();
        extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals(once, lineageSnapshot(), "re-running the window changes nothing");
    }

    private static final String ROUTINE_JOBS = """
            {"job_id":"r1","project_id":"p","user_email":"etl@x.com","creation_time":"2026-11-03T01:00:00Z","statement_type":"CREATE_TABLE_AS_SELECT","query":"CREATE TABLE mart.keys AS SELECT udf.email_token(email, country) AS k, udf.gone(id) AS g FROM raw.customers"}
            """;
    private static final String ROUTINES = """
            {"routine_catalog":"p","routine_schema":"udf","routine_name":"email_token","routine_type":"FUNCTION","routine_body":"SQL","ddl":"CREATE FUNCTION udf.email_token(e STRING, c STRING) AS (TO_HEX(SHA256(LOWER(e))))"}
            {"routine_catalog":"p","routine_schema":"udf","routine_name":"bad"}
            """;

    @Test
    void persistentRoutinesFromAJsonlExportAreTracedThroughTheirBodies() {
        JsonlJobSource source = new JsonlJobSource(writeFile("routine-jobs.jsonl", ROUTINE_JOBS).toString(),
                Optional.of(writeFile("catalog.json", CATALOG).toString()), Optional.of(writeFile("routines.jsonl", ROUTINES).toString()),
                Optional.empty());
        RunReport report = extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", report.status(), report.toJson());
        assertEquals(1, report.counter("routines_read"));
        assertEquals(1, report.counter("routines_skipped"));
        assertEquals(List.of(Map.of("e", "p.raw.customers.email -> p.mart.keys.k TRANSFORMATION", "masking", true),
                Map.of("e", "p.raw.customers.id -> p.mart.keys.g TRANSFORMATION", "masking", false)), rows("""
                MATCH (s:Column)-[f:FEEDS]->(t:Column {table_fqn: 'p.mart.keys'})
                RETURN s.fqn + ' -> ' + t.fqn + ' ' + f.subtype AS e, f.masking AS masking ORDER BY e
                """), "country is never read by the body, email is hashed, udf.gone is unknown");
        assertTrue(report.toJson().contains("UNKNOWN_ROUTINE"), report.toJson());
    }

    private static final String METADATA = """
            {"information_schema_view":"VIEWS","table_catalog":"p","table_schema":"mart","table_name":"emails","view_definition":"SELECT id, udf.email_token(email, country) AS k FROM `p.raw.customers`"}
            {"information_schema_view":"TABLES","table_catalog":"p","table_schema":"mart","table_name":"emails","table_type":"VIEW","creation_time":"2025-03-01 10:00:00 UTC"}
            {"information_schema_view":"VIEWS","table_catalog":"p","table_schema":"mart","table_name":"broken","view_definition":"SELECT FROM WHERE GROUP"}
            {"information_schema_view":"VIEWS","table_catalog":"p","table_schema":"mart","table_name":"legacy","view_definition":"SELECT id FROM [p:raw.customers]","use_standard_sql":"NO"}
            {"information_schema_view":"TABLES","table_catalog":"p","table_schema":"mart","table_name":"orders_copy","table_type":"CLONE","creation_time":"2025-04-01 10:00:00 UTC","base_table_catalog":"p","base_table_schema":"raw","base_table_name":"orders"}
            {"information_schema_view":"ROUTINES","routine_catalog":"p","routine_schema":"udf","routine_name":"email_token","routine_type":"FUNCTION","routine_body":"SQL","ddl":"CREATE FUNCTION udf.email_token(e STRING, c STRING) AS (TO_HEX(SHA256(LOWER(e))))"}
            {"information_schema_view":"SCHEMATA","catalog_name":"p"}
            """;

    /**
     * Definitions from a metadata file predate the window and still count; one that does not parse is kept
     * as a failed query and a legacy SQL view is counted, not analysed; the run goes on, and again gives
     * the same graph.
     */
    @Test
    void definitionsFromAMetadataFileAreLineageAndBadOnesAreCountedNotFatal() {
        JsonlJobSource source = new JsonlJobSource(writeFile("routine-jobs.jsonl", ROUTINE_JOBS).toString(),
                Optional.of(writeFile("catalog.json", CATALOG).toString()), Optional.empty(),
                Optional.of(writeFile("metadata.jsonl", METADATA).toString()));
        RunReport report = extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", report.status(), report.toJson());
        assertEquals(3, report.counter("definitions_read_view"), "emails, broken, legacy");
        assertEquals(2, report.counter("definitions_analysed_view"));
        assertEquals(2, report.counter("definitions_failed_view"), "broken does not parse, legacy is not analysable");
        assertEquals(1, report.counter("definitions_unusable_view"));
        assertEquals(1, report.counter("definitions_analysed_clone"));
        assertEquals(0, report.counter("definitions_failed_clone"));
        assertEquals(2, report.counter("metadata_problems"), "SCHEMATA is no metadata view, and the legacy view");
        assertEquals(List.of(Map.of("e", "p.raw.customers.email -> p.mart.emails.k TRANSFORMATION", "masking", true),
                Map.of("e", "p.raw.customers.id -> p.mart.emails.id IDENTITY", "masking", false),
                Map.of("e", "p.raw.orders.amount -> p.mart.orders_copy.amount IDENTITY", "masking", false),
                Map.of("e", "p.raw.orders.customer_id -> p.mart.orders_copy.customer_id IDENTITY", "masking", false),
                Map.of("e", "p.raw.orders.order_id -> p.mart.orders_copy.order_id IDENTITY", "masking", false)), rows("""
                MATCH (s:Column)-[f:FEEDS]->(t:Column) WHERE t.table_fqn IN ['p.mart.emails', 'p.mart.orders_copy']
                RETURN s.fqn + ' -> ' + t.fqn + ' ' + f.subtype AS e, f.masking AS masking ORDER BY e
                """), "the view's UDF comes from the metadata's ROUTINES rows and hashes");
        assertEquals(List.of(Map.of("kind", "DEFINITION", "status", "PARSE_ERROR", "job", "definition:VIEW:p.mart.broken")), rows("""
                MATCH (:ExtractionRun)-[:FAILED]->(q:Query) WHERE q.kind = 'DEFINITION'
                RETURN q.kind AS kind, q.status AS status, q.last_job_id AS job
                """));
        List<String> once = lineageSnapshot();
        extract(source, window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals(once, lineageSnapshot(), "the same definitions, ids and times: nothing changes");
    }

    /** A run a kill -9 left RUNNING is marked ABANDONED by the next extraction, and blocks nothing. */
    @Test
    void theNextExtractionReclaimsARunWhoseProcessDied() {
        ExtractionRunStore runs = new ExtractionRunStore(driver());
        runs.save(new ExtractionRun("crashed", List.of("jsonl:elsewhere"), Optional.empty(), Instant.parse("2026-11-01T00:00:00Z"),
                ExtractionRun.RUNNING, Instant.parse("2026-11-01T00:00:00Z"), Optional.empty(), Map.of(), Optional.empty(), "{}"));
        try (Session s = driver().session()) {
            s.run("MATCH (r:ExtractionRun {run_id: 'crashed'}) SET r.host = 'gone-host', r.lease_until = datetime() - duration('PT5M')")
                    .consume();
        }
        RunReport report = extract(source(), window("2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", report.status());
        ExtractionRun crashed = runs.history(10).stream().filter(r -> r.runId().equals("crashed")).findFirst().orElseThrow();
        assertEquals(ExtractionRun.ABANDONED, crashed.status());
        assertTrue(crashed.error().orElseThrow().contains("lease expired"), crashed.toString());
    }

    @Test
    void aBulkFirstLoadRefusesAStoreThatExists() {
        Path existing = store().settings().dataDir();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BulkFirstLoad(GraphSettings.embedded(existing)));
        assertTrue(e.getMessage().contains("holds one already"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new BulkFirstLoad(GraphSettings.embedded(existing).withUri("bolt://localhost:7687")));
    }

    private static String sourcePath(JsonlJobSource source) {
        return source.sourceKeys().get(0).substring("jsonl:".length());
    }
}
