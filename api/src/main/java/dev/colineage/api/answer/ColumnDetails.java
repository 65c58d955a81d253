package dev.colineage.api.answer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.ColumnProperties;
import dev.colineage.graph.read.ColumnQueries;
import java.util.List;
import java.util.Objects;

/**
 * A column: its properties from the graph (written inline: {@code fqn}, {@code name}, {@code type}, ...),
 * and the queries that write and read it, newest first.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ColumnDetails(@JsonUnwrapped ColumnProperties properties, List<QuerySummary> writtenBy, List<QuerySummary> readBy) {
    public ColumnDetails {
        Objects.requireNonNull(properties, "properties is null");
        writtenBy = List.copyOf(Objects.requireNonNull(writtenBy, "writtenBy is null"));
        readBy = List.copyOf(Objects.requireNonNull(readBy, "readBy is null"));
    }

    public static ColumnDetails of(ColumnProperties p, ColumnQueries q) {
        return new ColumnDetails(p, q.writtenBy(), q.readBy());
    }
}
