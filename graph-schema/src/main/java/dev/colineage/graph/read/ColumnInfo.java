package dev.colineage.graph.read;

import java.util.Objects;
import java.util.Optional;

/** A column's stored properties: name, nested path, BigQuery type when the catalog knew it, table. */
public record ColumnInfo(String fqn, String name, String path, Optional<String> type, String table) {
    public ColumnInfo {
        Objects.requireNonNull(fqn, "fqn is null");
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(table, "table is null");
    }
}
