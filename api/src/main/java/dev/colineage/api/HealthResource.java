package dev.colineage.api;

import dev.colineage.api.answer.Health;
import io.javalin.http.Context;
import org.neo4j.driver.Driver;

/** {@code /health}: UP when the graph answers over Bolt, 503 with the reason when it does not. */
final class HealthResource {

    private final Driver driver;

    HealthResource(Driver driver) {
        this.driver = driver;
    }

    void health(Context ctx) {
        try {
            driver.verifyConnectivity();
            ctx.json(new Health("UP", "UP"));
        } catch (RuntimeException e) {
            ctx.status(503).json(new Health("DOWN", "DOWN: " + ErrorMapping.firstLine(e)));
        }
    }
}
