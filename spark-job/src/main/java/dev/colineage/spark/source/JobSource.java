package dev.colineage.spark.source;

import dev.colineage.graph.extract.JobWindow;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.TableRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where job rows come from. Rows are JSON lines in the {@code INFORMATION_SCHEMA.JOBS} shape, whatever
 * the source, so that one parser reads them all.
 */
public interface JobSource {

    /** One key per watermark, e.g. {@code bigquery:PROJECT/region-us}. */
    List<String> sourceKeys();

    /** Where a run starts when neither {@code --since} nor a watermark says. */
    Optional<Instant> defaultSince(Instant until);

    /** The job rows; a source that can filter by the window does, the job filters again anyway. */
    JavaRDD<String> rows(JavaSparkContext sc, JobWindow window);

    /** Schemas of the tables in these datasets that the source knows (a file's catalog may hold more). */
    Catalog catalog(Set<DatasetRef> datasets);

    /**
     * The warehouse's persistent routines as {@code INFORMATION_SCHEMA.ROUTINES} rows (JSON lines), so
     * that calls to them are traced through their bodies; none by default.
     */
    default List<String> routineRows() {
        return List.of();
    }

    /**
     * The warehouse's metadata: rows of {@code INFORMATION_SCHEMA.VIEWS}, {@code TABLES},
     * {@code TABLE_SNAPSHOTS}, {@code ROUTINES} and {@code PARAMETERS} as JSON lines naming their view in
     * {@code "information_schema_view"} ({@link dev.colineage.core.metadata.WarehouseMetadata}), for the
     * run's projects and the datasets its queries referenced. None by default.
     */
    default MetadataRows metadata(Set<DatasetRef> datasets) {
        return MetadataRows.NONE;
    }

    /**
     * Metadata rows, and what could not be read (a dataset the caller may not read, a view missing):
     * each a message naming it; the rest of the run goes on without it.
     */
    record MetadataRows(List<String> rows, List<String> refused) {
        public static final MetadataRows NONE = new MetadataRows(List.of(), List.of());

        public MetadataRows {
            rows = List.copyOf(rows);
            refused = List.copyOf(refused);
        }
    }

    /** A dataset the run's queries referenced. */
    record DatasetRef(String project, String dataset) implements java.io.Serializable {
        public DatasetRef {
            java.util.Objects.requireNonNull(project, "project is null");
            java.util.Objects.requireNonNull(dataset, "dataset is null");
        }

        public static DatasetRef of(TableRef table) {
            return new DatasetRef(table.project(), table.dataset());
        }
    }
}
