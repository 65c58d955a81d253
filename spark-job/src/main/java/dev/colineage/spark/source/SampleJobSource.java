package dev.colineage.spark.source;

import dev.colineage.graph.extract.JobWindow;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The sample warehouse shipped in the jar ({@code sample/jobs.jsonl}, {@code sample/catalog.json},
 * {@code sample/metadata.jsonl}): a month of query jobs of a small shop across raw, staging and mart
 * datasets, and the views, snapshot and routines its metadata lists. The demo's source.
 */
public final class SampleJobSource implements JobSource {

    public static final String JOBS = "sample/jobs.jsonl";
    public static final String CATALOG = "sample/catalog.json";
    public static final String METADATA = "sample/metadata.jsonl";

    @Override
    public List<String> sourceKeys() {
        return List.of("sample");
    }

    @Override
    public Optional<Instant> defaultSince(Instant until) {
        return Optional.empty();
    }

    @Override
    public JavaRDD<String> rows(JavaSparkContext sc, JobWindow window) {
        return sc.parallelize(read(JOBS).lines().toList(), sc.defaultParallelism());
    }

    @Override
    public Catalog catalog(Set<DatasetRef> datasets) {
        return CatalogLoader.parse(read(CATALOG));
    }

    /** Views, a materialized view, a snapshot and routines, as the warehouse's INFORMATION_SCHEMA would list them. */
    @Override
    public MetadataRows metadata(Set<DatasetRef> datasets) {
        return new MetadataRows(read(METADATA).lines().filter(l -> !l.isBlank()).toList(), List.of());
    }

    public static String read(String resource) {
        try (InputStream in = SampleJobSource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the sample warehouse is missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
