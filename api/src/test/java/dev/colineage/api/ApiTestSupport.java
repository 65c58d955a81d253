package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.graph.extract.LocalExtraction;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One embedded Neo4j loaded with the sample warehouse and one API server on a random port, for all API
 * tests of this JVM; requests go over real HTTP.
 */
abstract class ApiTestSupport {

    static final String TOKEN = "test-admin-token";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GraphStore store;
    private static ApiServer server;
    static Path runLogs;
    static Path planLog;
    /** The only directory runs may read request-named files from. */
    static Path inputDir;

    static synchronized ApiServer server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("colineage-api-test");
                runLogs = dir.resolve("runs");
                inputDir = Files.createDirectories(dir.resolve("input"));
                store = sampleGraph("colineage-api-graph");
                // runs are started with /bin/echo in place of colineage: the process boundary is real, the
                // extraction itself is spark-job's to test
                planLog = dir.resolve("plan-actions.log");
                // executing a plan appends each table to a file; re-running vip_contacts fails
                var action = new dev.colineage.api.plan.TableAction.Command(List.of("/bin/sh", "-c",
                        "echo \"$1\" >> \"$2\"; [ \"$1\" != acme-shop.mart.vip_contacts ]", "sh", "{table}", planLog.toString()),
                        Duration.ofSeconds(10));
                server = new ApiServer(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                        store.embedded().orElseThrow().boltUri(), new ApiSettings(0,
                        Optional.of(TOKEN), PiiRules.defaults(), Duration.ofSeconds(10), List.of("/bin/echo"), runLogs,
                        Optional.of(action)).withInputDirs(List.of(inputDir)));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    store.close();
                    dev.colineage.graph.store.Directories.deleteTree(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A temporary embedded graph holding the sample warehouse, extracted as the demo does. */
    static GraphStore sampleGraph(String name) {
        GraphStore graph = GraphStore.openTemporary(name, 64L * 1024 * 1024);
        LocalExtraction.load(graph.driver(), resource("sample/jobs.jsonl").lines().toList(),
                dev.colineage.core.metadata.WarehouseMetadata.parse(resource("sample/metadata.jsonl").lines().toList()),
                CatalogLoader.parse(resource("sample/catalog.json")));
        return graph;
    }

    static GraphStore store() {
        server();
        return store;
    }

    static String base() {
        return "http://127.0.0.1:" + server().port();
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    static Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ApiTestSupport.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
