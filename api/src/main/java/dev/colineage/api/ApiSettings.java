package dev.colineage.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the API server runs.
 *
 * @param port           HTTP port (0 for any free one)
 * @param adminToken     bearer token of the admin endpoints; empty disables them (403)
 * @param piiRules       which columns are PII
 * @param timeout        server-side limit of every graph query
 * @param extractCommand the command an extraction run starts with ({@code colineage}); {@code extract ...} follows
 * @param runLogs        where the logs of started runs go
 * @param planAction     how executing a re-run plan re-runs one table (a command or an HTTP call); empty: plans
 *                       are not executed by the server
 * @param inputDirs      the only directories {@code POST /api/v1/runs} may read job and catalog files from
 *                       ({@code COLINEAGE_INPUT_DIRS}); empty: a run reads no file named by a request
 * @param host           the address HTTP listens on: loopback by default ({@code serve --host 0.0.0.0} opens it)
 * @param corsOrigins    the browser origins ({@code https://host[:port]}) that may call the API from their pages
 *                       ({@code COLINEAGE_CORS_ORIGINS}); empty: none, only this server's own page
 * @param airflow        how a plan's Airflow DAG calls a table's re-run ({@code COLINEAGE_AIRFLOW_OPERATOR},
 *                       {@code COLINEAGE_AIRFLOW_IMPORT})
 * @param history        how long a query stays current without running, and how long retired lineage is kept
 */
public record ApiSettings(int port, Optional<String> adminToken, PiiRules piiRules, Duration timeout,
                          List<String> extractCommand, Path runLogs, Optional<dev.colineage.api.plan.TableAction> planAction,
                          List<Path> inputDirs, String host, List<String> corsOrigins, Airflow airflow,
                          dev.colineage.graph.change.HistorySettings history) {

    /** The operator a plan's Airflow DAG runs per table, and the import it needs. */
    public record Airflow(String operatorTemplate, String operatorImport) {
        public static final Airflow DEFAULT = new Airflow(dev.colineage.graph.plan.AirflowDag.DEFAULT_OPERATOR,
                dev.colineage.graph.plan.AirflowDag.DEFAULT_IMPORT);

        public Airflow {
            Objects.requireNonNull(operatorTemplate, "operatorTemplate is null");
            Objects.requireNonNull(operatorImport, "operatorImport is null");
            // a misconfigured template stops the server at start, not at the first plan
            dev.colineage.graph.plan.AirflowDag.checkTemplate(operatorTemplate);
        }
    }

    public static final String LOOPBACK = "127.0.0.1";
    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    public ApiSettings(int port, Optional<String> adminToken, PiiRules piiRules, Duration timeout, List<String> extractCommand,
                       Path runLogs, Optional<dev.colineage.api.plan.TableAction> planAction) {
        this(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, List.of(), LOOPBACK, List.of(), Airflow.DEFAULT,
                dev.colineage.graph.change.HistorySettings.DEFAULT);
    }

    public ApiSettings(int port, Optional<String> adminToken, PiiRules piiRules, Duration timeout, List<String> extractCommand,
                       Path runLogs) {
        this(port, adminToken, piiRules, timeout, extractCommand, runLogs, Optional.empty());
    }

    public ApiSettings {
        Objects.requireNonNull(adminToken, "adminToken is null");
        Objects.requireNonNull(piiRules, "piiRules is null");
        Objects.requireNonNull(timeout, "timeout is null");
        extractCommand = List.copyOf(Objects.requireNonNull(extractCommand, "extractCommand is null"));
        Objects.requireNonNull(runLogs, "runLogs is null");
        Objects.requireNonNull(planAction, "planAction is null");
        inputDirs = List.copyOf(Objects.requireNonNull(inputDirs, "inputDirs is null"));
        Objects.requireNonNull(host, "host is null");
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins is null"));
        Objects.requireNonNull(airflow, "airflow is null");
        Objects.requireNonNull(history, "history is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        for (String origin : corsOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("not a browser origin (scheme://host[:port], no path, no *): " + origin);
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (extractCommand.isEmpty()) {
            throw new IllegalArgumentException("extractCommand is empty");
        }
    }

    /** The same settings reading request-named files only inside {@code dirs}. */
    public ApiSettings withInputDirs(List<Path> dirs) {
        return new ApiSettings(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, dirs, host, corsOrigins, airflow, history);
    }

    /** The same settings listening on {@code address} ({@code 0.0.0.0}: every interface). */
    public ApiSettings withHost(String address) {
        return new ApiSettings(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, inputDirs, address, corsOrigins, airflow, history);
    }

    /** The same settings letting pages from {@code origins} call the API. */
    public ApiSettings withCorsOrigins(List<String> origins) {
        return new ApiSettings(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, inputDirs, host, origins, airflow, history);
    }

    /** The same settings with another Airflow operator for plans' DAGs. */
    public ApiSettings withAirflow(Airflow other) {
        return new ApiSettings(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, inputDirs, host, corsOrigins,
                other, history);
    }

    /** The same settings with another activity window and retention. */
    public ApiSettings withHistory(dev.colineage.graph.change.HistorySettings other) {
        return new ApiSettings(port, adminToken, piiRules, timeout, extractCommand, runLogs, planAction, inputDirs, host, corsOrigins,
                airflow, other);
    }

    /** {@code COLINEAGE_CORS_ORIGINS}: origins separated by commas. */
    public static List<String> corsOrigins(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code COLINEAGE_INPUT_DIRS}: directories separated by the platform's path separator ({@code :}). */
    public static List<Path> inputDirs(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s.strip())).toList();
    }
}
