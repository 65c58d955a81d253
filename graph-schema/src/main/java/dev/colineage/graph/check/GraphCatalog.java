package dev.colineage.graph.check;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.TableRef;
import dev.colineage.graph.memory.LineageGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a lineage graph as a catalog, for reading a new version of a query the way the graph was
 * built: its names resolve to the graph's tables ({@code mart.t} to the one project with it) and a {@code *}
 * expands to the columns the graph knows (those some query touched; a full schema comes from {@code --catalog}).
 * Types are not in the read model: every leaf is {@code UNKNOWN}, a column with fields a {@code RECORD}.
 */
final class GraphCatalog {

    private GraphCatalog() {
    }

    static Catalog of(LineageGraph g) {
        List<TableSchema> tables = new ArrayList<>(g.tableCount());
        for (int t = 0; t < g.tableCount(); t++) {
            Optional<TableRef> ref = TableRef.parse(g.tableName(t));
            if (ref.isEmpty() || ref.get().isForeign() || g.columnsOf(t) == 0) {
                continue;
            }
            Node root = new Node();
            for (int k = 0; k < g.columnsOf(t); k++) {
                Node at = root;
                for (String part : g.columnPath(g.columnOfTable(t, k)).split("\\.")) {
                    at = at.children.computeIfAbsent(part, p -> new Node());
                }
            }
            tables.add(new TableSchema(ref.get(), root.fields()));
        }
        return Catalog.of(tables);
    }

    /** A column path tree: a node with children is a RECORD. */
    private static final class Node {
        final Map<String, Node> children = new LinkedHashMap<>();

        List<SchemaField> fields() {
            List<SchemaField> out = new ArrayList<>(children.size());
            children.forEach((name, n) -> out.add(n.children.isEmpty() ? SchemaField.of(name, "UNKNOWN")
                    : new SchemaField(name, "RECORD", "NULLABLE", n.fields(), Optional.empty())));
            return out;
        }
    }
}
