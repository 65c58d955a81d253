package dev.colineage.spark.job;

import dev.colineage.graph.extract.AnalysisUnit;
import dev.colineage.graph.extract.DistinctQuery;
import dev.colineage.graph.extract.AnalyzedQuery;
import dev.colineage.core.jobs.JobAnalyzer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Task side of the analysis stage: lineage-core reads each distinct query once. A unit is one query,
 * or all queries of one BigQuery session in the order they first ran (a session's TEMP tables are read
 * by its later queries). One analyzer per task: it is not thread-safe and is cheap to reuse.
 */
final class UnitAnalysis implements FlatMapFunction<Iterator<Tuple2<String, Iterable<DistinctQuery>>>, AnalyzedQuery> {

    private final Broadcast<String> catalogJson;
    private final Broadcast<List<String>> routineRows;
    private final ExtractionCounters counters;

    UnitAnalysis(Broadcast<String> catalogJson, Broadcast<List<String>> routineRows, ExtractionCounters counters) {
        this.catalogJson = catalogJson;
        this.routineRows = routineRows;
        this.counters = counters;
    }

    @Override
    public Iterator<AnalyzedQuery> call(Iterator<Tuple2<String, Iterable<DistinctQuery>>> units) {
        List<AnalyzedQuery> out = new ArrayList<>();
        try (JobAnalyzer analyzer = new JobAnalyzer(CatalogCache.get(catalogJson.value()),
                dev.colineage.core.resolve.RoutineCatalog.parse(routineRows.value()))) {
            while (units.hasNext()) {
                List<AnalyzedQuery> analyzed = AnalysisUnit.analyze(analyzer, units.next()._2());
                out.addAll(analyzed);
                counters.queriesAnalysed.add(analyzed.size());
            }
        }
        return out.iterator();
    }
}
