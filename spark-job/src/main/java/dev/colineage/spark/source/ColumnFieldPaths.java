package dev.colineage.spark.source;

import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds table schemas from {@code INFORMATION_SCHEMA.COLUMN_FIELD_PATHS} rows: one row per column and
 * per nested field ({@code field_path} {@code items.sku}), with its SQL type ({@code ARRAY<STRUCT<..>>},
 * {@code STRING}, ...). Rows may come in any order; a field's parent may be listed after it.
 */
public final class ColumnFieldPaths {

    /** A mutable tree while rows arrive; turned into immutable {@link SchemaField}s at the end. */
    private static final class Node {
        String type = "STRING";
        String mode = "NULLABLE";
        final Map<String, Node> children = new LinkedHashMap<>();
    }

    private final Map<TableRef, Map<String, Node>> tables = new LinkedHashMap<>();

    public void add(TableRef table, String fieldPath, String dataType) {
        Map<String, Node> level = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
        String[] parts = fieldPath.split("\\.");
        Node node = null;
        for (String part : parts) {
            node = level.computeIfAbsent(part, p -> new Node());
            level = node.children;
        }
        String t = dataType.strip().toUpperCase(java.util.Locale.ROOT);
        if (t.startsWith("ARRAY<")) {
            node.mode = "REPEATED";
            t = t.substring(6, t.length() - 1).strip();
        }
        node.type = t.startsWith("STRUCT") ? "RECORD" : baseType(t);
    }

    public List<TableSchema> schemas() {
        List<TableSchema> out = new ArrayList<>();
        tables.forEach((table, fields) -> out.add(new TableSchema(table, fields(fields))));
        return out;
    }

    private static List<SchemaField> fields(Map<String, Node> level) {
        List<SchemaField> out = new ArrayList<>();
        level.forEach((name, n) -> out.add(new SchemaField(name, n.type, n.mode, fields(n.children), Optional.empty())));
        return out;
    }

    /** {@code NUMERIC(10, 2)} and {@code STRING(20)} are NUMERIC and STRING to lineage. */
    private static String baseType(String t) {
        int paren = t.indexOf('(');
        return paren > 0 ? t.substring(0, paren).strip() : t;
    }
}
