package dev.colineage.api.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Names from query logs fill a command or an HTTP call as values, never as options, URL syntax or JSON. */
class TableActionTest {

    @Test
    void aCommandGetsTheNameAsOneArgumentAndNeverAsAnOption() throws Exception {
        TableAction.Command echo = new TableAction.Command(List.of("python3", "-c", "import sys; print(sys.argv[1:])", "{table}"),
                Duration.ofSeconds(20));
        TableAction.Outcome ok = echo.run("p.d.x$(touch /tmp/PWNED) y");
        assertTrue(ok.ok(), ok.detail());
        assertEquals("exit 0: ['p.d.x$(touch /tmp/PWNED) y']", ok.detail());
        TableAction.Outcome option = new TableAction.Command(List.of("python3", "-c", "print(1)", "{project}"), Duration.ofSeconds(20))
                .run("--upload-pack=evil.d.t");
        assertFalse(option.ok());
        assertTrue(option.detail().startsWith("refused: the name --upload-pack=evil"), option.detail());
        TableAction.Outcome newline = echo.run("p.d.a\nb");
        assertFalse(newline.ok());
        assertEquals("refused: the name p.d.a\\u000ab would not be a plain argument", newline.detail());
    }

    @Test
    void anHttpCallEncodesTheNameForTheUrlAndTheJsonBody() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> seen = new AtomicReference<>();
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.set(exchange.getRequestURI().getRawPath() + " " + body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            TableAction.Http call = new TableAction.Http("POST", "http://127.0.0.1:" + server.getAddress().getPort()
                    + "/api/v1/dags/{name}/dagRuns", Map.of("Content-Type", "application/json"),
                    "{\"conf\": {\"table\": \"{table}\"}}", Duration.ofSeconds(10));
            TableAction.Outcome o = call.run("p.d.x\"}/admin?a=1 #");
            assertTrue(o.ok(), o.detail());
            assertEquals("/api/v1/dags/x%22%7D%2Fadmin%3Fa%3D1%20%23/dagRuns {\"conf\": {\"table\": \"p.d.x\\\"}/admin?a=1 #\"}}",
                    seen.get());
        } finally {
            server.stop(0);
        }
    }
}
