package dev.colineage.spark.job;

import dev.colineage.graph.extract.AnalyzedQuery;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.WriteSummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * Task side of the write stage: graph-schema's idempotent writer, fed in chunks of queries so that a
 * task never holds more than one chunk's rows. A graph that stays unreachable fails the task (and the
 * run); what was written is correct and a re-run completes it.
 */
final class GraphWriting implements VoidFunction<Iterator<AnalyzedQuery>> {

    private final GraphTarget target;
    private final Broadcast<String> catalogJson;
    private final int queriesPerChunk;
    private final int batchSize;
    private final ExtractionCounters counters;

    GraphWriting(GraphTarget target, Broadcast<String> catalogJson, int queriesPerChunk, int batchSize,
                 ExtractionCounters counters) {
        this.target = target;
        this.catalogJson = catalogJson;
        this.queriesPerChunk = queriesPerChunk;
        this.batchSize = batchSize;
        this.counters = counters;
    }

    @Override
    public void call(Iterator<AnalyzedQuery> queries) {
        LineageGraphWriter writer = new LineageGraphWriter(GraphConnections.driver(target), batchSize);
        List<QueryRecord> chunk = new ArrayList<>(queriesPerChunk);
        while (queries.hasNext()) {
            chunk.add(queries.next().record());
            if (chunk.size() == queriesPerChunk) {
                write(writer, chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            write(writer, chunk);
        }
    }

    private void write(LineageGraphWriter writer, List<QueryRecord> chunk) {
        WriteSummary summary = writer.write(chunk, CatalogCache.get(catalogJson.value()));
        counters.edgesWritten.add(summary.feeds() + summary.influences());
    }
}
