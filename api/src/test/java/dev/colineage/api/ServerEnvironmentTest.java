package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's environment, read in one place: values used, and an unusable one refused by name. */
class ServerEnvironmentTest {

    @Test
    void everyVariableIsReadHere() {
        ServerEnvironment e = ServerEnvironment.read(Map.of("COLINEAGE_ADMIN_TOKEN", "t", "COLINEAGE_QUERY_TIMEOUT_S", "7",
                "COLINEAGE_CORS_ORIGINS", "https://a.example", "COLINEAGE_SCHEDULES", "/etc/colineage/schedules.json",
                "COLINEAGE_EXTRACT_COMMAND", "/opt/colineage/colineage  --quiet", "COLINEAGE_PLAN_COMMAND", "[\"dbt\", \"run\", \"{name}\"]"),
                8081, "127.0.0.1", "/srv/colineage");
        ApiSettings s = e.settings();
        assertEquals(8081, s.port());
        assertEquals(Optional.of("t"), s.adminToken());
        assertEquals(Duration.ofSeconds(7), s.timeout());
        assertEquals(List.of("https://a.example"), s.corsOrigins());
        assertEquals(List.of("/srv/colineage/colineage"), s.extractCommand());
        assertEquals(Path.of("/srv/colineage/.colineage/runs"), s.runLogs());
        assertTrue(s.planAction().isPresent());
        assertEquals(ApiSettings.Airflow.DEFAULT, s.airflow());
        assertEquals(Optional.of(Path.of("/etc/colineage/schedules.json")), e.schedules());
        assertEquals(Optional.of(List.of("/opt/colineage/colineage", "--quiet")), e.scheduledExtractCommand());
    }

    @Test
    void anUnusableValueIsRefusedByName() {
        var timeout = assertThrows(IllegalArgumentException.class,
                () -> ServerEnvironment.read(Map.of("COLINEAGE_QUERY_TIMEOUT_S", "ten"), 0, "127.0.0.1", "."));
        assertTrue(timeout.getMessage().startsWith("COLINEAGE_QUERY_TIMEOUT_S"), timeout.getMessage());
        var plan = assertThrows(IllegalArgumentException.class,
                () -> ServerEnvironment.read(Map.of("COLINEAGE_PLAN_COMMAND", "dbt run"), 0, "127.0.0.1", "."));
        assertTrue(plan.getMessage().startsWith("COLINEAGE_PLAN_COMMAND"), plan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ServerEnvironment.read(Map.of("COLINEAGE_CORS_ORIGINS", "*"), 0, "127.0.0.1", "."));
        assertThrows(IllegalArgumentException.class,
                () -> ServerEnvironment.read(Map.of("COLINEAGE_AIRFLOW_OPERATOR",
                        "BashOperator(task_id={task_id}, bash_command=\"echo re-run {table}\")"), 0, "127.0.0.1", "."));
    }
}
