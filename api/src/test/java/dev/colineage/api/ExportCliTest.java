package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.colineage.graph.store.GraphStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * {@code colineage export openlineage} over the sample graph, through Bolt as the command runs: JSON lines to a
 * file and to standard output, and posted to a local stand-in for an OpenLineage endpoint (Marquez's one event per
 * request, and batches) that checks the bearer token, refuses the first request with a 503 (retried) and once
 * with a 400 (the export stops, exit 1).
 */
class ExportCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static GraphStore store;
    private static long runs;

    @BeforeAll
    static void sample() throws IOException {
        dir = Files.createTempDirectory("colineage-export-test");
        store = ApiTestSupport.sampleGraph("colineage-export-graph");
        try (Session s = store.driver().session()) {
            runs = s.run("MATCH (d:RunDay) RETURN sum(size(d.runs)) AS n").single().get("n").asLong();
        }
    }

    @AfterAll
    static void close() {
        store.close();
        dev.colineage.graph.store.Directories.deleteTree(dir);
    }

    @Test
    void jsonLinesToAFileAndToStandardOutput() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Result r = export(Map.of(), "openlineage", "--out", file.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(file);
        assertEquals(runs, lines.size(), "one event per run");
        for (String line : lines) {
            SpecChecks.runEvent(JSON.readTree(line));
        }
        assertTrue(r.err().contains(runs + " OpenLineage events written to " + file), r.err());
        // an interval, to standard output
        Result day = export(Map.of(), "export", "openlineage", "--since", "2026-11-01", "--until", "2026-11-02");
        assertEquals(0, day.code(), day.err());
        List<String> dayLines = day.out().lines().toList();
        assertTrue(!dayLines.isEmpty() && dayLines.size() < lines.size(), dayLines.size() + " of " + lines.size());
        for (String line : dayLines) {
            assertTrue(JSON.readTree(line).get("eventTime").asText().startsWith("2026-11-01"), line);
        }
    }

    @Test
    void postedToAnEndpointOneByOneAndInBatchesWithATokenAndRetries() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/api/v1/lineage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            // the first request of all fails as a busy server does: retried
            int status = calls.getAndIncrement() == 0 ? 503 : 201;
            if (status == 201) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        standIn.start();
        try {
            String url = "http://127.0.0.1:" + standIn.getAddress().getPort() + "/api/v1/lineage";
            Result one = export(Map.of("COLINEAGE_OPENLINEAGE_TOKEN", "s3cret"), "openlineage", "--url", url);
            assertEquals(0, one.code(), one.err());
            assertEquals(runs, bodies.size(), "Marquez's shape: one event per request");
            JsonNode first = JSON.readTree(bodies.get(0));
            assertTrue(first.isObject());
            SpecChecks.runEvent(first);
            assertTrue(tokens.stream().allMatch("Bearer s3cret"::equals), tokens.toString());
            assertTrue(one.err().contains(runs + " OpenLineage events posted to " + url + " in " + (runs + 1) + " requests (1 retried)"), one.err());

            bodies.clear();
            Result batched = export(Map.of(), "openlineage", "--url", url, "--batch", "100");
            assertEquals(0, batched.code(), batched.err());
            assertEquals((runs + 99) / 100, bodies.size(), "arrays of 100");
            long events = 0;
            for (String b : bodies) {
                JsonNode array = JSON.readTree(b);
                assertTrue(array.isArray() && array.size() <= 100);
                events += array.size();
            }
            assertEquals(runs, events);
            assertEquals("null", tokens.get(tokens.size() - 1), "no token, no header");
        } finally {
            standIn.stop(0);
        }
    }

    @Test
    void anEndpointThatRefusesStopsTheExportAndUsageMistakesExit2() throws Exception {
        HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        standIn.createContext("/", exchange -> {
            byte[] reply = "{\"error\": \"bad event\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        standIn.start();
        try {
            String url = "http://127.0.0.1:" + standIn.getAddress().getPort() + "/api/v1/lineage";
            Result refused = export(Map.of(), "openlineage", "--url", url);
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains(url + " answered 400: {\"error\": \"bad event\"}"), refused.err());
        } finally {
            standIn.stop(0);
        }
        assertEquals(2, export(Map.of(), "openlineage", "--since", "soon").code());
        assertEquals(2, export(Map.of(), "openlineage", "--out", "a", "--url", "http://x").code());
        assertEquals(2, export(Map.of(), "openlineage", "--url", "ftp://x").code());
        assertEquals(2, export(Map.of(), "openlineage", "--batch", "0").code());
        assertEquals(2, export(Map.of(), "lineage").code());
        assertEquals(2, export(Map.of(), "openlineage", "--since", "2026-11-02", "--until", "2026-11-01").code());
    }

    private record Result(int code, String out, String err) {
    }

    private static Result export(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--neo4j");
        all.add(store.embedded().orElseThrow().boltUri());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExportCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, Duration.ofMillis(10));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
