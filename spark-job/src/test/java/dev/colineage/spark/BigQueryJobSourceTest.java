package dev.colineage.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.spark.BigQueryStandIn.JobRow;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.BigQueryJobSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BigQuery source with the real Google Cloud BigQuery client over HTTP, against a local stand-in
 * for the REST endpoints, through Spark into the embedded Neo4j.
 */
class BigQueryJobSourceTest extends SparkTestSupport {

    private BigQueryStandIn bigquery;

    @BeforeEach
    void startStandIn() throws Exception {
        bigquery = new BigQueryStandIn(3);
        bigquery.addColumns("shop", "raw", "customers", "id", "INT64", "email", "STRING",
                "address", "STRUCT<city STRING, zip STRING>", "address.city", "STRING", "address.zip", "STRING",
                "tags", "ARRAY<STRING>");
        bigquery.addColumns("shop", "mart", "cities", "city", "STRING", "n", "INT64");
        String copy = "SELECT * EXCEPT (tags) FROM raw.customers";
        bigquery.addJob(job("b0", "2026-10-01T00:00:00Z", copy, "shop.mart.customers_copy"));
        bigquery.addJob(job("b1", "2026-11-01T01:00:00Z", copy, "shop.mart.customers_copy"));
        bigquery.addJob(job("b2", "2026-11-01T02:00:00Z",
                "SELECT address.city AS city, COUNT(*) AS n FROM raw.customers GROUP BY city", "shop.mart.cities"));
        for (int day = 2; day <= 6; day++) {
            bigquery.addJob(job("b" + (day + 1), "2026-11-0" + day + "T01:00:00Z", copy, "shop.mart.customers_copy"));
        }
        bigquery.addJob(new JobRow("b8", "shop", "etl@shop.com", Instant.parse("2026-11-07T01:00:00Z"), "SELECT",
                "SELECT x FROM legacy.old", "shop.mart.y", List.of("shop.legacy.old"), null));
    }

    @AfterEach
    void stopStandIn() {
        bigquery.close();
    }

    private static JobRow job(String id, String created, String sql, String destination) {
        return new JobRow(id, "shop", "scheduler@shop.iam.gserviceaccount.com", Instant.parse(created), "SELECT", sql,
                destination, List.of("shop.raw.customers"), null);
    }

    private BigQueryJobSource source() {
        return new BigQueryJobSource(new BigQueryJobSource.Settings(List.of("shop"), List.of("us"), false,
                Optional.of(bigquery.endpoint()), Optional.empty()));
    }

    private static Set<String> directEdges() {
        return rows("MATCH (s:Column)-[f:FEEDS {type: 'DIRECT'}]->(t:Column) RETURN s.fqn + ' -> ' + t.fqn + ' ' + f.subtype AS e")
                .stream().map(r -> (String) r.get("e")).collect(Collectors.toSet());
    }

    @Test
    void jobsAreReadPageByPageWithTheRealClientAndSchemasComeFromColumnFieldPaths() {
        RunReport report = extract(source(), window("2026-10-15T00:00:00Z", "2026-12-01T00:00:00Z"));

        assertEquals("SUCCEEDED", report.status(), report.toJson());
        assertEquals(8, report.counter("rows_read"), "b0 is before the window: BigQuery filtered it out");
        assertEquals(3, report.counter("distinct_queries"));
        assertEquals(1L, report.failuresByCode().get("UNKNOWN_TABLE"), "legacy.old has no schema: reported, not fatal");
        assertEquals(Set.of(
                "shop.raw.customers.id -> shop.mart.customers_copy.id IDENTITY",
                "shop.raw.customers.email -> shop.mart.customers_copy.email IDENTITY",
                "shop.raw.customers.address -> shop.mart.customers_copy.address IDENTITY",
                "shop.raw.customers.address.city -> shop.mart.cities.city IDENTITY",
                "shop.legacy.old.x -> shop.mart.y.x IDENTITY"), directEdges(),
                "SELECT * EXCEPT expanded with the schema read from COLUMN_FIELD_PATHS");

        assertEquals(List.of(), bigquery.unexpected);
        assertTrue(bigquery.requests.stream().anyMatch(r -> r.method().equals("POST") && r.gzip()), "request bodies are gzipped");
        assertTrue(bigquery.requests.stream().anyMatch(r -> r.path().endsWith("/jobs/standin_0")), "the client looked the job up");
        assertEquals(2, bigquery.requests.stream().filter(r -> r.path().endsWith("/tables/anon_standin_0/data")).count(),
                "8 rows in pages of 3: the first with the query, two more by pageToken");
        String jobsSql = bigquery.sqlReceived().get(0);
        assertTrue(jobsSql.contains("FROM `shop`.`region-us`.INFORMATION_SCHEMA.JOBS"), jobsSql);
        assertTrue(jobsSql.contains("state = 'DONE' AND error_result IS NULL"), jobsSql);
        Set<String> schemaQueries = bigquery.sqlReceived().stream().filter(s -> s.contains("COLUMN_FIELD_PATHS"))
                .map(s -> s.replaceAll("(?s).*FROM `([^`]+)`\\.`([^`]+)`.*", "$1.$2")).collect(Collectors.toSet());
        assertEquals(Set.of("shop.raw", "shop.mart", "shop.legacy"), schemaQueries);
    }

    @Test
    void theNextRunAsksBigQueryOnlyForJobsSinceTheWatermark() {
        extract(source(), window("2026-10-15T00:00:00Z", "2026-11-04T00:00:00Z"));
        bigquery.requests.clear();
        RunReport second = extract(source(), window(null, "2026-12-01T00:00:00Z"));
        assertEquals("2026-11-04T00:00:00Z", second.since());
        assertEquals(4, second.counter("rows_read"), "b5, b6, b7 and b8");
        var jobsQuery = bigquery.requests.stream().filter(r -> r.body() != null && r.body().path("query").asText()
                .contains("INFORMATION_SCHEMA.JOBS")).findFirst().orElseThrow().body();
        java.util.Map<String, Instant> parameters = new java.util.HashMap<>();
        jobsQuery.get("queryParameters").forEach(p -> parameters.put(p.get("name").asText(),
                BigQueryStandIn.timestamp(p.path("parameterValue").path("value").asText())));
        assertEquals(java.util.Map.of("since", Instant.parse("2026-11-04T00:00:00Z"), "until", Instant.parse("2026-12-01T00:00:00Z")),
                parameters);
    }

    /**
     * A warehouse whose view was made before the window (no job shows its text), with a hashing UDF, a
     * snapshot, a table of another project's dataset the caller may not read, and more TABLES rows than
     * one page holds.
     */
    private void addMetadata() {
        Instant september = Instant.parse("2026-09-14T08:00:00Z");
        bigquery.addMetadata("VIEWS", "table_catalog", "shop", "table_schema", "mart", "table_name", "contacts",
                "view_definition", "SELECT id, udf.key(email) AS email_token FROM `shop.raw.customers`", "use_standard_sql", "YES");
        bigquery.addMetadata("TABLES", "table_catalog", "shop", "table_schema", "mart", "table_name", "contacts",
                "table_type", "VIEW", "creation_time", september);
        bigquery.addMetadata("TABLES", "table_catalog", "shop", "table_schema", "mart", "table_name", "customers_snap",
                "table_type", "SNAPSHOT", "creation_time", september, "base_table_catalog", "shop", "base_table_schema", "raw",
                "base_table_name", "customers");
        bigquery.addMetadata("TABLE_SNAPSHOTS", "table_catalog", "shop", "table_schema", "mart", "table_name", "customers_snap",
                "base_table_catalog", "shop", "base_table_schema", "raw", "base_table_name", "customers", "snapshot_time", september);
        for (String t : List.of("customers", "a", "b", "c")) {
            bigquery.addMetadata("TABLES", "table_catalog", "shop", "table_schema", "raw", "table_name", t, "table_type", "BASE TABLE");
        }
        for (String t : List.of("e1", "e2", "e3")) {
            bigquery.addMetadata("TABLES", "table_catalog", "shop", "table_schema", "raw", "table_name", t, "table_type", "EXTERNAL");
        }
        bigquery.addMetadata("ROUTINES", "routine_catalog", "shop", "routine_schema", "udf", "routine_name", "key",
                "routine_type", "FUNCTION", "routine_body", "SQL", "routine_definition", "TO_HEX(SHA256(LOWER(x)))",
                "last_altered", september);
        bigquery.addMetadata("PARAMETERS", "specific_catalog", "shop", "specific_schema", "udf", "specific_name", "key",
                "ordinal_position", 1, "parameter_mode", "IN", "is_result", "NO", "parameter_name", "x", "data_type", "STRING");
        bigquery.addMetadata("VIEWS", "table_catalog", "partner", "table_schema", "shared", "table_name", "secret",
                "view_definition", "SELECT 1 AS one");
        bigquery.refuse("partner.shared");
        bigquery.addJob(new JobRow("m1", "shop", "bi@shop.com", Instant.parse("2026-11-03T01:00:00Z"), "SELECT",
                "SELECT c.email_token, p.fee FROM mart.contacts AS c JOIN `partner.shared.fees` AS p ON p.id = c.id", "shop.mart.report",
                List.of("shop.raw.customers", "partner.shared.fees"), null));
    }

    @Test
    void definitionsAndRoutinesComeFromTheMetadataViewsAndARefusedDatasetIsReported() {
        addMetadata();
        RunReport report = extract(source(), window("2026-10-15T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals("SUCCEEDED", report.status(), report.toJson());
        assertEquals(1, report.counter("definitions_read_view"));
        assertEquals(1, report.counter("definitions_read_snapshot"));
        assertEquals(3, report.counter("external_tables"));
        assertEquals(1, report.counter("routines_read"), "its ddl built from routine_definition and PARAMETERS");
        assertEquals(5, report.counter("metadata_refused"), "the five views of partner.shared, each reported");
        Set<String> edges = rows("MATCH (s:Column)-[f:FEEDS]->(t:Column) WHERE t.fqn STARTS WITH 'shop.mart.contacts' "
                + "OR t.fqn STARTS WITH 'shop.mart.report' OR t.fqn STARTS WITH 'shop.mart.customers_snap' "
                + "RETURN s.fqn + ' -> ' + t.fqn + ' ' + f.subtype + (CASE WHEN f.masking THEN ' masked' ELSE '' END) AS e")
                .stream().map(r -> (String) r.get("e")).collect(Collectors.toSet());
        assertEquals(Set.of(
                "shop.raw.customers.id -> shop.mart.contacts.id IDENTITY",
                "shop.raw.customers.email -> shop.mart.contacts.email_token TRANSFORMATION masked",
                "shop.mart.contacts.email_token -> shop.mart.report.email_token IDENTITY",
                "shop.partner.shared.fees.fee -> shop.mart.report.fee IDENTITY".replace("shop.partner", "partner"),
                "shop.raw.customers.id -> shop.mart.customers_snap.id IDENTITY",
                "shop.raw.customers.email -> shop.mart.customers_snap.email IDENTITY",
                "shop.raw.customers.address -> shop.mart.customers_snap.address IDENTITY",
                "shop.raw.customers.tags -> shop.mart.customers_snap.tags IDENTITY"), edges);
        assertEquals(List.of("DEFINITION 2026-09-14T08:00:00Z"), rows("MATCH (q:Query {last_job_id: 'definition:VIEW:shop.mart.contacts'}) "
                + "RETURN q.kind + ' ' + toString(q.last_seen) AS d").stream().map(r -> (String) r.get("d")).toList());

        Set<String> metadataSql = bigquery.sqlReceived().stream().filter(q -> q.contains("INFORMATION_SCHEMA.")
                        && !q.contains("JOBS") && !q.contains("COLUMN_FIELD_PATHS"))
                .map(q -> q.replaceAll("(?s).* FROM (\\S+)(.*)", "$1$2")).collect(Collectors.toSet());
        assertEquals(Set.of("`shop`.`region-us`.INFORMATION_SCHEMA.VIEWS", "`shop`.`region-us`.INFORMATION_SCHEMA.TABLES WHERE table_type != 'BASE TABLE'",
                "`shop`.`region-us`.INFORMATION_SCHEMA.TABLE_SNAPSHOTS", "`shop`.`region-us`.INFORMATION_SCHEMA.ROUTINES",
                "`shop`.`region-us`.INFORMATION_SCHEMA.PARAMETERS", "`partner`.`shared`.INFORMATION_SCHEMA.VIEWS",
                "`partner`.`shared`.INFORMATION_SCHEMA.TABLES WHERE table_type != 'BASE TABLE'",
                "`partner`.`shared`.INFORMATION_SCHEMA.TABLE_SNAPSHOTS", "`partner`.`shared`.INFORMATION_SCHEMA.ROUTINES",
                "`partner`.`shared`.INFORMATION_SCHEMA.PARAMETERS"), metadataSql);
        assertTrue(bigquery.requests.stream().filter(r -> r.path().endsWith("/data")).count() >= 2,
                "TABLES' 5 non-base rows come in pages of 3");
        assertEquals(List.of(), bigquery.unexpected);

        // the same metadata read again: the same definitions, ids and times, the graph compares equal
        List<String> before = lineageSnapshot();
        extract(source(), window("2026-10-15T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertEquals(before, lineageSnapshot());
    }
}
