package dev.colineage.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.graph.extract.LocalExtraction;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageGraphReader;
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
        assertEquals(429, report.counter("rows_read"));
        assertEquals(35, report.counter("skipped_rows"), "31 LOAD jobs and 4 failed queries");
        assertEquals(0, report.counter("malformed_rows"));
        assertEquals(394, report.counter("job_runs"));
        assertEquals(20, report.counter("distinct_queries"));
        assertEquals(112, report.counter("graph_column_edges"));
        assertEquals(Map.of("NO_DESTINATION", 4L, "UNKNOWN_TABLE", 1L, "UNSUPPORTED_STATEMENT", 1L), report.failuresByCode());

        List<String> impact = new LineageGraphReader(driver())
                .columnLineage(DemoCommand.EXAMPLE_COLUMN, Direction.DOWNSTREAM, TraversalOptions.defaults()).orElseThrow()
                .hits().stream().map(SampleWarehouseTest::line).sorted().toList();
        assertEquals(List.of(
                "1 acme-shop.staging.stg_customers.email unmasked",
                "1 acme-shop.staging.stg_customers.email_hash masked",
                "2 acme-shop.mart.dim_customer.email_hash masked",
                "2 acme-shop.mart.marketing_contacts.email unmasked",
                "2 acme-shop.mart.vip_contacts.email unmasked",
                "3 acme-shop.mart.vw_active_customers.email_hash masked"), impact);
    }

    @Test
    void sparkAndTheLocalExtractionWriteTheSameLineage() {
        extract(new SampleJobSource(), ExtractionSettings.defaults());
        List<String> bySpark = lineage();
        emptyGraph();
        LocalExtraction.load(driver(), SampleJobSource.read(SampleJobSource.JOBS).lines().toList(),
                CatalogLoader.parse(SampleJobSource.read(SampleJobSource.CATALOG)));
        assertEquals(bySpark, lineage());
        assertEquals(112, bySpark.stream().filter(l -> l.startsWith("edge")).count());
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
