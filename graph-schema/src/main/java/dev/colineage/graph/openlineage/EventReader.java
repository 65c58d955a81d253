package dev.colineage.graph.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.write.QueryRun;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reads OpenLineage run events (spec 2-0-2; the {@code columnLineage} facet 1-0-0 to 1-2-0) from JSON, one event
 * or an array of them, and checks every field it uses: a missing or malformed one is an
 * {@link IllegalArgumentException} naming it by its JSON path ({@code [1].outputs[0].facets.columnLineage
 * .fields.email.inputFields[0].field}). Fields it does not use are ignored, as the spec asks of consumers.
 */
final class EventReader {

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
    private static final int MAX_EVENTS = 10_000;
    private static final int MAX_TEXT = 100_000;

    private EventReader() {
    }

    /** Every event of {@code json}: an object is one event, an array a list of them. */
    static List<ReadEvent> read(JsonNode json) {
        List<ReadEvent> events = new ArrayList<>();
        if (json.isArray()) {
            if (json.isEmpty()) {
                throw new IllegalArgumentException("the array holds no event");
            }
            if (json.size() > MAX_EVENTS) {
                throw new IllegalArgumentException("at most " + MAX_EVENTS + " events in one request, not " + json.size());
            }
            for (int i = 0; i < json.size(); i++) {
                events.add(event(json.get(i), "[" + i + "]"));
            }
        } else if (json.isObject()) {
            events.add(event(json, ""));
        } else {
            throw new IllegalArgumentException("the body is an OpenLineage run event (an object) or an array of them");
        }
        return events;
    }

    private static ReadEvent event(JsonNode e, String at) {
        object(e, at.isEmpty() ? "the event" : at);
        String producer = text(e, at, "producer");
        try {
            if (!new URI(producer).isAbsolute()) {
                throw new IllegalArgumentException(path(at, "producer") + " is an absolute URI: '" + producer + "'");
            }
        } catch (URISyntaxException x) {
            throw new IllegalArgumentException(path(at, "producer") + " is an absolute URI: '" + producer + "'");
        }
        String time = text(e, at, "eventTime");
        OffsetDateTime eventTime;
        try {
            eventTime = OffsetDateTime.parse(time);
        } catch (DateTimeParseException x) {
            throw new IllegalArgumentException(path(at, "eventTime") + " is an ISO-8601 date-time with an offset: '" + time + "'");
        }
        if (eventTime.toInstant().isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                || !eventTime.toInstant().isBefore(Instant.parse("+10000-01-01T00:00:00Z"))) {
            throw new IllegalArgumentException(path(at, "eventTime") + " is in the years 0001 to 9999: '" + time + "'");
        }
        String eventType = "COMPLETE";
        if (e.hasNonNull("eventType")) {
            eventType = text(e, at, "eventType");
            if (!EVENT_TYPES.contains(eventType)) {
                throw new IllegalArgumentException(path(at, "eventType") + " is one of " + new TreeSet<>(EVENT_TYPES) + ": '" + eventType + "'");
            }
        }
        String runAt = path(at, "run");
        JsonNode run = object(e.get("run"), runAt);
        String runId = text(run, runAt, "runId");
        try {
            UUID.fromString(runId);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(path(runAt, "runId") + " is a UUID: '" + runId + "'");
        }
        String jobAt = path(at, "job");
        JsonNode job = object(e.get("job"), jobAt);
        String namespace = text(job, jobAt, "namespace");
        String name = text(job, jobAt, "name");
        JsonNode jobFacets = job.path("facets");
        Optional<String> sql = jobFacets.path("sql").path("query").isTextual()
                ? Optional.of(jobFacets.path("sql").path("query").asText()) : Optional.empty();
        String jobType = jobFacets.path("jobType").path("jobType").isTextual() ? jobFacets.path("jobType").path("jobType").asText() : "JOB";

        List<TableRef> inputs = datasets(e, at, "inputs");
        List<TableRef> outputs = datasets(e, at, "outputs");
        List<Edge> edges = new ArrayList<>();
        JsonNode outs = e.path("outputs");
        for (int i = 0; i < outputs.size(); i++) {
            String outAt = path(at, "outputs") + "[" + i + "]";
            JsonNode facet = outs.get(i).path("facets").path("columnLineage");
            TableRef output = outputs.get(i);
            if (facet.isMissingNode() || facet.isNull()) {
                // no column lineage: every column of every input may feed the output (table-level lineage)
                inputs.forEach(in -> edges.add(new Edge(in.column(ColumnRef.ALL_COLUMNS), output.column(ColumnRef.ALL_COLUMNS),
                        Transformation.TRANSFORMATION)));
                continue;
            }
            columnLineage(facet, path(outAt, "facets.columnLineage"), output, edges);
        }
        return new ReadEvent(namespace, name, producer, new QueryRun(eventTime.toInstant(), runId),
                !eventType.equals("FAIL") && !eventType.equals("ABORT"), sql, jobType, inputs, outputs, edges);
    }

    private static void columnLineage(JsonNode facet, String at, TableRef output, List<Edge> edges) {
        object(facet, at);
        JsonNode fields = facet.get("fields");
        if (fields != null && !fields.isNull()) {
            object(fields, path(at, "fields"));
            Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String fieldAt = path(path(at, "fields"), f.getKey());
                ColumnRef target = column(output, f.getKey(), fieldAt);
                JsonNode field = object(f.getValue(), fieldAt);
                JsonNode inputFields = array(field.get("inputFields"), path(fieldAt, "inputFields"));
                // facets before 1-1-0 say how at the field, not per input
                Optional<Transformation> legacy = legacy(field, fieldAt);
                for (int i = 0; i < inputFields.size(); i++) {
                    String inAt = path(fieldAt, "inputFields") + "[" + i + "]";
                    inputField(inputFields.get(i), inAt, legacy).forEach(p -> edges.add(new Edge(p.getKey(), target, p.getValue())));
                }
            }
        }
        JsonNode dataset = facet.get("dataset");
        if (dataset != null && !dataset.isNull()) {
            JsonNode list = array(dataset, path(at, "dataset"));
            for (int i = 0; i < list.size(); i++) {
                String inAt = path(at, "dataset") + "[" + i + "]";
                // none given: a table-wide input is INDIRECT (a filter's column, the commonest)
                inputField(list.get(i), inAt, Optional.of(Transformation.indirect(Transformation.Subtype.FILTER))).forEach(p -> {
                    if (p.getValue().isDirect()) {
                        throw new IllegalArgumentException(inAt + ".transformations: a table-wide input is INDIRECT");
                    }
                    edges.add(new Edge(p.getKey(), output, p.getValue()));
                });
            }
        }
    }

    /** An input field and how it feeds: one pair per transformation. */
    private static List<Map.Entry<ColumnRef, Transformation>> inputField(JsonNode in, String at, Optional<Transformation> legacy) {
        object(in, at);
        TableRef table = table(text(in, at, "namespace"), text(in, at, "name"), at);
        ColumnRef source = column(table, text(in, at, "field"), path(at, "field"));
        List<Map.Entry<ColumnRef, Transformation>> out = new ArrayList<>();
        JsonNode ts = in.get("transformations");
        if (ts == null || ts.isNull() || ts.isEmpty()) {
            // none given: values flow, how is not known
            out.add(Map.entry(source, legacy.orElse(Transformation.TRANSFORMATION)));
            return out;
        }
        array(ts, path(at, "transformations"));
        for (int i = 0; i < ts.size(); i++) {
            out.add(Map.entry(source, transformation(ts.get(i), path(at, "transformations") + "[" + i + "]")));
        }
        return out;
    }

    private static Transformation transformation(JsonNode t, String at) {
        object(t, at);
        String type = text(t, at, "type");
        Transformation.Type kind;
        try {
            kind = Transformation.Type.valueOf(type);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(path(at, "type") + " is DIRECT or INDIRECT: '" + type + "'");
        }
        boolean masking = false;
        if (t.hasNonNull("masking")) {
            if (!t.get("masking").isBoolean()) {
                throw new IllegalArgumentException(path(at, "masking") + " is true or false");
            }
            masking = t.get("masking").asBoolean();
        }
        if (!t.hasNonNull("subtype")) {
            // not given: the least a DIRECT one says (values flow, changed) and the commonest INDIRECT one
            return new Transformation(kind, kind == Transformation.Type.DIRECT ? Transformation.Subtype.TRANSFORMATION
                    : Transformation.Subtype.FILTER, masking);
        }
        String subtype = text(t, at, "subtype");
        Transformation.Subtype sub;
        try {
            sub = Transformation.Subtype.valueOf(subtype);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException(path(at, "subtype") + " is one of " + List.of(Transformation.Subtype.values()) + ": '" + subtype + "'");
        }
        if (sub.type() != kind) {
            throw new IllegalArgumentException(path(at, "subtype") + " " + subtype + " is " + sub.type() + ", not " + type);
        }
        return new Transformation(kind, sub, masking);
    }

    /** A pre-1.1.0 field's {@code transformationType} (IDENTITY, TRANSFORMATION, ...), when it names a DIRECT one. */
    private static Optional<Transformation> legacy(JsonNode field, String at) {
        JsonNode t = field.get("transformationType");
        if (t == null || !t.isTextual()) {
            return Optional.empty();
        }
        try {
            Transformation.Subtype sub = Transformation.Subtype.valueOf(t.asText());
            return Optional.of(new Transformation(sub.type(), sub, false));
        } catch (IllegalArgumentException x) {
            return Optional.empty();
        }
    }

    private static List<TableRef> datasets(JsonNode e, String at, String key) {
        JsonNode list = e.get(key);
        List<TableRef> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        array(list, path(at, key));
        for (int i = 0; i < list.size(); i++) {
            String dAt = path(at, key) + "[" + i + "]";
            JsonNode d = object(list.get(i), dAt);
            TableRef t = table(text(d, dAt, "namespace"), text(d, dAt, "name"), dAt);
            out.add(t);
        }
        return out;
    }

    private static TableRef table(String namespace, String name, String at) {
        return DatasetNames.table(namespace, name).orElseThrow(() -> new IllegalArgumentException(path(at, "name")
                + ": a dataset in namespace bigquery is named project.dataset.table: '" + name + "'"));
    }

    private static ColumnRef column(TableRef table, String field, String at) {
        if (field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
            throw new IllegalArgumentException(at + " is a column name (nested fields with dots): '" + field + "'");
        }
        return new ColumnRef(table, List.of(field.split("\\.")));
    }

    private static JsonNode object(JsonNode n, String at) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new IllegalArgumentException(at + " is missing");
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(at + " is an object");
        }
        return n;
    }

    private static JsonNode array(JsonNode n, String at) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new IllegalArgumentException(at + " is missing");
        }
        if (!n.isArray()) {
            throw new IllegalArgumentException(at + " is an array");
        }
        return n;
    }

    private static String text(JsonNode n, String at, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(path(at, key) + " is missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(path(at, key) + " is a non-empty string");
        }
        if (v.asText().length() > MAX_TEXT) {
            throw new IllegalArgumentException(path(at, key) + " is longer than " + MAX_TEXT + " characters");
        }
        return v.asText();
    }

    private static String path(String at, String key) {
        return at.isEmpty() ? key : at + "." + key;
    }
}
