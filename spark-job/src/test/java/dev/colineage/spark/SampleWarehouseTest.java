package dev.colineage.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.metadata.WarehouseMetadata;
import dev.colineage.graph.extract.LocalExtraction;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.spark.cli.DemoCommand;
import dev.colineage.spark.job.ExtractionSettings;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.SampleJobSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample warehouse the demo extracts: the figures and the impact answer the README shows. */
class SampleWarehouseTest extends SparkTestSupport {

    @Test
    void theDemoRunAndItsImpactAnswer() {
        RunReport report = extract(new SampleJobSource(), ExtractionSettings.defaults());
        assertEquals("SUCCEEDED", report.status());
        assertEquals(591, report.counter("rows_read"));
        assertEquals(42, report.counter("skipped_rows"), "31 LOAD jobs, 4 failed queries, 7 failed runs of the promotion reader");
        assertEquals(0, report.counter("malformed_rows"));
        assertEquals(549, report.counter("job_runs"));
        assertEquals(36, report.counter("distinct_queries"), "30 of the jobs and 6 definitions of the metadata");
        assertEquals(167, report.counter("graph_column_edges"));
        assertEquals(Map.of("NO_DESTINATION", 4L, "UNKNOWN_TABLE", 1L, "UNSUPPORTED_STATEMENT", 1L), report.failuresByCode());
        // into an empty graph: everything is new; already retired are the pipeline stopped in October, the view's first
        // definition, the metadata's definition of its second (superseded by the job that created the view 43 s after the
        // table's creation time; the edges stay current through the job), the DROP and the dynamic SQL of 16 October
        // (silent for more than 30 days before the newest job)
        Map<String, Long> changes = new java.util.TreeMap<>();
        report.counters().forEach((k, v) -> {
            if (k.startsWith("lineage_")) {
                changes.put(k, v);
            }
        });
        assertEquals("{lineage_edges_became_current=161, lineage_edges_retired=0, lineage_queries_dropped=0, lineage_queries_inactive=0,"
                + " lineage_queries_new=31, lineage_queries_new_retired=5, lineage_queries_resumed=0, lineage_queries_superseded=0}",
                changes.toString());

        // the demo's answer: the current lineage, as the server's read model gives it
        List<String> impact = new dev.colineage.graph.memory.InMemoryLineageReader(new dev.colineage.graph.memory.LineageGraphs(driver(),
                java.time.Duration.ofSeconds(60), java.time.Duration.ZERO))
                .columnLineage(DemoCommand.EXAMPLE_COLUMN, Direction.DOWNSTREAM, TraversalOptions.defaults()).orElseThrow()
                .hits().stream().map(SampleWarehouseTest::line).sorted().toList();
        assertEquals(List.of(
                "1 acme-shop.staging.stg_customers.email unmasked",
                "1 acme-shop.staging.stg_customers.email_hash masked",
                "2 acme-shop.mart.dim_customer.email_hash masked",
                "2 acme-shop.mart.marketing_contacts.email unmasked",
                "2 acme-shop.mart.vip_contacts.email unmasked",
                // through the view that only the metadata defines, and the UDF that hashes on the way into it;
                // its WHERE email IS NOT NULL decides every row it returns (INDIRECT, not masked)
                "2 acme-shop.mart.vw_contactable_customers unmasked",
                "2 acme-shop.mart.vw_contactable_customers.country unmasked",
                "2 acme-shop.mart.vw_contactable_customers.customer_id unmasked",
                "2 acme-shop.mart.vw_contactable_customers.email_token masked",
                "2 acme-shop.mart.vw_contactable_customers.lifetime_value unmasked",
                "3 acme-shop.mart.crm_audience unmasked",
                "3 acme-shop.mart.crm_audience.country unmasked",
                "3 acme-shop.mart.crm_audience.email_token masked",
                "3 acme-shop.mart.crm_audience.lifetime_value unmasked",
                // created again on 19 October; newsletter_subscribers, whose pipeline stopped on 15 October, is retired
                "3 acme-shop.mart.promo_targets.email_hash masked",
                "3 acme-shop.mart.vw_active_customers.email_hash masked"), impact);

        // the same log again changes no lifetime
        RunReport again = extract(new SampleJobSource(), ExtractionSettings.defaults());
        again.counters().forEach((k, v) -> {
            if (k.startsWith("lineage_")) {
                assertEquals(0L, v, k);
            }
        });
    }

    @Test
    void theMetadataAddsDefinitionsAndRoutineBodies() {
        RunReport report = extract(new SampleJobSource(), ExtractionSettings.defaults());
        assertEquals("SUCCEEDED", report.status(), report.toJson());
        Map<String, Long> metadata = new java.util.TreeMap<>();
        report.counters().forEach((k, v) -> {
            if (k.startsWith("definitions_") || k.startsWith("routine") || k.startsWith("metadata_") || k.equals("external_tables")) {
                metadata.put(k, v);
            }
        });
        assertEquals(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("definitions_read", 6L), Map.entry("definitions_unusable", 0L),
                Map.entry("definitions_read_view", 4L), Map.entry("definitions_read_materialized_view", 1L),
                Map.entry("definitions_read_snapshot", 1L), Map.entry("definitions_read_clone", 0L),
                Map.entry("definitions_analysed", 6L), Map.entry("definitions_analysed_view", 4L),
                Map.entry("definitions_analysed_materialized_view", 1L), Map.entry("definitions_analysed_snapshot", 1L),
                Map.entry("external_tables", 1L), Map.entry("metadata_problems", 0L), Map.entry("metadata_rows_tables", 30L),
                Map.entry("metadata_rows_views", 4L), Map.entry("metadata_rows_table_snapshots", 1L),
                Map.entry("metadata_rows_routines", 3L), Map.entry("metadata_rows_parameters", 3L),
                Map.entry("routines_read", 3L), Map.entry("routines_skipped", 0L),
                Map.entry("routine_calls", 3L), Map.entry("routine_calls_resolved", 3L), Map.entry("routine_calls_unknown", 0L))),
                metadata);
        // the table function: the caller's columns trace to fct_orders, the parameter's filter with them
        assertEquals(List.of(
                "acme-shop.mart.fct_orders.country INFLUENCES acme-shop.mart.de_orders INDIRECT/FILTER",
                "acme-shop.mart.fct_orders.customer_id FEEDS acme-shop.mart.de_orders.customer_id DIRECT/IDENTITY",
                "acme-shop.mart.fct_orders.order_id FEEDS acme-shop.mart.de_orders.order_id DIRECT/IDENTITY",
                "acme-shop.mart.fct_orders.order_total FEEDS acme-shop.mart.de_orders.order_total DIRECT/IDENTITY"), into("de_orders"));
        // the procedure a scheduled CALL job runs, its TEMP table collapsed
        assertEquals(List.of(
                "acme-shop.mart.customer_ltv.customer_id FEEDS acme-shop.mart.vip_customers.customer_id DIRECT/IDENTITY",
                "acme-shop.mart.customer_ltv.customer_id INFLUENCES acme-shop.mart.vip_customers INDIRECT/JOIN",
                "acme-shop.mart.customer_ltv.lifetime_value FEEDS acme-shop.mart.vip_customers.lifetime_value DIRECT/IDENTITY",
                "acme-shop.mart.customer_ltv.lifetime_value INFLUENCES acme-shop.mart.vip_customers INDIRECT/FILTER",
                "acme-shop.mart.dim_customer.age_band FEEDS acme-shop.mart.vip_customers.age_band DIRECT/IDENTITY",
                "acme-shop.mart.dim_customer.country FEEDS acme-shop.mart.vip_customers.country DIRECT/IDENTITY",
                "acme-shop.mart.dim_customer.customer_id INFLUENCES acme-shop.mart.vip_customers INDIRECT/JOIN"), into("vip_customers"));
        // the snapshot: every column IDENTITY from its base table
        assertEquals(7, into("fct_orders_snapshot_20260930").stream().filter(e -> e.endsWith("DIRECT/IDENTITY")).count());
        assertEquals(List.of("DEFINITION 2026-09-14T08:00:00Z CREATE_VIEW"), lines("""
                MATCH (q:Query {last_job_id: 'definition:VIEW:acme-shop.mart.vw_contactable_customers'})
                RETURN q.kind + ' ' + toString(q.last_seen) + ' ' + q.statement_type AS line""", Map.of()));

        // re-running reads the same definitions with the same ids and times: the graph compares equal
        List<String> before = lineage();
        extract(new SampleJobSource(), ExtractionSettings.defaults());
        assertEquals(before, lineage());
    }

    /** The current column edges, as the read model answers them. */
    private static List<String> currentEdges() {
        dev.colineage.graph.memory.LineageGraph g = new dev.colineage.graph.memory.LineageGraphs(driver(), java.time.Duration.ofSeconds(60),
                java.time.Duration.ZERO).fresh();
        List<String> out = new java.util.ArrayList<>();
        for (int e = 0; e < g.edgeCount(); e++) {
            if (g.live(e, dev.colineage.graph.read.LineageTime.current())) {
                out.add(g.graphEdge(e).source() + " -> " + g.graphEdge(e).target() + " " + g.graphEdge(e).subtype());
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void retentionDeletesLineageRetiredLongerAgoThanTheHistoryKept() {
        RunReport kept = extract(new SampleJobSource(), ExtractionSettings.defaults());
        assertEquals(0, kept.counter("lineage_queries_forgotten"), "no retention by default");
        List<String> current = currentEdges();
        assertEquals(167, lines("MATCH ()-[r:FEEDS|INFLUENCES]->() RETURN toString(count(r)) AS line", Map.of()).stream()
                .mapToInt(Integer::parseInt).sum());

        // keep 3 days of history before the newest job (20 November): what retired before 17 November goes
        RunReport pruned = extract(new SampleJobSource(), ExtractionSettings.defaults().withHistory(
                new dev.colineage.graph.change.HistorySettings(java.time.Duration.ofDays(30), java.util.Optional.of(java.time.Duration.ofDays(3)))));
        assertEquals("SUCCEEDED", pruned.status(), pruned.toJson());
        // the newsletter pipeline (4 edges, retired 16 November) and the view's first definition (2 edges of its own)
        assertEquals(6, pruned.counter("lineage_edges_forgotten"), pruned.toJson());
        assertEquals(List.of(), into("newsletter_subscribers"));
        assertEquals(List.of("acme-shop.mart.fct_orders.customer_id FEEDS acme-shop.mart.vw_order_summary.customer_id DIRECT/IDENTITY",
                "acme-shop.mart.fct_orders.order_id FEEDS acme-shop.mart.vw_order_summary.order_id DIRECT/IDENTITY"),
                into("vw_order_summary").stream().filter(l -> l.contains("_id")).toList());
        assertEquals(current, currentEdges(), "the current lineage is untouched");
        assertEquals(161, lines("MATCH ()-[r:FEEDS|INFLUENCES]->() RETURN toString(count(r)) AS line", Map.of()).stream()
                .mapToInt(Integer::parseInt).sum());
        // the newsletter INSERT, the view's first CREATE VIEW, the metadata's definition of its second (the job that created
        // it ran 43 s after the table's creation time and superseded it), the DROP and the dynamic SQL of 16 October
        assertEquals(5, pruned.counter("lineage_queries_forgotten"), pruned.toJson());
        assertEquals(List.of("CREATE_VIEW JOB 2026-10-16T11:00:43Z"), lines("""
                MATCH (q:Query)-[:WRITES]->(:Table {fqn: 'acme-shop.mart.vw_order_summary'})
                RETURN q.statement_type + ' ' + q.kind + ' ' + toString(q.last_seen) AS line""", Map.of()));
    }

    /** The column edges into one mart table. */
    private static List<String> into(String table) {
        return lines("""
                MATCH (s)-[r:FEEDS|INFLUENCES]->(t) WHERE t.fqn STARTS WITH $prefix
                RETURN s.fqn + ' ' + type(r) + ' ' + t.fqn + ' ' + r.type + '/' + r.subtype AS line ORDER BY line""",
                Map.of("prefix", "acme-shop.mart." + table));
    }

    @Test
    void sparkAndTheLocalExtractionWriteTheSameLineage() {
        extract(new SampleJobSource(), ExtractionSettings.defaults());
        List<String> bySpark = lineage();
        emptyGraph();
        LocalExtraction.load(driver(), SampleJobSource.read(SampleJobSource.JOBS).lines().toList(),
                WarehouseMetadata.parse(SampleJobSource.read(SampleJobSource.METADATA).lines().toList()),
                CatalogLoader.parse(SampleJobSource.read(SampleJobSource.CATALOG)));
        assertEquals(bySpark, lineage());
        assertEquals(167, bySpark.stream().filter(l -> l.startsWith("edge")).count());
    }

    private static List<String> lines(String cypher, Map<String, Object> parameters) {
        try (org.neo4j.driver.Session s = driver().session()) {
            return s.run(cypher, parameters).list(r -> r.get("line").asString());
        }
    }

    /** Column edges with their counters, and queries with their runs and users. */
    private static List<String> lineage() {
        return rows("""
                MATCH (s)-[r:FEEDS|INFLUENCES]->(t) RETURN 'edge ' + s.fqn + ' ' + type(r) + ' ' + t.fqn + ' ' + r.type + '/'
                    + r.subtype + ' ' + r.masking + ' ' + toString(r.first_seen) + ' ' + toString(r.last_seen) + ' ' + r.last_job_id
                    + ' ' + r.query_count AS line
                UNION ALL
                MATCH (q:Query) RETURN 'query ' + q.fingerprint + ' ' + q.run_count + ' ' + q.last_job_id + ' '
                    + reduce(a = '', u IN q.users | a + u + ',') + ' ' + reduce(a = '', d IN q.run_days | a + d + ',') AS line
                """).stream().map(r -> (String) r.get("line")).sorted().toList();
    }

    private static String line(Hit hit) {
        return hit.depth() + " " + hit.fqn() + (hit.unmaskedPath() ? " unmasked" : " masked");
    }
}
