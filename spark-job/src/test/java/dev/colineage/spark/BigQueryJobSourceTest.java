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
}
