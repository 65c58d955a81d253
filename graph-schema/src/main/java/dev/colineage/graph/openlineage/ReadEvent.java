package dev.colineage.graph.openlineage;

import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import dev.colineage.graph.write.QueryRun;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenLineage run event as taken in, checked: the job it names, who sent it, its run, the datasets it read
 * and wrote as the graph names them, and the column edges its {@code columnLineage} facets give (an output
 * without that facet is fed by every column of every input: {@code input.* -> output.*}).
 *
 * @param writesLineage false for a FAIL or ABORT event: taken in and counted, its lineage not written
 */
record ReadEvent(String jobNamespace, String jobName, String producer, QueryRun run, boolean writesLineage,
                 Optional<String> sql, String jobType, List<TableRef> inputs, List<TableRef> outputs, List<Edge> edges) {

    ReadEvent {
        Objects.requireNonNull(jobNamespace, "jobNamespace is null");
        Objects.requireNonNull(jobName, "jobName is null");
        Objects.requireNonNull(producer, "producer is null");
        Objects.requireNonNull(run, "run is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(jobType, "jobType is null");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        edges = List.copyOf(edges);
    }
}
