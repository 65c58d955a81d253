package dev.colineage.graph.extract;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.jobs.JobAnalyzer;
import dev.colineage.core.jobs.JobRowParser;
import dev.colineage.core.metadata.WarehouseMetadata;
import dev.colineage.core.resolve.RoutineCatalog;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.TransientCollapse;
import dev.colineage.graph.write.TransientEdgeStore;
import dev.colineage.graph.write.WriteSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;

/**
 * The extraction steps in one thread, without Spark, for small inputs (the sample warehouse in the
 * API's tests): the same rows -> fingerprints -> distinct queries -> lineage as the Spark job, with the
 * same values, so both give the same graph.
 */
public final class LocalExtraction {

    private LocalExtraction() {
    }

    /** Each distinct query of the JOBS lines in the window, analysed once. Unusable lines are left out. */
    public static List<AnalyzedQuery> analyze(List<String> lines, Catalog catalog, JobWindow window) {
        return analyze(lines, WarehouseMetadata.empty(), catalog, window);
    }

    /**
     * With the warehouse's metadata, as the Spark job reads it: its definitions join the distinct queries
     * whatever the window, its routines are traced at their call sites.
     */
    public static List<AnalyzedQuery> analyze(List<String> lines, WarehouseMetadata metadata, Catalog catalog, JobWindow window) {
        Map<String, DistinctQuery> byFingerprint = new LinkedHashMap<>();
        Map<String, String> normalised = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank() || !(JobRowParser.parse(line) instanceof JobRowParser.Parsed parsed)) {
                continue;
            }
            Optional<Instant> created = parsed.job().creationTime().flatMap(CreationTime::parse);
            if (created.isPresent() && window.contains(created.get())) {
                DistinctQuery q = DistinctQuery.of(JobRun.of(parsed.job(), created.get(), normalised));
                byFingerprint.merge(q.fingerprint(), q, DistinctQuery::merge);
            }
        }
        for (dev.colineage.core.metadata.Definition d : metadata.definitions()) {
            DistinctQuery q = DistinctQuery.of(JobRun.definition(d, window.until()));
            byFingerprint.merge(q.fingerprint(), q, DistinctQuery::merge);
        }
        Map<String, List<DistinctQuery>> units = new LinkedHashMap<>();
        byFingerprint.values().forEach(q -> units.computeIfAbsent(q.analysisUnit(), k -> new ArrayList<>()).add(q));
        List<AnalyzedQuery> out = new ArrayList<>();
        try (JobAnalyzer analyzer = new JobAnalyzer(catalog, RoutineCatalog.parse(metadata.routineRows()))) {
            units.values().forEach(unit -> out.addAll(AnalysisUnit.analyze(analyzer, unit)));
        }
        return out;
    }

    /** Analyses the lines, writes their lineage with the idempotent writer and composes through transient tables. */
    public static WriteSummary load(Driver driver, List<String> lines, Catalog catalog) {
        return load(driver, lines, WarehouseMetadata.empty(), catalog);
    }

    /** The same, with the warehouse's metadata. */
    public static WriteSummary load(Driver driver, List<String> lines, WarehouseMetadata metadata, Catalog catalog) {
        List<QueryRecord> records = analyze(lines, metadata, catalog, new JobWindow(Optional.empty(), Instant.now()))
                .stream().map(AnalyzedQuery::record).toList();
        WriteSummary written = new LineageGraphWriter(driver).write(records, catalog);
        new TransientCollapse(new TransientEdgeStore(driver)).run();
        return written;
    }
}
