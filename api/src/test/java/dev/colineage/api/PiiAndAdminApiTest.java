package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** PII flows, the admin endpoints and their auth, and a graph that is not there. */
class PiiAndAdminApiTest extends ApiTestSupport {

    private static final String EMAIL = "acme-shop.raw.customers.email";

    private static List<String> columns(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(x.get("column").asText()));
        return out;
    }

    @Test
    void hashingStopsPii() {
        JsonNode flows = get("/api/v1/pii/flows?column=" + EMAIL).json();
        JsonNode email = flows.get("columns").get(0);
        assertEquals(EMAIL, email.get("column").asText());
        assertEquals("[\"policy_tag:projects/acme-shop/locations/us/taxonomies/1/policyTags/pii\",\"name\"]",
                email.get("reasons").toString());
        assertEquals(List.of("acme-shop.staging.stg_customers.email", "acme-shop.mart.marketing_contacts.email",
                "acme-shop.mart.vip_contacts.email"), columns(email.get("exposed")), "by depth, then name");
        assertEquals(List.of("acme-shop.mart.vw_contactable_customers.email_token", "acme-shop.staging.stg_customers.email_hash"),
                columns(email.get("masked")), "dim_customer.email_hash and the views downstream of a hash are not PII");
        JsonNode viaStaging = email.get("exposed").get(1).get("path");
        assertEquals(2, viaStaging.size(), "marketing_contacts gets the email through staging: " + viaStaging);
    }

    @Test
    void allPiiColumnsByPolicyTagAndName() {
        JsonNode flows = get("/api/v1/pii/flows").json();
        List<String> pii = columns(flows.get("columns"));
        // only columns some query read or wrote are in the graph: phone and ip_address never flow anywhere
        // newsletter_subscribers.email is PII by its name though the pipeline writing it has retired
        assertEquals(List.of("acme-shop.mart.marketing_contacts.email", "acme-shop.mart.newsletter_subscribers.email",
                "acme-shop.mart.vip_contacts.email", "acme-shop.raw.customers.birth_date", "acme-shop.raw.customers.email", "acme-shop.raw.payments.card_number",
                "acme-shop.staging.stg_customers.email"), pii);
        assertTrue(pii.stream().noneMatch(c -> c.endsWith("email_hash") || c.endsWith("card_last4") || c.endsWith("country")), pii.toString());
        JsonNode card = null;
        for (JsonNode c : flows.get("columns")) {
            if (c.get("column").asText().endsWith("card_number")) {
                card = c;
            }
        }
        assertEquals(List.of("acme-shop.staging.stg_payments.card_last4"), columns(card.get("exposed")),
                "RIGHT(card_number, 4) keeps part of the value: a TRANSFORMATION, not a mask");
        assertEquals(List.of(), columns(card.get("masked")));
    }

    @Test
    void taggingNeedsTheAdminTokenAndMarksPii() {
        String path = "/api/v1/columns/acme-shop.raw.orders.customer_id/tags/pii";
        Reply anonymous = send("PUT", path, null, null);
        assertEquals(401, anonymous.status());
        assertEquals("application/problem+json; charset=utf-8", anonymous.contentType());
        assertEquals(403, send("PUT", path, "wrong-token", null).status());
        assertEquals(400, send("PUT", "/api/v1/columns/acme-shop.raw.orders.customer_id/tags/Not%20A%20Tag", TOKEN, null).status());
        assertEquals(404, send("PUT", "/api/v1/columns/acme-shop.raw.orders.nope/tags/pii", TOKEN, null).status());

        Reply tagged = send("PUT", path, TOKEN, null);
        assertEquals(200, tagged.status(), tagged.body());
        assertEquals("[\"pii\"]", tagged.json().get("tags").toString());
        assertEquals("[\"pii\"]", send("PUT", path, TOKEN, null).json().get("tags").toString(), "tagging twice keeps one tag");
        JsonNode flow = get("/api/v1/pii/flows?column=acme-shop.raw.orders.customer_id").json().get("columns").get(0);
        assertEquals("[\"tag:pii\"]", flow.get("reasons").toString());
        assertTrue(columns(flow.get("exposed")).contains("acme-shop.staging.stg_orders.customer_id"));

        assertEquals("[]", send("DELETE", path, TOKEN, null).json().get("tags").toString());
        assertEquals(0, get("/api/v1/pii/flows?column=acme-shop.raw.orders.customer_id").json().get("columns").size());
    }

    @Test
    void triggeringARunStartsTheExtractionProcessWithValidatedArguments() throws Exception {
        assertEquals(401, send("POST", "/api/v1/runs", null, "{}").status());
        assertEquals(403, send("POST", "/api/v1/runs", "nope", "{}").status());
        assertEquals("Bad parameter: source", send("POST", "/api/v1/runs", TOKEN, "{\"source\": \"s3\"}").json().get("title").asText());
        assertEquals("Bad parameter: since", send("POST", "/api/v1/runs", TOKEN, "{\"since\": \"last week\"}").json().get("title").asText());
        assertEquals("Bad parameter: jobs", send("POST", "/api/v1/runs", TOKEN, "{\"source\": \"jsonl\", \"jobs\": \"--help\"}")
                .json().get("title").asText());
        assertEquals("Bad parameter: project", send("POST", "/api/v1/runs", TOKEN,
                "{\"source\": \"bigquery\", \"project\": \"p; rm -rf /\"}").json().get("title").asText());
        assertEquals("Bad parameter: body", send("POST", "/api/v1/runs", TOKEN, "{nope").json().get("title").asText());

        Reply started = send("POST", "/api/v1/runs", TOKEN, "{\"source\": \"sample\", \"since\": \"2026-10-01\"}");
        assertEquals(202, started.status());
        JsonNode launch = started.json();
        Path log = Path.of(launch.get("log").asText());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline) && (!Files.exists(log) || Files.readString(log).isEmpty())) {
            Thread.sleep(50);
        }
        String boltUri = store().embedded().orElseThrow().boltUri();
        assertEquals("extract --source sample --neo4j " + boltUri + " --progress never --since 2026-10-01", Files.readString(log).strip());
        JsonNode runs = get("/api/v1/runs").json();
        assertEquals(launch.get("launch_id").asText(), runs.get("launched_here").get(0).get("launch_id").asText());
    }

    /** The reproductions of issue 12: a run reads only files inside the input directories; options stay values. */
    @Test
    void aRunReadsOnlyFilesInsideTheInputDirectories() throws Exception {
        server();
        Path jobs = Files.writeString(inputDir.resolve("jobs.jsonl"), "{}\n");
        Path outside = Files.createTempFile("colineage-outside", ".jsonl");
        outside.toFile().deleteOnExit();
        Path link = inputDir.resolve("link.jsonl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        for (String hostile : List.of("/etc/shadow", "/etc/passwd", inputDir + "/../../etc/passwd", "../etc/passwd",
                "jobs.jsonl", link.toString(), inputDir.toString(), outside.toString(), inputDir + "/missing.jsonl")) {
            Reply r = send("POST", "/api/v1/runs", TOKEN, JSON.writeValueAsString(Map.of("source", "jsonl", "jobs", hostile)));
            assertEquals(400, r.status(), hostile + ": " + r.body());
            assertEquals("Bad parameter: jobs", r.json().get("title").asText(), hostile);
        }
        assertEquals("Bad parameter: catalog", send("POST", "/api/v1/runs", TOKEN, JSON.writeValueAsString(
                Map.of("source", "jsonl", "jobs", jobs.toString(), "catalog", "/etc/hostname"))).json().get("title").asText());
        for (String project : List.of("--master", "-p", "p", "my_proj", "PROJ-ECT", "a".repeat(40))) {
            assertEquals("Bad parameter: project", send("POST", "/api/v1/runs", TOKEN, JSON.writeValueAsString(
                    Map.of("source", "bigquery", "project", project))).json().get("title").asText(), project);
        }
        assertEquals("Bad parameter: region", send("POST", "/api/v1/runs", TOKEN,
                "{\"source\": \"bigquery\", \"project\": \"my-proj\", \"region\": \"--help\"}").json().get("title").asText());

        Reply ok = send("POST", "/api/v1/runs", TOKEN, JSON.writeValueAsString(Map.of("source", "jsonl", "jobs",
                inputDir + "/./jobs.jsonl")));
        assertEquals(202, ok.status(), ok.body());
        assertEquals(jobs.toRealPath().toString(), ok.json().get("arguments").get(ok.json().get("arguments").size() - 1).asText(),
                "the run is given the canonical path");
        Reply domain = send("POST", "/api/v1/runs", TOKEN, "{\"source\": \"bigquery\", \"project\": \"example.com:my-proj\", \"region\": \"region-us\"}");
        assertEquals(202, domain.status(), domain.body());
    }

    @Test
    void withoutInputDirectoriesARunReadsNoNamedFile() throws Exception {
        try (ApiServer closed = new ApiServer(store().driver(), store().embedded().orElseThrow().boltUri(), new ApiSettings(0,
                Optional.of(TOKEN), PiiRules.defaults(), Duration.ofSeconds(5), List.of("/bin/echo"), runLogs))) {
            var reply = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + closed.port() + "/api/v1/runs")).header("Authorization", "Bearer " + TOKEN)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"source\": \"jsonl\", \"jobs\": \"/etc/shadow\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, reply.statusCode(), reply.body());
            assertEquals("No input directories", JSON.readTree(reply.body()).get("title").asText());
        }
    }

    @Test
    void anUnreachableGraphIs503() throws Exception {
        try (Driver nowhere = GraphDatabase.driver("bolt://127.0.0.1:1", AuthTokens.none(),
                org.neo4j.driver.Config.builder().withMaxTransactionRetryTime(0, java.util.concurrent.TimeUnit.SECONDS).build());
             ApiServer down = new ApiServer(nowhere, "bolt://127.0.0.1:1", new ApiSettings(0, Optional.empty(),
                     PiiRules.defaults(), Duration.ofSeconds(5), List.of("/bin/true"), runLogs))) {
            var http = java.net.http.HttpClient.newHttpClient();
            var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + down.port()
                    + "/api/v1/columns/" + EMAIL + "/downstream")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, reply.statusCode());
            assertEquals("Graph unavailable", JSON.readTree(reply.body()).get("title").asText());
            var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + down.port()
                    + "/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
        }
    }
}
