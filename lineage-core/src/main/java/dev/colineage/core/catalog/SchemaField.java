package dev.colineage.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a BigQuery table schema, as {@code bq show --schema --format=json} lists it;
 * RECORD fields carry their nested {@code fields}.
 */
public record SchemaField(String name, String type, String mode, List<SchemaField> fields, Optional<String> policyTag) {

    public SchemaField {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(mode, "mode is null");
        fields = List.copyOf(Objects.requireNonNull(fields, "fields is null"));
        Objects.requireNonNull(policyTag, "policyTag is null");
    }

    public static SchemaField of(String name, String type) {
        return new SchemaField(name, type, "NULLABLE", List.of(), Optional.empty());
    }

    public boolean isRecord() {
        return !fields.isEmpty() || type.equalsIgnoreCase("RECORD") || type.equalsIgnoreCase("STRUCT");
    }

    public boolean isRepeated() {
        return mode.equalsIgnoreCase("REPEATED");
    }

    /** The nested field of that name, matched case-insensitively as BigQuery does. */
    public Optional<SchemaField> field(String fieldName) {
        return find(fields, fieldName);
    }

    static Optional<SchemaField> find(List<SchemaField> fields, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (SchemaField f : fields) {
            if (f.name.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
