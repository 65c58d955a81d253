package dev.colineage.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableRefTest {

    @Test
    void anFqnIsReadFromTheRight() {
        assertEquals(Optional.of(new TableRef("acme-shop", "raw", "customers")), TableRef.parse("acme-shop.raw.customers"));
        assertEquals(Optional.of(new TableRef("example.com:p", "d", "t")), TableRef.parse("example.com:p.d.t"),
                "a domain-scoped project has a dot of its own");
        for (String bad : new String[] {"", "t", "d.t", ".d.t", "p..t", "p.d.", "..."}) {
            assertEquals(Optional.empty(), TableRef.parse(bad), bad);
        }
    }

    @Test
    void aForeignTableKeepsItsNamespaceAndName() {
        TableRef pg = TableRef.foreign("postgres://prod-db:5432", "shop.public.customers");
        assertEquals("postgres://prod-db:5432/shop.public.customers", pg.fqn());
        assertEquals(true, pg.isForeign());
        assertEquals(false, new TableRef("p", "d", "t").isForeign());
    }
}
