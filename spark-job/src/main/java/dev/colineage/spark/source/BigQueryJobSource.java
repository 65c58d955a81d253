package dev.colineage.spark.source;

import dev.colineage.graph.extract.JobWindow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.metadata.MetadataView;
import dev.colineage.core.model.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Job rows from BigQuery itself: {@code INFORMATION_SCHEMA.JOBS} (or {@code JOBS_BY_ORGANIZATION}) per
 * project and region over the window, through the Google Cloud BigQuery client (jobs.query, then
 * tabledata.list pages). Only finished, successful query jobs; a script's child jobs are left out
 * because the parent's text holds the whole script. The client runs on the Spark driver; the rows are
 * handed to Spark as JSON lines. Schemas come from each referenced dataset's
 * {@code INFORMATION_SCHEMA.COLUMN_FIELD_PATHS}, once per run; definitions and routines from VIEWS,
 * TABLES, TABLE_SNAPSHOTS, ROUTINES and PARAMETERS (see {@link #metadata}).
 */
public final class BigQueryJobSource implements JobSource {

    /** When there is no watermark and no {@code --since}: one week back. */
    static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param projects     projects whose jobs are read (and billed); with organization, the first one bills
     * @param regions      BigQuery regions ({@code us}, {@code eu}, {@code europe-west1})
     * @param organization read {@code JOBS_BY_ORGANIZATION} instead of each project's {@code JOBS}
     * @param endpoint     API root, e.g. {@code http://localhost:9050} (then no credentials are used)
     * @param keyFile      a service-account key; default Application Default Credentials
     */
    public record Settings(List<String> projects, List<String> regions, boolean organization, Optional<String> endpoint,
                           Optional<Path> keyFile) {
        public Settings {
            projects = List.copyOf(Objects.requireNonNull(projects, "projects is null"));
            regions = List.copyOf(Objects.requireNonNull(regions, "regions is null"));
            Objects.requireNonNull(endpoint, "endpoint is null");
            Objects.requireNonNull(keyFile, "keyFile is null");
            if (projects.isEmpty() || regions.isEmpty()) {
                throw new IllegalArgumentException("at least one project and one region");
            }
            for (String name : concat(projects, regions)) {
                // names go into SQL as quoted identifiers: allow only what BigQuery names can hold
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a BigQuery project or region name: " + name);
                }
            }
        }
    }

    private final Settings settings;

    public BigQueryJobSource(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    @Override
    public List<String> sourceKeys() {
        List<String> keys = new ArrayList<>();
        for (String region : settings.regions()) {
            if (settings.organization()) {
                keys.add("bigquery:organization/" + region);
            } else {
                settings.projects().forEach(p -> keys.add("bigquery:" + p + "/" + region));
            }
        }
        return keys;
    }

    @Override
    public Optional<Instant> defaultSince(Instant until) {
        return Optional.of(until.minus(DEFAULT_LOOKBACK));
    }

    @Override
    public JavaRDD<String> rows(JavaSparkContext sc, JobWindow window) {
        List<String> lines = new ArrayList<>();
        for (String region : settings.regions()) {
            if (settings.organization()) {
                lines.addAll(fetchJobs(settings.projects().get(0), "`region-" + region + "`.INFORMATION_SCHEMA.JOBS_BY_ORGANIZATION", window));
            } else {
                for (String project : settings.projects()) {
                    lines.addAll(fetchJobs(project, "`" + project + "`.`region-" + region + "`.INFORMATION_SCHEMA.JOBS", window));
                }
            }
        }
        return sc.parallelize(lines, Math.max(1, Math.min(sc.defaultParallelism() * 2, lines.size())));
    }

    /** The JOBS rows of one view over the window, as JSON lines in the export shape. */
    List<String> fetchJobs(String billingProject, String view, JobWindow window) {
        String sql = """
                SELECT job_id, project_id, user_email, creation_time, statement_type, query,
                  destination_table.project_id AS destination_project,
                  destination_table.dataset_id AS destination_dataset,
                  destination_table.table_id AS destination_table,
                  ARRAY(SELECT CONCAT(t.project_id, '.', t.dataset_id, '.', t.table_id)
                        FROM UNNEST(referenced_tables) AS t) AS referenced_tables,
                  session_info.session_id AS session_id
                FROM %s
                WHERE creation_time >= @since AND creation_time < @until
                  AND job_type = 'QUERY' AND state = 'DONE' AND error_result IS NULL
                  AND parent_job_id IS NULL
                ORDER BY creation_time
                """.formatted(view);
        Instant since = window.since().orElse(Instant.EPOCH);
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false)
                .addNamedParameter("since", QueryParameterValue.timestamp(micros(since)))
                .addNamedParameter("until", QueryParameterValue.timestamp(micros(window.until())))
                .build();
        List<String> lines = new ArrayList<>();
        for (FieldValueList row : run(client(billingProject), query).iterateAll()) {
            lines.add(jobLine(row));
        }
        return lines;
    }

    @Override
    public Catalog catalog(Set<DatasetRef> datasets) {
        ColumnFieldPaths paths = new ColumnFieldPaths();
        BigQuery bigquery = client(settings.projects().get(0));
        for (DatasetRef d : datasets.stream().sorted(java.util.Comparator.comparing(DatasetRef::project)
                .thenComparing(DatasetRef::dataset)).toList()) {
            if (!NAME.matcher(d.project()).matches() || !NAME.matcher(d.dataset()).matches() || d.dataset().startsWith("_")) {
                continue;    // anonymous result datasets and odd names have no schemas to read
            }
            String sql = "SELECT table_name, field_path, data_type FROM `" + d.project() + "`.`" + d.dataset()
                    + "`.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS";
            try {
                for (FieldValueList row : run(bigquery, QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build())
                        .iterateAll()) {
                    paths.add(new TableRef(d.project(), d.dataset(), row.get(0).getStringValue()), row.get(1).getStringValue(),
                            row.get(2).getStringValue());
                }
            } catch (BigQueryException e) {
                // a dataset we may not read, or one dropped since: its tables stay unknown, which the
                // analysis reports per query (UNKNOWN_TABLE / STAR_NOT_EXPANDED)
                System.err.printf("colineage: no schemas for %s.%s: %s%n", d.project(), d.dataset(), e.getMessage());
            }
        }
        return Catalog.of(paths.schemas());
    }

    /**
     * The columns read from each metadata view, under the view's own names; TABLES leaves out base
     * tables (their schema is COLUMN_FIELD_PATHS' business, and their ddl is the bulk of the view).
     */
    private static final List<MetadataQuery> METADATA_QUERIES = List.of(
            new MetadataQuery(MetadataView.VIEWS, "table_catalog, table_schema, table_name, view_definition, use_standard_sql", ""),
            new MetadataQuery(MetadataView.TABLES, "table_catalog, table_schema, table_name, table_type, creation_time, "
                    + "base_table_catalog, base_table_schema, base_table_name, ddl", " WHERE table_type != 'BASE TABLE'"),
            new MetadataQuery(MetadataView.TABLE_SNAPSHOTS, "table_catalog, table_schema, table_name, base_table_catalog, "
                    + "base_table_schema, base_table_name, snapshot_time", ""),
            new MetadataQuery(MetadataView.ROUTINES, "routine_catalog, routine_schema, routine_name, routine_type, routine_body, "
                    + "routine_definition, ddl, last_altered", ""),
            new MetadataQuery(MetadataView.PARAMETERS, "specific_catalog, specific_schema, specific_name, ordinal_position, "
                    + "parameter_mode, is_result, parameter_name, data_type", ""));

    private record MetadataQuery(MetadataView view, String columns, String where) {
        String sql(String qualifier) {
            return "SELECT " + columns + " FROM " + qualifier + ".INFORMATION_SCHEMA." + view.name() + where;
        }
    }

    /**
     * Views, materialized views, snapshots, clones and routines: per project and region of the run
     * ({@code `p`.`region-us`.INFORMATION_SCHEMA.VIEWS}, every dataset at once), and per dataset for
     * referenced datasets of other projects. What the caller may not read is reported and left out.
     */
    @Override
    public MetadataRows metadata(Set<DatasetRef> datasets) {
        List<String> qualifiers = new ArrayList<>();
        for (String project : settings.projects()) {
            settings.regions().forEach(region -> qualifiers.add("`" + project + "`.`region-" + region + "`"));
        }
        datasets.stream().filter(d -> !settings.projects().contains(d.project()))
                .filter(d -> NAME.matcher(d.project()).matches() && NAME.matcher(d.dataset()).matches() && !d.dataset().startsWith("_"))
                .sorted(java.util.Comparator.comparing(DatasetRef::project).thenComparing(DatasetRef::dataset))
                .forEach(d -> qualifiers.add("`" + d.project() + "`.`" + d.dataset() + "`"));
        BigQuery bigquery = client(settings.projects().get(0));
        List<String> rows = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String qualifier : qualifiers) {
            for (MetadataQuery q : METADATA_QUERIES) {
                try {
                    var result = run(bigquery, QueryJobConfiguration.newBuilder(q.sql(qualifier)).setUseLegacySql(false).build());
                    com.google.cloud.bigquery.FieldList fields = result.getSchema().getFields();
                    for (FieldValueList row : result.iterateAll()) {
                        rows.add(metadataLine(q.view(), fields, row));
                    }
                } catch (BigQueryException e) {
                    // a dataset or project we may not read: its definitions stay unknown, the rest goes on
                    refused.add(qualifier.replace("`", "") + ".INFORMATION_SCHEMA." + q.view() + ": " + e.getMessage());
                }
            }
        }
        return new MetadataRows(rows, refused);
    }

    /** One metadata row as a JSON line under the view's column names, timestamps as ISO instants. */
    private static String metadataLine(MetadataView view, com.google.cloud.bigquery.FieldList fields, FieldValueList row) {
        ObjectNode o = JSON.createObjectNode();
        o.put(dev.colineage.core.metadata.WarehouseMetadata.VIEW_FIELD, view.name());
        for (int i = 0; i < fields.size(); i++) {
            FieldValue v = row.get(i);
            if (v == null || v.isNull()) {
                continue;
            }
            com.google.cloud.bigquery.Field field = fields.get(i);
            if (field.getType().getStandardType() == com.google.cloud.bigquery.StandardSQLTypeName.TIMESTAMP) {
                o.put(field.getName(), v.getTimestampInstant().toString());
            } else if (field.getType().getStandardType() == com.google.cloud.bigquery.StandardSQLTypeName.INT64) {
                o.put(field.getName(), v.getLongValue());
            } else {
                o.put(field.getName(), v.getStringValue());
            }
        }
        return o.toString();
    }

    private static com.google.cloud.bigquery.TableResult run(BigQuery bigquery, QueryJobConfiguration query) {
        try {
            return bigquery.query(query);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying BigQuery", e);
        }
    }

    private BigQuery client(String project) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder().setProjectId(project);
        if (settings.endpoint().isPresent()) {
            options.setHost(settings.endpoint().get()).setCredentials(NoCredentials.getInstance());
        } else if (settings.keyFile().isPresent()) {
            try (InputStream in = Files.newInputStream(settings.keyFile().get())) {
                options.setCredentials(GoogleCredentials.fromStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read key file " + settings.keyFile().get(), e);
            }
        }
        return options.build().getService();
    }

    private static String jobLine(FieldValueList row) {
        ObjectNode o = JSON.createObjectNode();
        o.put("job_id", text(row.get(0)));
        o.put("project_id", text(row.get(1)));
        o.put("user_email", text(row.get(2)));
        o.put("creation_time", row.get(3).isNull() ? "" : row.get(3).getTimestampInstant().toString());
        o.put("statement_type", text(row.get(4)));
        o.put("query", text(row.get(5)));
        if (!row.get(6).isNull() && !row.get(7).isNull() && !row.get(8).isNull()) {
            o.putObject("destination_table").put("project_id", text(row.get(6))).put("dataset_id", text(row.get(7)))
                    .put("table_id", text(row.get(8)));
        }
        var refs = o.putArray("referenced_tables");
        if (!row.get(9).isNull()) {
            for (FieldValue v : row.get(9).getRepeatedValue()) {
                String fqn = text(v);
                int last = fqn.lastIndexOf('.');
                int middle = fqn.lastIndexOf('.', last - 1);
                if (middle > 0) {
                    refs.addObject().put("project_id", fqn.substring(0, middle)).put("dataset_id", fqn.substring(middle + 1, last))
                            .put("table_id", fqn.substring(last + 1));
                }
            }
        }
        if (!row.get(10).isNull()) {
            o.putObject("session_info").put("session_id", text(row.get(10)));
        }
        o.put("job_type", "QUERY");
        o.put("state", "DONE");
        return o.toString();
    }

    private static String text(FieldValue v) {
        return v == null || v.isNull() ? "" : v.getStringValue();
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
