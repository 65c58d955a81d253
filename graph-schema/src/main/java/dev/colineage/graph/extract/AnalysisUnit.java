package dev.colineage.graph.extract;

import dev.colineage.core.jobs.JobAnalyzer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The distinct queries lineage-core reads together: one query, or all queries of one BigQuery session
 * in the order they first ran (a session's TEMP tables are read by its later queries).
 */
public final class AnalysisUnit {

    private static final Comparator<DistinctQuery> EXECUTION_ORDER =
            Comparator.comparing(DistinctQuery::firstSeen).thenComparing(DistinctQuery::fingerprint);

    private AnalysisUnit() {
    }

    /** Each query once, in execution order; a failure of lineage-core itself is kept as that query's result. */
    public static List<AnalyzedQuery> analyze(JobAnalyzer analyzer, Iterable<DistinctQuery> unit) {
        List<DistinctQuery> queries = new ArrayList<>();
        unit.forEach(queries::add);
        queries.sort(EXECUTION_ORDER);
        List<AnalyzedQuery> out = new ArrayList<>(queries.size());
        for (DistinctQuery q : queries) {
            try {
                out.add(AnalyzedQuery.of(q, analyzer.analyze(q.latest().toJobRecord())));
            } catch (RuntimeException e) {
                out.add(AnalyzedQuery.internalError(q, e));
            }
        }
        return out;
    }
}
