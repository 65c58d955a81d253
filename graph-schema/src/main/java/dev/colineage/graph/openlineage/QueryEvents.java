package dev.colineage.graph.openlineage;

import dev.colineage.core.model.Transformation;
import dev.colineage.graph.write.QueryKind;
import dev.colineage.graph.write.QueryRun;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The OpenLineage run events of one distinct query (spec 2-0-2): the job, its input and output datasets and
 * their facets are made once, each run adds its run (a UUID derived from the job id, the job id in the
 * {@code externalQuery} facet) and its time. Outputs carry the {@code columnLineage} facet (1-2-0): per column,
 * the input fields with their transformations (type, subtype, masking); an input column that affects every row
 * (a filter, a join key: an INFLUENCES edge) is in the facet's table-wide {@code dataset} list.
 */
final class QueryEvents {

    /** Who made the events: this project, by version. */
    static final URI PRODUCER = URI.create("https://github.com/colineage/colineage/tree/0.1.0");
    static final String JOB_NAMESPACE = "colineage";

    private static final OpenLineage OL = new OpenLineage(PRODUCER);

    private final StoredQuery query;
    private final OpenLineage.Job job;
    private final List<OpenLineage.InputDataset> inputs;
    private final List<OpenLineage.OutputDataset> outputs;
    /** The part every run's event shares, written once: an event's job and datasets are most of its bytes. */
    private final String shared;

    /** @param schemas the typed columns of the query's tables, where the catalog knew them */
    QueryEvents(StoredQuery query, Map<String, List<SchemaColumn>> schemas) {
        this.query = Objects.requireNonNull(query, "query is null");
        this.job = job(query);
        TreeSet<String> read = new TreeSet<>(query.reads());
        TreeSet<String> written = new TreeSet<>(query.writes());
        query.edges().forEach(e -> {
            read.add(e.sourceTable());
            written.add(e.targetTable());
        });
        List<OpenLineage.InputDataset> in = new ArrayList<>();
        for (String table : read) {
            in.add(OL.newInputDatasetBuilder().namespace(DatasetNames.BIGQUERY).name(table).facets(facets(table, schemas, null)).build());
        }
        List<OpenLineage.OutputDataset> out = new ArrayList<>();
        for (String table : written) {
            out.add(OL.newOutputDatasetBuilder().namespace(DatasetNames.BIGQUERY).name(table)
                    .facets(facets(table, schemas, columnLineage(table, query.edges()))).build());
        }
        this.inputs = List.copyOf(in);
        this.outputs = List.copyOf(out);
        this.shared = ",\"job\":" + OpenLineageJson.write(job) + ",\"inputs\":" + OpenLineageJson.write(inputs)
                + ",\"outputs\":" + OpenLineageJson.write(outputs) + "}";
    }

    /**
     * The event of one run as JSON, the same as {@link #of} written by {@link OpenLineageJson} (a test holds them
     * equal), but with the job and datasets written once per query rather than once per run.
     */
    String json(QueryRun run) {
        OpenLineage.RunEvent event = of(run);
        return "{\"eventTime\":" + OpenLineageJson.write(event.getEventTime()) + ",\"producer\":" + OpenLineageJson.write(event.getProducer())
                + ",\"schemaURL\":" + OpenLineageJson.write(event.getSchemaURL()) + ",\"eventType\":\"" + event.getEventType() + "\""
                + ",\"run\":" + OpenLineageJson.write(event.getRun()) + shared;
    }

    /** The event of one run: COMPLETE at the job's creation time (the log does not say when it ended). */
    OpenLineage.RunEvent of(QueryRun run) {
        OpenLineage.RunFacetsBuilder facets = OL.newRunFacetsBuilder();
        if (query.kind() == QueryKind.JOB) {
            facets.externalQuery(OL.newExternalQueryRunFacetBuilder().externalQueryId(run.jobId()).source(DatasetNames.BIGQUERY).build());
        }
        return OL.newRunEventBuilder()
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .eventTime(run.at().atZone(ZoneOffset.UTC))
                .run(OL.newRun(runId(run.jobId()), facets.build()))
                .job(job)
                .inputs(inputs)
                .outputs(outputs)
                .build();
    }

    /** Stable: the same job gives the same run id in every export (a name-based UUID of the job id). */
    static UUID runId(String jobId) {
        return UUID.nameUUIDFromBytes(("bigquery-job:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    private static OpenLineage.Job job(StoredQuery q) {
        OpenLineage.JobFacetsBuilder facets = OL.newJobFacetsBuilder()
                .jobType(OL.newJobTypeJobFacetBuilder().processingType("BATCH").integration("BIGQUERY")
                        .jobType(q.kind() == QueryKind.DEFINITION ? "DEFINITION" : "QUERY").build());
        if (!q.sql().isEmpty()) {
            facets.sql(OL.newSQLJobFacetBuilder().query(q.sql()).dialect(DatasetNames.BIGQUERY).build());
        }
        return OL.newJobBuilder().namespace(JOB_NAMESPACE).name(q.fingerprint()).facets(facets.build()).build();
    }

    private static OpenLineage.DatasetFacets facets(String table, Map<String, List<SchemaColumn>> schemas,
                                                    OpenLineage.ColumnLineageDatasetFacet lineage) {
        OpenLineage.DatasetFacetsBuilder facets = OL.newDatasetFacetsBuilder();
        List<SchemaColumn> columns = schemas.get(table);
        if (columns != null && !columns.isEmpty()) {
            facets.schema(OL.newSchemaDatasetFacetBuilder().fields(columns.stream()
                    .map(c -> OL.newSchemaDatasetFacetFieldsBuilder().name(c.name()).type(c.type()).build()).toList()).build());
        }
        if (lineage != null) {
            facets.columnLineage(lineage);
        }
        return facets.build();
    }

    /**
     * The facet of one output table. A table the query wrote without any column edge into it (a DELETE, a
     * TRUNCATE) gets the facet with no fields: known to have none, where a missing facet would mean "not known".
     */
    private static OpenLineage.ColumnLineageDatasetFacet columnLineage(String table, List<StoredEdge> edges) {
        // target column -> input field (table, path) -> its transformations, all sorted: the same graph, the same event
        Map<String, Map<List<String>, List<Transformation>>> fields = new TreeMap<>();
        Map<List<String>, List<Transformation>> tableWide = new TreeMap<>(QueryEvents::compareFields);
        for (StoredEdge e : edges) {
            if (!e.targetTable().equals(table)) {
                continue;
            }
            List<String> input = List.of(e.sourceTable(), e.sourcePath());
            if (e.targetPath().isPresent()) {
                fields.computeIfAbsent(e.targetPath().get(), k -> new TreeMap<>(QueryEvents::compareFields))
                        .computeIfAbsent(input, k -> new ArrayList<>()).add(e.transformation());
            } else {
                tableWide.computeIfAbsent(input, k -> new ArrayList<>()).add(e.transformation());
            }
        }
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder byColumn = OL.newColumnLineageDatasetFacetFieldsBuilder();
        fields.forEach((column, inputs) -> byColumn.put(column,
                OL.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputFields(inputs)).build()));
        OpenLineage.ColumnLineageDatasetFacetBuilder facet = OL.newColumnLineageDatasetFacetBuilder().fields(byColumn.build());
        if (!tableWide.isEmpty()) {
            facet.dataset(inputFields(tableWide));
        }
        return facet.build();
    }

    private static List<OpenLineage.InputField> inputFields(Map<List<String>, List<Transformation>> inputs) {
        List<OpenLineage.InputField> out = new ArrayList<>(inputs.size());
        inputs.forEach((input, transformations) -> out.add(OL.newInputFieldBuilder()
                .namespace(DatasetNames.BIGQUERY).name(input.get(0)).field(input.get(1))
                .transformations(transformations.stream().sorted(Comparator.comparing(Transformation::type)
                                .thenComparing(Transformation::subtype).thenComparing(Transformation::masking))
                        .map(t -> OL.newInputFieldTransformationsBuilder().type(t.type().name()).subtype(t.subtype().name())
                                .masking(t.masking()).build()).toList())
                .build()));
        return out;
    }

    private static int compareFields(List<String> a, List<String> b) {
        int c = a.get(0).compareTo(b.get(0));
        return c != 0 ? c : a.get(1).compareTo(b.get(1));
    }
}
