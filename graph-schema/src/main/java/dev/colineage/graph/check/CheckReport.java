package dev.colineage.graph.check;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;

/**
 * What a schema change or a new version of a query does to the warehouse's current lineage.
 *
 * @param breakingQueries queries that will fail: they read a dropped or renamed column anywhere (SELECT list,
 *                        JOIN, WHERE, GROUP BY), or write one with DML
 * @param changingQueries queries whose results change: a DIRECT path brings them a retyped or rewritten column
 * @param warnings        what the check could not be sure of (a column the graph has no lineage for, SQL it
 *                        read with diagnostics)
 * @param truncated       whether a list stopped at {@code limit} (the summary counts everything)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckReport(Severity severity, CheckSummary summary, List<ChangedColumn> changedColumns,
                          List<AffectedColumn> affectedColumns, List<AffectedTable> affectedTables,
                          List<QueryImpact> breakingQueries, List<QueryImpact> changingQueries, List<String> warnings,
                          boolean truncated, int limit) {
    public CheckReport {
        Objects.requireNonNull(severity, "severity is null");
        Objects.requireNonNull(summary, "summary is null");
        changedColumns = List.copyOf(Objects.requireNonNull(changedColumns, "changedColumns is null"));
        affectedColumns = List.copyOf(Objects.requireNonNull(affectedColumns, "affectedColumns is null"));
        affectedTables = List.copyOf(Objects.requireNonNull(affectedTables, "affectedTables is null"));
        breakingQueries = List.copyOf(Objects.requireNonNull(breakingQueries, "breakingQueries is null"));
        changingQueries = List.copyOf(Objects.requireNonNull(changingQueries, "changingQueries is null"));
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings is null"));
    }
}
