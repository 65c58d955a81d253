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
 */
public record ApiSettings(int port, Optional<String> adminToken, PiiRules piiRules, Duration timeout,
                          List<String> extractCommand, Path runLogs, Optional<dev.colineage.api.plan.TableAction> planAction) {

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
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (extractCommand.isEmpty()) {
            throw new IllegalArgumentException("extractCommand is empty");
        }
    }
}
