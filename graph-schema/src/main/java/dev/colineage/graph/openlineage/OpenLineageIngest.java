package dev.colineage.graph.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryKind;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.QueryRun;
import dev.colineage.graph.write.QueryRuns;
import dev.colineage.graph.write.WriteSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Takes OpenLineage run events into the graph: every event is read and checked before anything is written (a
 * malformed one refuses the whole delivery, naming its field); the events of one job become one query of kind
 * {@code OPENLINEAGE} whose fingerprint is derived from the job's namespace and name, with its runs (the events'
 * run ids and times), the datasets it read and wrote and its column edges, written by the same writer as an
 * extraction (so MERGEs make a re-delivery change nothing), and where it came from.
 */
public final class OpenLineageIngest {

    private final LineageGraphWriter writer;
    private final QueryRunStore store;

    public OpenLineageIngest(LineageGraphWriter writer, QueryRunStore store) {
        this.writer = Objects.requireNonNull(writer, "writer is null");
        this.store = Objects.requireNonNull(store, "store is null");
    }

    /** @throws IllegalArgumentException naming the first malformed field; nothing is written then */
    public IngestResult ingest(JsonNode body) {
        List<ReadEvent> events = EventReader.read(body);
        Map<String, List<ReadEvent>> byJob = new TreeMap<>();
        int skipped = 0;
        for (ReadEvent e : events) {
            if (!e.writesLineage()) {
                skipped++;
                continue;
            }
            byJob.computeIfAbsent(fingerprint(e.jobNamespace(), e.jobName()), k -> new ArrayList<>()).add(e);
        }
        List<QueryRecord> records = new ArrayList<>();
        List<JobOrigin> origins = new ArrayList<>();
        byJob.forEach((fp, jobEvents) -> {
            records.add(record(fp, jobEvents));
            ReadEvent newest = newest(jobEvents);
            origins.add(new JobOrigin(fp, newest.producer(), newest.jobNamespace(), newest.jobName()));
        });
        if (records.isEmpty()) {
            return new IngestResult(events.size(), 0, skipped, List.of(), 0, 0, 0, 0);
        }
        WriteSummary written = writer.write(records, Catalog.empty());
        store.recordOrigins(origins);
        return new IngestResult(events.size(), events.size() - skipped, skipped, List.copyOf(byJob.keySet()), written.tables(),
                written.columns(), written.feeds(), written.influences());
    }

    /** A job's identity in the graph: a fingerprint of its OpenLineage namespace and name. */
    static String fingerprint(String namespace, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("openlineage\n" + namespace + "\n" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueryRecord record(String fingerprint, List<ReadEvent> events) {
        ReadEvent newest = newest(events);
        Set<TableRef> reads = new LinkedHashSet<>();
        Set<TableRef> writes = new LinkedHashSet<>();
        Set<Edge> edges = new LinkedHashSet<>();
        Set<QueryRun> runs = new TreeSet<>();
        Map<LocalDate, Set<String>> runIdsByDay = new TreeMap<>();
        Instant first = newest.run().at();
        for (ReadEvent e : events) {
            reads.addAll(e.inputs());
            writes.addAll(e.outputs());
            edges.addAll(e.edges());
            runs.add(e.run());
            runIdsByDay.computeIfAbsent(e.run().at().atZone(ZoneOffset.UTC).toLocalDate(), d -> new TreeSet<>()).add(e.run().jobId());
            first = e.run().at().isBefore(first) ? e.run().at() : first;
        }
        Map<LocalDate, Integer> runsByDay = new TreeMap<>();
        runIdsByDay.forEach((d, ids) -> runsByDay.put(d, ids.size()));
        return new QueryRecord(fingerprint, newest.sql().orElse(""), newest.jobType(), first, newest.run().at(), newest.run().jobId(),
                runsByDay, Set.of(), reads, writes, List.copyOf(edges), Set.of(), QueryKind.OPENLINEAGE, Set.of(), QueryRuns.of(runs));
    }

    /** The newest event (equal times: the greater run id, so the order of a delivery never matters). */
    private static ReadEvent newest(List<ReadEvent> events) {
        return events.stream().max((a, b) -> a.run().compareTo(b.run())).orElseThrow();
    }
}
