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
