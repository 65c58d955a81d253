package dev.colineage.graph.openlineage;

import dev.colineage.graph.write.QueryRun;
import java.util.Comparator;
import java.util.Objects;

/** One run of one query, as the graph stores it: an OpenLineage export gives one event for each. */
public record RunOfQuery(String fingerprint, QueryRun run) {

    /** By time, then query, then job: the export's order. */
    public static final Comparator<RunOfQuery> ORDER = Comparator.comparing((RunOfQuery r) -> r.run().at())
            .thenComparing(RunOfQuery::fingerprint).thenComparing(r -> r.run().jobId());

    public RunOfQuery {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(run, "run is null");
    }
}
