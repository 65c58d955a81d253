package dev.colineage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * A minimal W3C WebDriver client for ChromeDriver driving headless Chromium: enough to open a page,
 * type, click (real pointer actions), run a script, take a screenshot and keep downloads. No Selenium on the
 * classpath. The browser tests and {@code bench page} drive the page with it.
 */
final class WebDriver implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process chromedriver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;
    private final Path downloads;

    WebDriver(Path chromium, Path chromedriverBinary, Path profile) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        chromedriver = new ProcessBuilder(chromedriverBinary.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        downloads = Files.createDirectories(profile.resolveSibling("downloads"));
        waitFor(() -> {
            try {
                return call("GET", "/status", null).path("value").path("ready").asBoolean();
            } catch (RuntimeException e) {
                return false;
            }
        }, Duration.ofSeconds(20), "chromedriver to start");
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        ObjectNode options = always.putObject("goog:chromeOptions");
        options.put("binary", chromium.toString());
        var args = options.putArray("args");
        // as the machine's notes say: headless, no sandbox as root, and no background networking (the
        // closed network refuses it)
        for (String a : List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,900", "--user-data-dir=" + profile)) {
            args.add(a);
        }
        // downloads land in a directory of our own, without asking
        options.putObject("prefs").put("download.default_directory", downloads.toString()).put("download.prompt_for_download", false)
                .put("download.directory_upgrade", true);
        session = call("POST", "/session", caps).path("value").path("sessionId").asText();
    }

    /** Where the page's downloads are saved. */
    Path downloads() {
        return downloads;
    }

    void open(String url) {
        session("POST", "/url", JSON.createObjectNode().put("url", url));
    }

    String find(String css) {
        JsonNode reply = session("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        String id = reply.path("value").path(ELEMENT).asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("no element for " + css + ": " + reply);
        }
        return id;
    }

    void type(String element, String text) {
        session("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
    }

    void click(String element) {
        session("POST", "/element/" + element + "/click", JSON.createObjectNode());
    }

    /** A real mouse click at page coordinates (Cytoscape draws on a canvas: nodes are no elements). */
    void clickAt(int x, int y) {
        clicksAt(new int[][] {{x, y}});
    }

    /** Real mouse clicks at page coordinates, one after another in one gesture (~60 ms apart: a double click). */
    void clicksAt(int[]... points) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode pointer = body.putArray("actions").addObject();
        pointer.put("type", "pointer").put("id", "mouse").putObject("parameters").put("pointerType", "mouse");
        var steps = pointer.putArray("actions");
        for (int[] p : points) {
            steps.addObject().put("type", "pointerMove").put("duration", 0).put("x", p[0]).put("y", p[1]).put("origin", "viewport");
            steps.addObject().put("type", "pointerDown").put("button", 0);
            steps.addObject().put("type", "pause").put("duration", 30);
            steps.addObject().put("type", "pointerUp").put("button", 0);
            steps.addObject().put("type", "pause").put("duration", 30);
        }
        session("POST", "/actions", body);
    }

    JsonNode script(String js) {
        ObjectNode body = JSON.createObjectNode().put("script", js);
        body.putArray("args");
        return session("POST", "/execute/sync", body).path("value");
    }

    String text(String element) {
        return session("GET", "/element/" + element + "/text", null).path("value").asText();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(session("GET", "/screenshot", null).path("value").asText()));
    }

    static void waitFor(Supplier<Boolean> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode session(String method, String path, JsonNode body) {
        return call(method, "/session/" + session + path, body);
    }

    private JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() >= 400) {
                throw new IllegalStateException("WebDriver " + method + " " + path + ": " + json.path("value").path("message").asText(r.body()));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (RuntimeException e) {
            // the browser is going away anyway
        } finally {
            chromedriver.destroy();
        }
    }
}
