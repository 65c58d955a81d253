package dev.colineage.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an extraction run did, as printed, saved with {@code --report} and kept on its
 * {@code (:ExtractionRun)} node.
 *
 * @param counters       rows_read, malformed_rows, skipped_rows, outside_window_rows, job_runs,
 *                       distinct_queries, parsed_queries, fully_parsed_queries, queries_with_edges,
 *                       failed_queries, edges_written, graph_column_edges
 * @param failuresByCode distinct queries per diagnostic code (any level)
 * @param stageMillis    wall time per stage: read_dedup, catalog, analyze, write (bulk_rows, bulk_csv, bulk_import
 *                       within it for a bulk first load), transient, lifetimes (the changes counted, retention), record
 */
public record RunReport(String runId, String status, List<String> sources, String since, String until,
                        Map<String, Long> counters, Map<String, Long> failuresByCode, List<String> malformedSamples,
                        Map<String, Long> stageMillis, long millis, Optional<String> error) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunReport {
        Objects.requireNonNull(runId, "runId is null");
        Objects.requireNonNull(status, "status is null");
        sources = List.copyOf(Objects.requireNonNull(sources, "sources is null"));
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        counters = Map.copyOf(Objects.requireNonNull(counters, "counters is null"));
        failuresByCode = Map.copyOf(Objects.requireNonNull(failuresByCode, "failuresByCode is null"));
        malformedSamples = List.copyOf(Objects.requireNonNull(malformedSamples, "malformedSamples is null"));
        stageMillis = Map.copyOf(Objects.requireNonNull(stageMillis, "stageMillis is null"));
        Objects.requireNonNull(error, "error is null");
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Share of distinct queries of which at least one statement parsed, in percent. */
    public double parsedPercent() {
        long distinct = counter("distinct_queries");
        return distinct == 0 ? 100.0 : Math.round(1000.0 * counter("parsed_queries") / distinct) / 10.0;
    }

    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("run_id", runId);
        o.put("status", status);
        o.put("sources", sources);
        o.put("since", since);
        o.put("until", until);
        o.putAll(new TreeMap<>(counters));
        o.put("parsed_pct", parsedPercent());
        o.put("failures_by_code", new TreeMap<>(failuresByCode));
        o.put("malformed_samples", malformedSamples);
        Map<String, Double> stages = new LinkedHashMap<>();
        // a bulk first load's write splits into rows, CSV and Neo4j's import (the rest of it opens the new store)
        for (String s : List.of("read_dedup", "catalog", "analyze", "write", "bulk_rows", "bulk_csv", "bulk_import", "transient", "lifetimes",
                "record")) {
            if (stageMillis.containsKey(s)) {
                stages.put(s, stageMillis.get(s) / 1000.0);
            }
        }
        o.put("stage_seconds", stages);
        o.put("seconds", millis / 1000.0);
        o.put("error", error.orElse(null));
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
