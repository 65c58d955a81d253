package dev.colineage.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static String line(Hit hit) {
        return hit.depth() + " " + hit.fqn() + (hit.unmaskedPath() ? " unmasked" : " masked");
    }
}
