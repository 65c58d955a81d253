package dev.colineage.core.catalog;

import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The schema of one table: its name as the catalog spells it, and its top-level fields. */
public record TableSchema(TableRef table, List<SchemaField> fields) {

    public TableSchema {
        Objects.requireNonNull(table, "table is null");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
    }

    /** A top-level column, case-insensitively. */
    public Optional<SchemaField> column(String name) {
        return SchemaField.find(fields, name);
    }
}
