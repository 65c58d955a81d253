package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the OpenLineage 2-0-2 spec's JSON schema requires of a run event and of the facets colineage writes
 * (RunEvent, Run, Job, datasets; SQLJobFacet 1-1-0, JobTypeJobFacet 2-0-x, ExternalQueryRunFacet 1-0-x,
 * SchemaDatasetFacet 1-2-0, ColumnLineageDatasetFacet 1-2-0), checked field by field: required properties,
 * their types and formats (uri, date-time, uuid) and the transformation vocabulary.
 */
final class SpecChecks {

    private static final Set<String> EVENT_TYPES = Set.of("START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER");
    private static final Set<String> DIRECT = Set.of("IDENTITY", "TRANSFORMATION", "AGGREGATION");
    private static final Set<String> INDIRECT = Set.of("JOIN", "GROUP_BY", "FILTER", "SORT", "WINDOW", "CONDITIONAL");

    private SpecChecks() {
    }

    static void runEvent(JsonNode e) {
        dateTime(e, "eventTime");
        uri(e, "producer");
        uri(e, "schemaURL");
        assertTrue(EVENT_TYPES.contains(text(e, "eventType")), e.get("eventType").toString());
        JsonNode run = object(e, "run");
        UUID.fromString(text(run, "runId"));
        facets(run.path("facets"));
        JsonNode job = object(e, "job");
        text(job, "namespace");
        text(job, "name");
        JsonNode jobFacets = job.path("facets");
        facets(jobFacets);
        if (jobFacets.has("sql")) {
            text(jobFacets.get("sql"), "query");
        }
        if (jobFacets.has("jobType")) {
            text(jobFacets.get("jobType"), "processingType");
            text(jobFacets.get("jobType"), "integration");
        }
        if (run.path("facets").has("externalQuery")) {
            text(run.get("facets").get("externalQuery"), "externalQueryId");
            text(run.get("facets").get("externalQuery"), "source");
        }
        for (String side : new String[] {"inputs", "outputs"}) {
            assertTrue(e.get(side).isArray(), side);
            for (JsonNode d : e.get(side)) {
                text(d, "namespace");
                text(d, "name");
                JsonNode facets = d.path("facets");
                facets(facets);
                if (facets.has("schema")) {
                    for (JsonNode f : facets.get("schema").get("fields")) {
                        text(f, "name");
                    }
                }
                if (facets.has("columnLineage")) {
                    columnLineage(facets.get("columnLineage"));
                }
            }
        }
    }

    private static void columnLineage(JsonNode facet) {
        JsonNode fields = object(facet, "fields");
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            JsonNode inputs = it.next().getValue().get("inputFields");
            assertTrue(inputs != null && inputs.isArray(), "inputFields");
            inputs.forEach(SpecChecks::inputField);
        }
        if (facet.has("dataset")) {
            facet.get("dataset").forEach(SpecChecks::inputField);
        }
    }

    private static void inputField(JsonNode in) {
        text(in, "namespace");
        text(in, "name");
        text(in, "field");
        for (JsonNode t : in.get("transformations")) {
            String type = text(t, "type");
            String subtype = text(t, "subtype");
            assertTrue(type.equals("DIRECT") ? DIRECT.contains(subtype) : type.equals("INDIRECT") && INDIRECT.contains(subtype),
                    type + "/" + subtype);
            assertTrue(t.get("masking").isBoolean(), "masking");
        }
    }

    /** Every facet names its producer and schema (BaseFacet's required {@code _producer} and {@code _schemaURL}). */
    private static void facets(JsonNode facets) {
        if (facets.isMissingNode()) {
            return;
        }
        assertTrue(facets.isObject());
        facets.fields().forEachRemaining(f -> {
            uri(f.getValue(), "_producer");
            uri(f.getValue(), "_schemaURL");
        });
    }

    private static JsonNode object(JsonNode n, String key) {
        JsonNode v = n.get(key);
        assertTrue(v != null && v.isObject(), key + " is an object in " + n);
        return v;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        assertTrue(v != null && v.isTextual(), key + " is a string in " + n);
        return v.asText();
    }

    private static void uri(JsonNode n, String key) {
        assertTrue(URI.create(text(n, key)).isAbsolute(), key);
    }

    private static void dateTime(JsonNode n, String key) {
        OffsetDateTime.parse(text(n, key));
    }
}
