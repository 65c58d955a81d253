package dev.colineage.spark.job;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * Spark accumulators of one run: what tasks report back to the driver for the run report and the
 * progress line. Tasks add; the driver reads.
 */
public final class ExtractionCounters implements Serializable {

    /** Malformed rows whose reason is kept, per task: enough to show what is wrong without flooding. */
    static final int SAMPLES_PER_TASK = 20;

    final LongAccumulator rowsRead;
    final LongAccumulator malformed;
    final LongAccumulator skipped;
    final LongAccumulator outsideWindow;
    final LongAccumulator queriesAnalysed;
    final LongAccumulator edgesWritten;
    final CollectionAccumulator<String> malformedSamples;

    ExtractionCounters(SparkContext sc) {
        rowsRead = sc.longAccumulator("rows read");
        malformed = sc.longAccumulator("malformed rows");
        skipped = sc.longAccumulator("skipped rows");
        outsideWindow = sc.longAccumulator("rows outside the window");
        queriesAnalysed = sc.longAccumulator("queries analysed");
        edgesWritten = sc.longAccumulator("edges written");
        malformedSamples = sc.collectionAccumulator("malformed samples");
    }

    List<String> malformedSamples(int max) {
        List<String> all = malformedSamples.value();
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }
}
