package dev.colineage.spark.job;

import dev.colineage.graph.extract.JobRun;
import dev.colineage.graph.extract.CreationTime;
import dev.colineage.graph.extract.JobWindow;
import dev.colineage.core.jobs.JobRecord;
import dev.colineage.core.jobs.JobRowParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * Task side of the read stage: JSON lines to {@link JobRun}s inside the window. A line that is not a
 * job row is counted and a few reasons kept; it never fails the task. Fingerprints are memoised per
 * task by query text, because most rows are re-runs of the same scheduled query.
 */
final class RowParsing implements FlatMapFunction<Iterator<String>, JobRun> {

    private final JobWindow window;
    private final ExtractionCounters counters;

    RowParsing(JobWindow window, ExtractionCounters counters) {
        this.window = window;
        this.counters = counters;
    }

    @Override
    public Iterator<JobRun> call(Iterator<String> lines) {
        List<JobRun> runs = new ArrayList<>();
        Map<String, String> normalised = new HashMap<>();
        int samples = 0;
        long read = 0;
        long malformed = 0;
        long skipped = 0;
        long outside = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isBlank()) {
                continue;
            }
            read++;
            String reason = null;
            JobRowParser.Row row = JobRowParser.parse(line);
            if (row instanceof JobRowParser.Malformed m) {
                reason = m.reason();
            } else if (row instanceof JobRowParser.Skipped) {
                skipped++;
            } else if (row instanceof JobRowParser.Parsed p) {
                JobRecord job = p.job();
                Optional<Instant> created = job.creationTime().flatMap(CreationTime::parse);
                if (created.isEmpty()) {
                    reason = job.creationTime().map(t -> "unreadable creation_time '" + t + "'").orElse("no creation_time");
                } else if (!window.contains(created.get())) {
                    outside++;
                } else {
                    runs.add(JobRun.of(job, created.get(), normalised));
                }
            }
            if (reason != null) {
                malformed++;
                if (samples++ < ExtractionCounters.SAMPLES_PER_TASK) {
                    String head = line.length() > 120 ? line.substring(0, 120) + "..." : line;
                    counters.malformedSamples.add(reason + ": " + head);
                }
            }
        }
        counters.rowsRead.add(read);
        counters.malformed.add(malformed);
        counters.skipped.add(skipped);
        counters.outsideWindow.add(outside);
        return runs.iterator();
    }
}
