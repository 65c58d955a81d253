package dev.colineage.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnFieldPathsTest {

    @Test
    void nestedFieldPathsBecomeRecordFieldsInAnyOrder() {
        TableRef t = new TableRef("p", "d", "orders");
        ColumnFieldPaths paths = new ColumnFieldPaths();
        paths.add(t, "items.sku", "STRING");
        paths.add(t, "order_id", "INT64");
        paths.add(t, "items", "ARRAY<STRUCT<sku STRING, price NUMERIC(10, 2)>>");
        paths.add(t, "items.price", "NUMERIC(10, 2)");
        paths.add(t, "tags", "ARRAY<STRING>");
        paths.add(t, "meta", "STRUCT<source STRING>");
        paths.add(t, "meta.source", "STRING");
        assertEquals(List.of(new TableSchema(t, List.of(
                new SchemaField("items", "RECORD", "REPEATED", List.of(SchemaField.of("sku", "STRING"),
                        SchemaField.of("price", "NUMERIC")), Optional.empty()),
                SchemaField.of("order_id", "INT64"),
                new SchemaField("tags", "STRING", "REPEATED", List.of(), Optional.empty()),
                new SchemaField("meta", "RECORD", "NULLABLE", List.of(SchemaField.of("source", "STRING")), Optional.empty())))),
                paths.schemas());
    }
}
