package dev.colineage.graph.read;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the graph records about a column itself: its name inside its table, the type and policy tag the
 * catalog gave (when it knew the column), and the hand-set tags.
 *
 * @param name the column's own name, the last part of {@code path}
 * @param path the path inside the table ({@code address.city} for a nested field)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ColumnProperties(String fqn, String name, String path, Optional<String> type, String table,
                               Optional<String> policyTag, List<String> tags) {
    public ColumnProperties {
        Objects.requireNonNull(fqn, "fqn is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(policyTag, "policyTag is null");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags is null"));
    }
}
