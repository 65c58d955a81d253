package dev.colineage.graph.openlineage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What a delivery of OpenLineage events did: how many events came, how many gave lineage (FAIL and ABORT
 * events are counted, not written), the jobs they name (by the fingerprint the graph gives each) and the tables,
 * columns, column edges and table-wide edges (an input column affecting every row) the delivery holds. Written
 * again, the same events change nothing in the graph.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestResult(int events, int written, int skipped, List<String> jobs, int tables, int columns,
                           int columnEdges, int tableWideEdges) {

    public IngestResult {
        jobs = List.copyOf(jobs);
    }
}
