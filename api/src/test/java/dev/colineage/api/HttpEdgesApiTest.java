package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 8: what the HTTP layer answers at its edges — encodings, Jetty's own refusals, wrong
 * methods, unknown PII columns, browser security headers, CORS and the listening address. Requests
 * Java's client would refuse to send are written on a raw socket.
 */
class HttpEdgesApiTest extends ApiTestSupport {

    /** The status line, headers (lower-cased names) and body of one raw HTTP/1.1 exchange. */
    private record RawReply(int status, String headers, byte[] body) {
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }

        JsonNode json() throws IOException {
            return JSON.readTree(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static RawReply raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            // Connection: close on every request: the server ends the reply by closing
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // a refused request may be answered and reset before its whole body was read
            }
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            int status = Integer.parseInt(head.split(" ")[1]);
            byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawReply(status, head, body);
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String s = new String(chunked, StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < s.length()) {
            int lineEnd = s.indexOf("\r\n", i);
            int size = Integer.parseInt(s.substring(i, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static void assertProblem(RawReply r, int status) throws IOException {
        assertEquals(status, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(Problem.CONTENT_TYPE, r.header("Content-Type").toLowerCase(Locale.ROOT));
        JsonNode p = r.json();
        assertEquals(status, p.get("status").asInt());
        assertEquals("about:blank", p.get("type").asText());
        assertTrue(!p.get("title").asText().isBlank() && !p.get("detail").asText().isBlank(), p.toString());
        assertTrue(!new String(r.body(), StandardCharsets.UTF_8).contains("<html"), "no HTML page");
    }

    @Test
    void problemBodiesAreUtf8AndSaySo() throws IOException {
        String name = "acme-shop.raw.clientes.año_日本";
        Reply r = get("/api/v1/columns/" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/downstream");
        assertEquals(404, r.status(), r.body());
        assertEquals("application/problem+json; charset=utf-8", r.contentType());
        assertTrue(r.json().get("detail").asText().contains("año_日本"), r.body());
        // the bytes on the wire are UTF-8: ñ is C3 B1, not the single byte F1
        RawReply wire = raw("GET /api/v1/columns/acme-shop.raw.clientes.a%C3%B1o/downstream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String body = new String(wire.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("año"), body);
    }

    @Test
    void jettysOwnRefusalsAreProblemDetails() throws IOException {
        assertProblem(raw("GET /api/v1/search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        assertProblem(raw("GET /api/v1/search?q=a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n"), 431);
        assertProblem(raw("GET /api/v1/columns/a%00b/downstream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        String big = "x".repeat(2_000_000);
        assertProblem(raw("POST /api/v1/plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + big.length() + "\r\nConnection: close\r\n\r\n" + big), 413);
    }

    @Test
    void aWrongMethodIs405() throws IOException {
        Reply r = send("DELETE", "/api/v1/search?q=email", null, null);
        assertEquals(405, r.status(), r.body());
        assertEquals("application/problem+json; charset=utf-8", r.contentType());
        assertEquals("Method not allowed", r.json().get("title").asText());
        assertEquals(404, get("/api/v1/nothing-here").status(), "an unknown path stays 404");
    }

    @Test
    void piiFlowsOfAnUnknownColumnIs404() {
        Reply r = get("/api/v1/pii/flows?column=acme-shop.raw.customers.no_such_column");
        assertEquals(404, r.status(), r.body());
        assertEquals("no column acme-shop.raw.customers.no_such_column in the lineage graph", r.json().get("detail").asText());
    }

    @Test
    void everyAnswerCarriesBrowserSecurityHeaders() throws IOException {
        for (String path : List.of("/", "/api/v1/search?q=email", "/api/v1/nothing-here")) {
            RawReply r = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
            assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, r.header("Content-Security-Policy"), path);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
        }
    }

    @Test
    void noOriginMayCallByDefaultAndConfiguredOnesMay() throws Exception {
        HttpRequest fromElsewhere = HttpRequest.newBuilder(URI.create(base() + "/api/v1/search?q=email"))
                .header("Origin", "https://evil.example").GET().build();
        var reply = java.net.http.HttpClient.newHttpClient().send(fromElsewhere, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(Optional.empty(), reply.headers().firstValue("Access-Control-Allow-Origin"));

        try (ApiServer open = new ApiServer(store().driver(), store().embedded().orElseThrow().boltUri(), new ApiSettings(0,
                Optional.of(TOKEN), PiiRules.defaults(), Duration.ofSeconds(5), List.of("/bin/echo"), runLogs)
                .withCorsOrigins(List.of("https://catalog.example.com", "http://localhost:3000")))) {
            var http = java.net.http.HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + open.port() + "/api/v1/search?q=email";
            var allowed = http.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://catalog.example.com").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, allowed.statusCode());
            assertEquals(Optional.of("https://catalog.example.com"), allowed.headers().firstValue("Access-Control-Allow-Origin"));
            var refused = http.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", "https://evil.example").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(Optional.empty(), refused.headers().firstValue("Access-Control-Allow-Origin"));
        }
        assertEquals("not a browser origin (scheme://host[:port], no path, no *): *",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> new ApiSettings(0, Optional.empty(), PiiRules.defaults(), Duration.ofSeconds(5), List.of("/bin/echo"), runLogs)
                                .withCorsOrigins(List.of("*"))).getMessage());
    }

    @Test
    void httpListensOnLoopbackUnlessOpened() throws IOException {
        // a non-loopback address of this machine, when it has one, must be refused
        Optional<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).findFirst();
        if (outside.isPresent()) {
            boolean refused;
            try (Socket s = new Socket()) {
                s.connect(new java.net.InetSocketAddress(outside.get(), server().port()), 2_000);
                refused = false;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "the API must not listen on " + outside.get());
        }
        assertEquals(ApiSettings.LOOPBACK, new ApiSettings(0, Optional.empty(), PiiRules.defaults(), Duration.ofSeconds(5),
                List.of("/bin/echo"), runLogs).host());
    }
}
