package dev.colineage.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.ddl.SchemaChange.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaChangeReaderTest {

    private static SchemaChange column(Kind kind, String table, String column, String newName, String newType) {
        return new SchemaChange(kind, table, Optional.of(column), Optional.ofNullable(newName), Optional.ofNullable(newType), 1);
    }

    @Test
    void everyColumnActionOfOneAlterTableIsRead() {
        assertEquals(Optional.of(List.of(
                        column(Kind.DROP_COLUMN, "acme-shop.staging.stg_payments", "order_id", null, null),
                        column(Kind.RENAME_COLUMN, "acme-shop.staging.stg_payments", "method", "payment_method", null),
                        column(Kind.RETYPE_COLUMN, "acme-shop.staging.stg_payments", "amount", null, "BIGNUMERIC(40, 2)"),
                        column(Kind.ADD_COLUMN, "acme-shop.staging.stg_payments", "tags", null, "ARRAY<STRUCT<k STRING, v STRING>>"),
                        column(Kind.DROP_COLUMN, "acme-shop.staging.stg_payments", "card last4", null, null))),
                SchemaChangeReader.read("""
                        ALTER TABLE IF EXISTS acme-shop.staging.stg_payments
                          DROP COLUMN IF EXISTS order_id,
                          RENAME COLUMN method TO payment_method,
                          ALTER COLUMN amount SET DATA TYPE BIGNUMERIC(40, 2),
                          ADD COLUMN IF NOT EXISTS tags ARRAY<STRUCT<k STRING, v STRING>>,
                          SET OPTIONS (description = 'payments, one row per order'),
                          ALTER COLUMN card_last4 SET OPTIONS (description = 'last four digits'),
                          DROP COLUMN `card last4`""", 1));
    }

    @Test
    void tablesAreDroppedAndRenamed() {
        assertEquals(Optional.of(List.of(new SchemaChange(Kind.DROP_TABLE, "`acme-shop.mart.promo_targets`", Optional.empty(),
                        Optional.empty(), Optional.empty(), 3))),
                SchemaChangeReader.read("drop table if exists `acme-shop.mart.promo_targets`", 3));
        assertEquals(Optional.of(List.of(new SchemaChange(Kind.DROP_TABLE, "mart.vw_order_summary", Optional.empty(),
                        Optional.empty(), Optional.empty(), 1))),
                SchemaChangeReader.read("DROP MATERIALIZED VIEW mart.vw_order_summary", 1));
        assertEquals(Optional.of(List.of(new SchemaChange(Kind.RENAME_TABLE, "mart.dim_customer", Optional.empty(),
                        Optional.of("dim_customer_v2"), Optional.empty(), 1))),
                SchemaChangeReader.read("ALTER TABLE mart.dim_customer RENAME TO dim_customer_v2", 1));
    }

    @Test
    void queriesAndOptionsAreNoSchemaChange() {
        assertEquals(Optional.empty(), SchemaChangeReader.read("SELECT 1", 1));
        assertEquals(Optional.empty(), SchemaChangeReader.read("CREATE OR REPLACE VIEW v AS SELECT 1 AS x", 1));
        assertEquals(Optional.empty(), SchemaChangeReader.read("DROP FUNCTION util.f", 1));
        assertEquals(Optional.of(List.of()), SchemaChangeReader.read("ALTER TABLE d.t SET OPTIONS (expiration_timestamp = NULL)", 1));
        assertEquals(Optional.of(List.of()), SchemaChangeReader.read("ALTER VIEW d.v SET OPTIONS (description = 'x')", 1));
        assertEquals(Optional.of(List.of()), SchemaChangeReader.read("ALTER TABLE d.t ALTER COLUMN c DROP NOT NULL", 1));
    }

    @Test
    void unreadableDdlSaysWhichPart() {
        assertTrue(assertThrows(DdlException.class, () -> SchemaChangeReader.read("ALTER TABLE d.t RENAME COLUMN a", 1))
                .getMessage().contains("RENAME COLUMN a of d.t needs TO"));
        assertTrue(assertThrows(DdlException.class, () -> SchemaChangeReader.read("ALTER TABLE d.t FROBNICATE c", 1))
                .getMessage().contains("unknown action 'FROBNICATE c'"));
        assertTrue(assertThrows(DdlException.class, () -> SchemaChangeReader.read("ALTER TABLE d.t ALTER COLUMN c SET DATA TYPE", 1))
                .getMessage().contains("needs a type"));
        assertTrue(assertThrows(DdlException.class, () -> SchemaChangeReader.read("DROP SCHEMA mart CASCADE", 1))
                .getMessage().contains("DROP SCHEMA is not checked"));
    }
}
