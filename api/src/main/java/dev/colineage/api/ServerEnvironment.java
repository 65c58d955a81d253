package dev.colineage.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every environment variable {@code colineage serve} reads, read here once (the graph's own, {@code NEO4J_*}
 * and {@code COLINEAGE_DATA}, are {@link dev.colineage.graph.store.GraphSettings}'): the server's settings,
 * and the schedules to run with the command they start.
 *
 * @param settings                the API's settings
 * @param schedules               {@code COLINEAGE_SCHEDULES}: the schedules file, if any
 * @param scheduledExtractCommand {@code COLINEAGE_EXTRACT_COMMAND}: what scheduled runs start instead of
 *                                {@code colineage}, if set
 */
public record ServerEnvironment(ApiSettings settings, Optional<Path> schedules, Optional<List<String>> scheduledExtractCommand) {

    public ServerEnvironment {
        Objects.requireNonNull(settings, "settings is null");
        Objects.requireNonNull(schedules, "schedules is null");
        scheduledExtractCommand = scheduledExtractCommand.map(List::copyOf);
    }

    /**
     * The server's environment.
     *
     * @param home the colineage checkout (the {@code colineage} launcher and {@code .colineage/} live there)
     * @throws IllegalArgumentException naming a variable whose value is not usable
     */
    public static ServerEnvironment read(Map<String, String> env, int port, String host, String home) {
        Duration timeout;
        try {
            timeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("COLINEAGE_QUERY_TIMEOUT_S", "10")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("COLINEAGE_QUERY_TIMEOUT_S is not a number of seconds: " + env.get("COLINEAGE_QUERY_TIMEOUT_S"));
        }
        ApiSettings settings = new ApiSettings(port, Optional.ofNullable(env.get("COLINEAGE_ADMIN_TOKEN")),
                PiiRules.fromEnvironment(env),
                timeout, List.of(Path.of(home, "colineage").toString()), Path.of(home, ".colineage", "runs"), planAction(env))
                .withInputDirs(ApiSettings.inputDirs(env.get("COLINEAGE_INPUT_DIRS")))
                .withHost(host)
                .withCorsOrigins(ApiSettings.corsOrigins(env.get("COLINEAGE_CORS_ORIGINS")))
                .withAirflow(new ApiSettings.Airflow(
                        env.getOrDefault("COLINEAGE_AIRFLOW_OPERATOR", dev.colineage.graph.plan.AirflowDag.DEFAULT_OPERATOR),
                        env.getOrDefault("COLINEAGE_AIRFLOW_IMPORT", dev.colineage.graph.plan.AirflowDag.DEFAULT_IMPORT)))
                .withHistory(dev.colineage.graph.change.HistorySettings.fromEnvironment(env));
        Optional<Path> schedules = Optional.ofNullable(env.get("COLINEAGE_SCHEDULES")).filter(v -> !v.isBlank()).map(Path::of);
        Optional<List<String>> command = Optional.ofNullable(env.get("COLINEAGE_EXTRACT_COMMAND")).filter(v -> !v.isBlank())
                .map(v -> List.of(v.trim().split("\\s+")));
        return new ServerEnvironment(settings, schedules, command);
    }

    /**
     * How an executed plan re-runs a table: {@code COLINEAGE_PLAN_COMMAND} (a JSON array of arguments) or
     * {@code COLINEAGE_PLAN_HTTP} ({@code {"method", "url", "headers", "body"}}), with {table}, {project},
     * {dataset}, {name} filled in.
     */
    private static Optional<dev.colineage.api.plan.TableAction> planAction(Map<String, String> env) {
        var json = new ObjectMapper();
        try {
            if (env.containsKey("COLINEAGE_PLAN_COMMAND")) {
                List<String> argv = new ArrayList<>();
                json.readTree(env.get("COLINEAGE_PLAN_COMMAND")).forEach(a -> argv.add(a.asText()));
                return Optional.of(new dev.colineage.api.plan.TableAction.Command(argv, Duration.ofHours(1)));
            }
            if (env.containsKey("COLINEAGE_PLAN_HTTP")) {
                var h = json.readTree(env.get("COLINEAGE_PLAN_HTTP"));
                Map<String, String> headers = new HashMap<>();
                h.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                return Optional.of(new dev.colineage.api.plan.TableAction.Http(h.path("method").asText("POST"),
                        h.path("url").asText(), headers, h.path("body").asText(""), Duration.ofMinutes(1)));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("COLINEAGE_PLAN_COMMAND / COLINEAGE_PLAN_HTTP is not JSON: " + e.getMessage());
        }
        return Optional.empty();
    }
}
