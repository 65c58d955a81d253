package dev.colineage.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.model.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a catalog file: one JSON object mapping {@code "project.dataset.table"} to that table's
 * BigQuery schema field array ({@code bq show --schema --format=json}). Policy tags on fields
 * ({@code policyTags.names}) are kept: they mark PII downstream.
 */
public final class CatalogLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogLoader() {
    }

    public static Catalog load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + file, e);
        }
    }

    public static Catalog load(InputStream in) throws IOException {
        return fromJson(JSON.readTree(in));
    }

    public static Catalog parse(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static Catalog fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a catalog is a JSON object of \"project.dataset.table\": [fields]");
        }
        List<TableSchema> tables = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String[] parts = e.getKey().split("\\.");
            if (parts.length != 3) {
                throw new IllegalArgumentException("catalog key is not project.dataset.table: " + e.getKey());
            }
            JsonNode fields = e.getValue().isObject() && e.getValue().has("fields") ? e.getValue().get("fields") : e.getValue();
            tables.add(new TableSchema(new TableRef(parts[0], parts[1], parts[2]), fields(fields)));
        }
        return Catalog.of(tables);
    }

    /** Parses a BigQuery schema field array. */
    public static List<SchemaField> fields(JsonNode array) {
        List<SchemaField> fields = new ArrayList<>();
        if (array == null || !array.isArray()) {
            return fields;
        }
        for (JsonNode f : array) {
            String name = f.path("name").asText("");
            if (name.isEmpty()) {
                continue;
            }
            Optional<String> tag = Optional.empty();
            JsonNode names = f.path("policyTags").path("names");
            if (names.isArray() && !names.isEmpty()) {
                tag = Optional.of(names.get(0).asText());
            }
            fields.add(new SchemaField(name, f.path("type").asText("STRING"), f.path("mode").asText("NULLABLE"),
                    fields(f.get("fields")), tag));
        }
        return fields;
    }

    /** The catalog in the form {@link #parse} reads: how the extraction job ships it to its tasks. */
    public static String toJson(Catalog catalog) {
        com.fasterxml.jackson.databind.node.ObjectNode root = JSON.createObjectNode();
        for (TableSchema t : catalog.tables()) {
            root.set(t.table().fqn(), fieldsJson(t.fields()));
        }
        return root.toString();
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode fieldsJson(List<SchemaField> fields) {
        com.fasterxml.jackson.databind.node.ArrayNode array = JSON.createArrayNode();
        for (SchemaField f : fields) {
            com.fasterxml.jackson.databind.node.ObjectNode o = array.addObject();
            o.put("name", f.name()).put("type", f.type()).put("mode", f.mode());
            if (!f.fields().isEmpty()) {
                o.set("fields", fieldsJson(f.fields()));
            }
            f.policyTag().ifPresent(tag -> o.putObject("policyTags").putArray("names").add(tag));
        }
        return array;
    }
}
