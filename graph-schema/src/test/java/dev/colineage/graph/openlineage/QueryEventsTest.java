package dev.colineage.graph.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.write.QueryKind;
import dev.colineage.graph.write.QueryRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The events of one query: exact facets, and the fast JSON equal to the model's own writing. */
class QueryEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final StoredQuery QUERY = new StoredQuery("abc123", "SELECT ...", "CREATE_TABLE_AS_SELECT", QueryKind.JOB,
            Optional.empty(), List.of("p.raw.users", "p.raw.orders"), List.of("p.mart.active", "p.mart.audit"), List.of(
            new StoredEdge("p.raw.users", "email", "p.mart.active", Optional.of("email_hash"),
                    new Transformation(Transformation.Type.DIRECT, Transformation.Subtype.TRANSFORMATION, true)),
            new StoredEdge("p.raw.orders", "total", "p.mart.active", Optional.of("spend"), Transformation.AGGREGATION),
            new StoredEdge("p.raw.orders", "total", "p.mart.active", Optional.of("spend"), Transformation.TRANSFORMATION),
            new StoredEdge("p.raw.users", "id", "p.mart.active", Optional.empty(), Transformation.indirect(Transformation.Subtype.JOIN)),
            new StoredEdge("p.raw.orders", "status", "p.mart.active", Optional.empty(), Transformation.indirect(Transformation.Subtype.FILTER))));

    @Test
    void eachRunIsAnEventWithTheQuerysFacets() throws Exception {
        QueryEvents events = new QueryEvents(QUERY, Map.of("p.raw.users", List.of(new SchemaColumn("email", "STRING"),
                new SchemaColumn("id", "INT64"))));
        JsonNode e = JSON.readTree(events.json(new QueryRun(Instant.parse("2026-11-20T03:00:00Z"), "job_1")));
        assertEquals("2026-11-20T03:00:00Z", e.get("eventTime").asText());
        assertEquals(QueryEvents.runId("job_1").toString(), e.at("/run/runId").asText());
        assertEquals("job_1", e.at("/run/facets/externalQuery/externalQueryId").asText());
        assertEquals("abc123", e.at("/job/name").asText());
        assertEquals("[\"p.raw.orders\",\"p.raw.users\"]", names(e.get("inputs")));
        assertEquals("[\"p.mart.active\",\"p.mart.audit\"]", names(e.get("outputs")));
        assertEquals("[{\"name\":\"email\",\"type\":\"STRING\"},{\"name\":\"id\",\"type\":\"INT64\"}]",
                e.at("/inputs/1/facets/schema/fields").toString());
        JsonNode lineage = e.at("/outputs/0/facets/columnLineage");
        assertEquals("{\"email_hash\":{\"inputFields\":[{\"namespace\":\"bigquery\",\"name\":\"p.raw.users\",\"field\":\"email\","
                + "\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\",\"masking\":true}]}]},"
                + "\"spend\":{\"inputFields\":[{\"namespace\":\"bigquery\",\"name\":\"p.raw.orders\",\"field\":\"total\","
                + "\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\",\"masking\":false},"
                + "{\"type\":\"DIRECT\",\"subtype\":\"AGGREGATION\",\"masking\":false}]}]}}", lineage.get("fields").toString(),
                "one input field per source column, its transformations together");
        assertEquals("[{\"namespace\":\"bigquery\",\"name\":\"p.raw.orders\",\"field\":\"status\",\"transformations\":"
                + "[{\"type\":\"INDIRECT\",\"subtype\":\"FILTER\",\"masking\":false}]},{\"namespace\":\"bigquery\",\"name\":\"p.raw.users\","
                + "\"field\":\"id\",\"transformations\":[{\"type\":\"INDIRECT\",\"subtype\":\"JOIN\",\"masking\":false}]}]",
                lineage.get("dataset").toString(), "table-wide inputs");
        assertEquals("{}", e.at("/outputs/1/facets/columnLineage/fields").toString(), "written, no column edge into it: known empty");
    }

    @Test
    void theFastJsonIsTheModelsOwnWriting() throws Exception {
        QueryEvents events = new QueryEvents(QUERY, Map.of());
        for (QueryRun run : List.of(new QueryRun(Instant.parse("2026-11-20T03:00:00.123Z"), "job_2"),
                new QueryRun(Instant.parse("2026-01-01T00:00:00Z"), "p:US.job_3"))) {
            assertEquals(JSON.readTree(OpenLineageJson.write(events.of(run))), JSON.readTree(events.json(run)));
        }
        StoredQuery view = new StoredQuery("def456", "CREATE VIEW v AS SELECT 1", "CREATE_VIEW", QueryKind.DEFINITION, Optional.empty(),
                List.of(), List.of("p.mart.v"), List.of());
        QueryEvents definition = new QueryEvents(view, Map.of());
        QueryRun run = new QueryRun(Instant.parse("2026-10-01T00:00:00Z"), "definition-1");
        JsonNode e = JSON.readTree(definition.json(run));
        assertEquals(JSON.readTree(OpenLineageJson.write(definition.of(run))), e);
        assertEquals("DEFINITION", e.at("/job/facets/jobType/jobType").asText());
        assertEquals(true, e.at("/run/facets/externalQuery").isMissingNode(), "a definition ran no BigQuery job");
    }

    private static String names(JsonNode datasets) {
        StringBuilder out = new StringBuilder("[");
        datasets.forEach(d -> out.append(out.length() > 1 ? "," : "").append('"').append(d.get("name").asText()).append('"'));
        return out.append(']').toString();
    }
}
