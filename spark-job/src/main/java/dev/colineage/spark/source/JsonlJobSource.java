package dev.colineage.spark.source;

import dev.colineage.graph.extract.JobWindow;
import dev.colineage.core.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A JSON-lines export of JOBS rows: a local path or any URI Hadoop reads (hdfs://, gs:// with the
 * connector, ...), a file or a directory of files, split across tasks by Spark. The catalog is an
 * optional file in the {@code bq show --schema} map form.
 */
public final class JsonlJobSource implements JobSource {

    private final String path;
    private final Optional<String> catalogPath;
    private final Optional<String> routinesPath;
    private final Optional<String> metadataPath;

    public JsonlJobSource(String path, Optional<String> catalogPath) {
        this(path, catalogPath, Optional.empty(), Optional.empty());
    }

    /**
     * With a file of {@code INFORMATION_SCHEMA.ROUTINES} rows ({@code --routines}) and one of warehouse
     * metadata ({@code --metadata}: VIEWS, TABLES, TABLE_SNAPSHOTS, ROUTINES and PARAMETERS rows).
     */
    public JsonlJobSource(String path, Optional<String> catalogPath, Optional<String> routinesPath, Optional<String> metadataPath) {
        this.path = Objects.requireNonNull(path, "path is null");
        this.catalogPath = Objects.requireNonNull(catalogPath, "catalogPath is null");
        this.routinesPath = Objects.requireNonNull(routinesPath, "routinesPath is null");
        this.metadataPath = Objects.requireNonNull(metadataPath, "metadataPath is null");
    }

    @Override
    public List<String> routineRows() {
        return routinesPath.map(p -> lines(p, "routines")).orElse(List.of());
    }

    /** The whole file, whatever datasets the run referenced: an export holds what its author chose. */
    @Override
    public MetadataRows metadata(Set<DatasetRef> datasets) {
        return new MetadataRows(metadataPath.map(p -> lines(p, "metadata")).orElse(List.of()), List.of());
    }

    private static List<String> lines(String location, String what) {
        Path file = new Path(location);
        try (FileSystem fs = FileSystem.newInstance(file.toUri(), new org.apache.hadoop.conf.Configuration());
             FSDataInputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + location, e);
        }
    }

    @Override
    public List<String> sourceKeys() {
        return List.of("jsonl:" + path);
    }

    @Override
    public Optional<Instant> defaultSince(Instant until) {
        return Optional.empty();
    }

    @Override
    public JavaRDD<String> rows(JavaSparkContext sc, JobWindow window) {
        return sc.textFile(path, sc.defaultParallelism() * 2);
    }

    @Override
    public Catalog catalog(Set<DatasetRef> datasets) {
        if (catalogPath.isEmpty()) {
            return Catalog.empty();
        }
        Path file = new Path(catalogPath.get());
        try (FileSystem fs = FileSystem.newInstance(file.toUri(), new org.apache.hadoop.conf.Configuration());
             FSDataInputStream in = fs.open(file)) {
            return dev.colineage.core.catalog.CatalogLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + catalogPath.get(), e);
        }
    }
}
