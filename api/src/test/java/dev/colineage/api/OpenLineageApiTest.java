package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * OpenLineage over real HTTP: the sample warehouse exported as run events (checked against the spec's
 * required fields and read back by the OpenLineage server model), the round trip export -> ingest into an empty
 * graph, re-delivery, a Postgres table feeding BigQuery, table-level lineage from an event without column
 * lineage, and malformed events. Two servers of their own: ingesting changes a graph other tests read.
 */
class OpenLineageApiTest {

    private static final String TOKEN = "ol-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ALL = "/api/v1/openlineage/events?since=2000-01-01&until=2027-01-01";
    private static Path dir;
    private static GraphStore sampleStore;
    private static ApiServer sample;
    private static GraphStore emptyStore;
    private static ApiServer empty;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("colineage-ol-test");
        sampleStore = ApiTestSupport.sampleGraph("colineage-ol-sample");
        sample = server(sampleStore, "sample");
        emptyStore = GraphStore.openTemporary("colineage-ol-empty", 64L * 1024 * 1024);
        empty = server(emptyStore, "empty");
    }

    private static ApiServer server(GraphStore store, String name) {
        return new ApiServer(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                store.embedded().orElseThrow().boltUri(), new ApiSettings(0, Optional.of(TOKEN), PiiRules.defaults(),
                Duration.ofSeconds(10), List.of("/bin/echo"), dir.resolve(name + "-runs")));
    }

    @AfterAll
    static void stop() {
        sample.close();
        empty.close();
        sampleStore.close();
        emptyStore.close();
        dev.colineage.graph.store.Directories.deleteTree(dir);
    }

    @Test
    void theSampleExportsOneRunEventPerRunFollowingTheSpec() throws Exception {
        HttpResponse<String> r = get(sample, ALL + "&limit=10000");
        assertEquals(200, r.statusCode(), r.body());
        ArrayNode events = (ArrayNode) JSON.readTree(r.body());
        long runs = count(sampleStore.driver(), "MATCH (d:RunDay), (q:Query {fingerprint: d.fingerprint}) WHERE q.kind <> 'OPENLINEAGE' RETURN sum(size(d.runs))");
        assertEquals(runs, events.size(), "one event per run");
        assertEquals(Long.toString(runs), r.headers().firstValue("X-Total-Count").orElseThrow());
        assertTrue(r.headers().firstValue("Link").isEmpty(), "one page holds them all");
        ObjectMapper serverModel = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String previous = "";
        for (JsonNode e : events) {
            SpecChecks.runEvent(e);
            // the spec's own model (generated from its JSON schema) reads every event back
            serverModel.readValue(e.toString(), io.openlineage.server.OpenLineage.RunEvent.class);
            assertTrue(e.get("eventTime").asText().compareTo(previous) >= 0, "by time");
            previous = e.get("eventTime").asText();
        }

        // the daily staging job's last run, as a Marquez would read it
        JsonNode stg = null;
        for (JsonNode e : events) {
            JsonNode out = e.get("outputs");
            if (out.size() == 1 && out.get(0).get("name").asText().equals("acme-shop.staging.stg_customers")) {
                stg = e;
            }
        }
        assertTrue(stg != null, "the staging job ran");
        assertEquals("COMPLETE", stg.get("eventType").asText());
        assertEquals("https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", stg.get("schemaURL").asText());
        assertEquals("colineage", stg.at("/job/namespace").asText());
        assertEquals("bigquery", stg.at("/job/facets/sql/dialect").asText());
        assertTrue(stg.at("/job/facets/sql/query").asText().contains("TO_HEX(SHA256(LOWER(TRIM(email))))"), stg.at("/job/facets/sql/query").asText());
        assertEquals("QUERY", stg.at("/job/facets/jobType/jobType").asText());
        assertEquals("BATCH", stg.at("/job/facets/jobType/processingType").asText());
        String jobId = stg.at("/run/facets/externalQuery/externalQueryId").asText();
        assertEquals("bigquery", stg.at("/run/facets/externalQuery/source").asText());
        assertEquals(UUID.nameUUIDFromBytes(("bigquery-job:" + jobId).getBytes(StandardCharsets.UTF_8)).toString(),
                stg.at("/run/runId").asText(), "the run id is derived from the job id");
        assertEquals("[\"acme-shop.raw.customers\"]", names(stg.get("inputs")));
        JsonNode schema = stg.at("/inputs/0/facets/schema/fields");
        assertTrue(schema.toString().contains("{\"name\":\"email\",\"type\":\"STRING\"}"), schema.toString());
        JsonNode lineage = stg.at("/outputs/0/facets/columnLineage");
        assertEquals("https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
                lineage.get("_schemaURL").asText());
        assertEquals("[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.customers\",\"field\":\"email\","
                        + "\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\",\"masking\":true}]}]",
                lineage.at("/fields/email_hash/inputFields").toString(), "a hash masks");
        assertEquals("[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.customers\",\"field\":\"email\","
                        + "\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\",\"masking\":false}]}]",
                lineage.at("/fields/email/inputFields").toString());
    }

    @Test
    void pagesFollowTheirLinkAndMeetTheWholeExport() throws Exception {
        ArrayNode whole = (ArrayNode) JSON.readTree(get(sample, ALL + "&limit=10000").body());
        List<JsonNode> paged = new ArrayList<>();
        String next = ALL + "&limit=100";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> r = get(sample, next);
            assertEquals(200, r.statusCode(), r.body());
            JSON.readTree(r.body()).forEach(paged::add);
            Matcher link = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(r.headers().firstValue("Link").orElse(""));
            next = link.find() ? link.group(1) : null;
            pages++;
        }
        assertEquals((whole.size() + 99) / 100, pages);
        assertEquals(whole.size(), paged.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i), paged.get(i), "event " + i);
        }
        // without until: the next page keeps this page's end, so "now" does not move between pages
        String link = get(sample, "/api/v1/openlineage/events?since=2000-01-01&limit=100").headers().firstValue("Link").orElseThrow();
        assertTrue(link.matches("</api/v1/openlineage/events\\?since=2000-01-01&until=20\\d\\d-\\d\\d-\\d\\dT[^&]+&limit=100&offset=100>; rel=\"next\""), link);
        // an interval: the runs of 1 November only
        JsonNode day = JSON.readTree(get(sample, "/api/v1/openlineage/events?since=2026-11-01&until=2026-11-02").body());
        assertFalse(day.isEmpty());
        day.forEach(e -> assertTrue(e.get("eventTime").asText().startsWith("2026-11-01"), e.get("eventTime").asText()));
        assertEquals(400, get(sample, "/api/v1/openlineage/events").statusCode(), "since is needed");
        assertEquals(400, get(sample, "/api/v1/openlineage/events?since=2026-11-02&until=2026-11-01").statusCode());
        assertEquals(400, get(sample, "/api/v1/openlineage/events?since=yesterday").statusCode());
        assertEquals(400, get(sample, ALL + "&limit=0").statusCode());
    }

    /** Export the sample, take the events into an empty graph: the same column edges, typed the same. */
    @Test
    void aRoundTripThroughOpenLineageReproducesTheColumnEdges() throws Exception {
        ArrayNode events = (ArrayNode) JSON.readTree(get(sample, ALL + "&limit=10000").body());
        // the first half in one delivery (more than the 1 MB any other endpoint takes), the rest 100 at a time
        int half = events.size() / 2;
        for (int from = 0; from < events.size(); from = from < half ? half : from + 100) {
            ArrayNode batch = JSON.createArrayNode();
            for (int i = from; i < (from == 0 ? half : Math.min(events.size(), from + 100)); i++) {
                batch.add(events.get(i));
            }
            if (from == 0) {
                assertTrue(batch.toString().length() > 1_000_000, batch.toString().length() + " bytes");
            }
            HttpResponse<String> r = post(empty, batch.toString(), TOKEN);
            assertEquals(200, r.statusCode(), r.body());
        }
        // the sample's own edges (other tests here take events into it too)
        List<String> expected = edges(sampleStore.driver(), "EXISTS { MATCH (q:Query) WHERE q.fingerprint IN f.fingerprints AND q.kind <> 'OPENLINEAGE' }");
        List<String> actual = edges(emptyStore.driver(), "true");
        assertTrue(expected.size() > 100, expected.size() + " edges");
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertEquals(List.of(), missing, "missing after the round trip");
        assertEquals(List.of(), extra, "not in the sample");
        // taken in as OpenLineage jobs, and not given back as ours
        assertEquals(0, count(emptyStore.driver(), "MATCH (q:Query) WHERE q.kind <> 'OPENLINEAGE' RETURN count(q)"));
        assertEquals(0, JSON.readTree(get(empty, ALL).body()).size());
        assertEquals(events.size(), count(emptyStore.driver(), "MATCH (d:RunDay) RETURN sum(size(d.runs))"), "every run kept");
    }

    @Test
    void aPostgresTableFeedingBigQueryIsInTheDownstreamImpactOfItsColumn() throws Exception {
        String event = event("airflow-prod", "load_customers.copy_from_postgres", UUID.nameUUIDFromBytes("pg-1".getBytes()), "2026-11-20T01:00:00Z",
                "[{\"namespace\":\"postgres://prod-db:5432\",\"name\":\"shop.public.customers\"}]",
                "[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.customers\",\"facets\":{\"columnLineage\":{"
                        + "\"_producer\":\"https://example.com/airflow\",\"_schemaURL\":\"https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json\","
                        + "\"fields\":{\"email\":{\"inputFields\":[{\"namespace\":\"postgres://prod-db:5432\",\"name\":\"shop.public.customers\","
                        + "\"field\":\"email\",\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\"}]}]}}}}}]");
        HttpResponse<String> r = post(sample, event, TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode reply = JSON.readTree(r.body());
        assertEquals(1, reply.get("written").asInt());
        assertEquals(1, reply.get("column_edges").asInt());
        String fingerprint = reply.get("jobs").get(0).asText();

        String pg = "postgres://prod-db:5432/shop.public.customers.email";
        HttpResponse<String> down = get(sample, "/api/v1/columns/" + URLEncoder.encode(pg, StandardCharsets.UTF_8) + "/downstream?paths=false");
        assertEquals(200, down.statusCode(), down.body());
        Map<String, Integer> depth = new TreeMap<>();
        JSON.readTree(down.body()).get("nodes").forEach(n -> depth.put(n.get("id").asText(), n.get("depth").asInt()));
        assertEquals(1, depth.get("acme-shop.raw.customers.email"));
        assertEquals(2, depth.get("acme-shop.staging.stg_customers.email_hash"));
        assertEquals(3, depth.get("acme-shop.mart.marketing_contacts.email"));
        assertEquals(17, depth.size(), "the Postgres column, then raw.customers.email's 16: " + depth);
        // and upstream of the BigQuery column, the Postgres one
        JsonNode up = JSON.readTree(get(sample, "/api/v1/columns/acme-shop.raw.customers.email/upstream").body());
        assertEquals("[\"" + pg + "\"]", ids(up.get("nodes")));

        // re-delivered: nothing changes
        List<String> before = snapshot(sampleStore.driver());
        assertEquals(200, post(sample, event, TOKEN).statusCode());
        assertEquals(before, snapshot(sampleStore.driver()));
        // where it came from
        try (Session s = sampleStore.driver().session()) {
            var q = s.run("MATCH (q:Query {fingerprint: $fp}) RETURN q.source AS source, q.producer AS producer, q.kind AS kind, "
                    + "q.job_namespace AS ns, q.job_name AS name, q.run_count AS runs", Map.of("fp", fingerprint)).single();
            assertEquals("openlineage", q.get("source").asString());
            assertEquals("https://example.com/airflow", q.get("producer").asString());
            assertEquals("OPENLINEAGE", q.get("kind").asString());
            assertEquals("airflow-prod", q.get("ns").asString());
            assertEquals("load_customers.copy_from_postgres", q.get("name").asString());
            assertEquals(1, q.get("runs").asInt());
        }
        // a second run of the same job, delivered alone on the same day: one job, two runs
        assertEquals(200, post(sample, event("airflow-prod", "load_customers.copy_from_postgres", UUID.nameUUIDFromBytes("pg-2".getBytes()),
                "2026-11-20T13:00:00Z", "[{\"namespace\":\"postgres://prod-db:5432\",\"name\":\"shop.public.customers\"}]",
                "[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.customers\"}]"), TOKEN).statusCode());
        assertEquals(2, count(sampleStore.driver(), "MATCH (q:Query {fingerprint: '" + fingerprint + "'}) RETURN q.run_count"));
    }

    @Test
    void anEventWithoutColumnLineageGivesTableLevelLineage() throws Exception {
        String event = event("spark", "export_orders", UUID.nameUUIDFromBytes("gcs-1".getBytes()), "2026-11-19T05:00:00Z",
                "[{\"namespace\":\"gs://acme-landing\",\"name\":\"exports/orders.parquet\"}]",
                "[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.orders\"}]");
        assertEquals(200, post(sample, event, TOKEN).statusCode());
        String file = "gs://acme-landing/exports/orders.parquet";
        HttpResponse<String> down = get(sample, "/api/v1/tables/" + URLEncoder.encode(file, StandardCharsets.UTF_8) + "/downstream?depth=1");
        assertEquals(200, down.statusCode(), down.body());
        assertTrue(ids(JSON.readTree(down.body()).get("nodes")).contains("\"acme-shop.raw.orders\""), down.body());
        try (Session s = sampleStore.driver().session()) {
            assertEquals(1, s.run("MATCH (:Table {fqn: $f})-[r:FEEDS_TABLE]->(:Table {fqn: 'acme-shop.raw.orders'}) RETURN count(r) AS n",
                    Map.of("f", file)).single().get("n").asInt());
        }
    }

    @Test
    void malformedEventsAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        String good = event("dbt", "model.shop.orders", UUID.nameUUIDFromBytes("ok".getBytes()), "2026-11-20T01:00:00Z", "[]",
                "[{\"namespace\":\"bigquery\",\"name\":\"acme-shop.raw.orders\"}]");
        List<String> before = snapshot(emptyStore.driver());
        assertProblem(post(empty, "[" + good + ", {\"eventTime\": \"2026-11-20T01:00:00Z\", \"producer\": \"https://x\","
                + " \"run\": {}, \"job\": {\"namespace\": \"n\", \"name\": \"j\"}}]", TOKEN), "[1].run.runId is missing");
        assertProblem(post(empty, good.replace("2026-11-20T01:00:00Z", "yesterday"), TOKEN),
                "eventTime is an ISO-8601 date-time with an offset: 'yesterday'");
        assertProblem(post(empty, good.replace("2026-11-20T01:00:00Z", "+10000-01-01T00:00:00Z"), TOKEN),
                "eventTime is in the years 0001 to 9999: '+10000-01-01T00:00:00Z'");
        assertProblem(post(empty, good.replace("\"acme-shop.raw.orders\"", "\"orders\""), TOKEN),
                "outputs[0].name: a dataset in namespace bigquery is named project.dataset.table: 'orders'");
        String badSubtype = event("dbt", "m", UUID.randomUUID(), "2026-11-20T01:00:00Z", "[]",
                "[{\"namespace\":\"bigquery\",\"name\":\"a.b.c\",\"facets\":{\"columnLineage\":{\"fields\":{\"x\":{\"inputFields\":"
                        + "[{\"namespace\":\"bigquery\",\"name\":\"a.b.d\",\"field\":\"y\",\"transformations\":[{\"type\":\"DIRECT\",\"subtype\":\"FILTER\"}]}]}}}}}]");
        assertProblem(post(empty, badSubtype, TOKEN),
                "outputs[0].facets.columnLineage.fields.x.inputFields[0].transformations[0].subtype FILTER is INDIRECT, not DIRECT");
        assertProblem(post(empty, "{\"not\": \"json\"", TOKEN), "the body is not JSON");
        assertEquals(401, post(empty, good, null).statusCode());
        assertEquals(403, post(empty, good, "wrong").statusCode());
        assertEquals(before, snapshot(emptyStore.driver()), "nothing half-written");
    }

    private static void assertProblem(HttpResponse<String> r, String detail) throws IOException {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(detail, JSON.readTree(r.body()).get("detail").asText());
    }

    static String event(String namespace, String job, UUID run, String time, String inputs, String outputs) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"" + time + "\",\"producer\":\"https://example.com/airflow\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"" + run + "\"},\"job\":{\"namespace\":\"" + namespace + "\",\"name\":\"" + job + "\"},"
                + "\"inputs\":" + inputs + ",\"outputs\":" + outputs + "}";
    }

    /** Every FEEDS and INFLUENCES edge {@code where} says, by its ends and transformation, sorted. */
    private static List<String> edges(Driver driver, String where) {
        try (Session s = driver.session()) {
            return s.run("""
                    MATCH (a:Column)-[f:FEEDS|INFLUENCES]->(b) WHERE %s
                    RETURN a.fqn + ' -> ' + b.fqn + ' ' + f.type + '/' + f.subtype + (CASE WHEN f.masking THEN ' masked' ELSE '' END) AS edge
                    ORDER BY edge""".formatted(where)).list(r -> r.get("edge").asString());
        }
    }

    /** Every node and relationship with its properties but the sequence stamp, sorted. */
    private static List<String> snapshot(Driver driver) {
        try (Session s = driver.session()) {
            return s.run("""
                    MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:LineageSequence
                    OPTIONAL MATCH (n)-[r]->(m)
                    RETURN labels(n)[0] AS label, properties(n) AS node, type(r) AS rel, properties(r) AS relProps,
                           coalesce(m.fqn, m.fingerprint, m.key) AS other
                    """).list(r -> r.get("label").asString() + " " + withoutSequence(r.get("node").asMap()) + " -"
                    + (r.get("rel").isNull() ? "" : r.get("rel").asString() + " " + withoutSequence(r.get("relProps").asMap()))
                    + "-> " + (r.get("other").isNull() ? "" : r.get("other").asString())).stream().sorted().toList();
        }
    }

    private static TreeMap<String, Object> withoutSequence(Map<String, Object> properties) {
        TreeMap<String, Object> out = new TreeMap<>(properties);
        out.remove("seq");
        return out;
    }

    private static long count(Driver driver, String cypher) {
        try (Session s = driver.session()) {
            return s.run(cypher).single().get(0).asLong();
        }
    }

    private static String names(JsonNode datasets) {
        List<String> out = new ArrayList<>();
        datasets.forEach(d -> out.add("\"" + d.get("name").asText() + "\""));
        return "[" + String.join(",", out) + "]";
    }

    private static String ids(JsonNode nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add("\"" + n.get("id").asText() + "\""));
        out.sort(null);
        return "[" + String.join(",", out) + "]";
    }

    private static HttpResponse<String> get(ApiServer server, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build());
    }

    private static HttpResponse<String> post(ApiServer server, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/openlineage"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
