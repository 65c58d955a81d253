package dev.colineage.graph.check;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The report's counts, of everything found (the lists stop at the report's limit). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckSummary(int changedColumns, int affectedColumns, int affectedTables, int breakingQueries, int changingQueries) {
}
