package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.api.schedule.ProcessLauncher;
import dev.colineage.api.schedule.ScheduleConfig;
import dev.colineage.api.schedule.ScheduleRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The schedule endpoints over HTTP, with runs started as real processes ({@code /bin/true}). */
class ScheduleApiTest extends ApiTestSupport {

    @Test
    void schedulesAndABackfillOverHttp() throws Exception {
        var schedules = ScheduleConfig.parse("""
                {"schedules": [{"name": "daily-sample", "cron": "0 3 * * *", "timezone": "UTC", "source": {"type": "sample"}}]}""");
        java.nio.file.Path logs = Files.createTempDirectory("colineage-sched");
        ScheduleRunner runner = new ScheduleRunner(schedules, Clock.systemUTC(),
                new ProcessLauncher(List.of("/bin/true"), "bolt://127.0.0.1:7687", logs), key -> Optional.empty());
        try (ApiServer server = new ApiServer(store().driver(), "bolt://127.0.0.1:7687", new ApiSettings(0, Optional.of(TOKEN),
                PiiRules.defaults(), Duration.ofSeconds(10), List.of("/bin/true"), runLogs), Optional.of(runner))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/schedules";
            JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("daily-sample", listed.get("schedules").get(0).get("name").asText());
            assertEquals("0 3 * * * (UTC)", listed.get("schedules").get(0).get("cron").asText());

            String body = "{\"from\": \"2026-11-01T00:00:00Z\", \"to\": \"2026-11-03T00:00:00Z\"}";
            HttpRequest.Builder backfill = HttpRequest.newBuilder(URI.create(base + "/daily-sample/backfill"))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            assertEquals(401, http.send(backfill.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> accepted = http.send(backfill.header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            assertEquals(3, JSON.readTree(accepted.body()).get("windows").asInt());
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/nope/backfill"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode());

            for (int i = 0; i < 200 && runner.history().stream().filter(r -> r.state().equals("SUCCEEDED")).count() < 3; i++) {
                runner.tick();
                Thread.sleep(20);
            }
            JsonNode history = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("history");
            assertEquals("2026-11-01T00:00:00Z", history.get(0).get("since").asText());
            assertEquals("SUCCEEDED", history.get(2).get("state").asText());
            assertEquals("2026-11-03T00:00:00Z", history.get(2).get("until").asText());
        } finally {
            dev.colineage.graph.store.Directories.deleteTree(logs);
        }
    }
}
