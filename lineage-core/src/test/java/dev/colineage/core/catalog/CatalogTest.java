package dev.colineage.core.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogTest {

    private static final Catalog CATALOG = CatalogLoader.parse("""
            {"My-Proj.Sales.Orders": [
               {"name": "Id", "type": "INT64", "mode": "REQUIRED"},
               {"name": "buyer", "type": "RECORD", "mode": "NULLABLE", "fields": [
                  {"name": "email", "type": "STRING", "policyTags": {"names": ["pt/pii"]}}]}],
             "p.logs.events_20240101": [{"name": "a", "type": "STRING"}],
             "p.logs.events_20240102": [{"name": "b", "type": "STRING"}]}
            """);

    @Test
    void lookupIsCaseInsensitiveAndKeepsCatalogSpelling() {
        TableSchema t = CATALOG.lookup(new TableRef("my-proj", "sales", "orders")).orElseThrow();
        assertEquals("My-Proj.Sales.Orders", t.table().fqn());
        assertEquals("Id", t.column("ID").orElseThrow().name());
    }

    @Test
    void nestedRecordFieldsAndPolicyTagsAreKept() {
        SchemaField buyer = CATALOG.lookup(new TableRef("my-proj", "sales", "orders")).orElseThrow().column("buyer").orElseThrow();
        assertTrue(buyer.isRecord());
        assertEquals(Optional.of("pt/pii"), buyer.field("EMAIL").orElseThrow().policyTag());
    }

    @Test
    void wildcardTakesTheNewestMatchingShard() {
        assertEquals("b", CATALOG.lookup(new TableRef("p", "logs", "events_*")).orElseThrow().fields().get(0).name());
    }

    @Test
    void withAddsATableWithoutChangingTheOriginal() {
        Catalog more = CATALOG.with(new TableSchema(new TableRef("p", "d", "new"), List.of(SchemaField.of("x", "STRING"))));
        assertTrue(more.lookup(new TableRef("p", "d", "new")).isPresent());
        assertTrue(CATALOG.lookup(new TableRef("p", "d", "new")).isEmpty());
    }

    @Test
    void namesResolveWithDefaultProjectAndDataset() {
        TableNameResolver names = new TableNameResolver(Optional.of("my-proj"), Optional.of("sales"), CATALOG);
        assertEquals("My-Proj.Sales.Orders", names.resolve("orders").fqn());
        assertEquals("My-Proj.Sales.Orders", names.resolve("sales.orders").fqn());
        assertEquals("x.y.z", names.resolve("`x.y`.z").fqn());
        assertEquals("p.region-us.INFORMATION_SCHEMA.JOBS", names.resolve("p.`region-us`.INFORMATION_SCHEMA.JOBS").fqn());
    }

    @Test
    void malformedCatalogIsRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> CatalogLoader.parse("{\"only.two\": []}"));
        assertThrows(IllegalArgumentException.class, () -> CatalogLoader.parse("[1, 2]"));
    }

    @Test
    void catalogSurvivesAJsonRoundTrip() {
        Catalog catalog = CatalogLoader.parse("""
                {"p.d.t": [{"name": "id", "type": "INT64", "mode": "REQUIRED"},
                           {"name": "email", "type": "STRING", "mode": "NULLABLE", "policyTags": {"names": ["pii"]}},
                           {"name": "items", "type": "RECORD", "mode": "REPEATED",
                            "fields": [{"name": "sku", "type": "STRING", "mode": "NULLABLE"}]}],
                 "p.e.u": [{"name": "x", "type": "DATE", "mode": "NULLABLE"}]}
                """);
        Catalog copy = CatalogLoader.parse(CatalogLoader.toJson(catalog));
        assertEquals(2, copy.size());
        for (TableSchema t : catalog.tables()) {
            assertEquals(Optional.of(t), copy.lookup(t.table()));
        }
    }
}
