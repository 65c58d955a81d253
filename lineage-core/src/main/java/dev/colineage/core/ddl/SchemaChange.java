package dev.colineage.core.ddl;

import java.util.Objects;
import java.util.Optional;

/**
 * One change a DDL statement makes to a table's columns, with names as the SQL wrote them (the caller
 * resolves the table against its catalog).
 *
 * @param kind      what the statement does
 * @param table     the table's name as written ({@code mart.t}, {@code `p.d.t`})
 * @param column    the column it changes; empty for a change to the whole table
 * @param newName   the new name of a renamed column or table
 * @param newType   the new type of a retyped or added column, as written ({@code NUMERIC}, {@code ARRAY<STRING>})
 * @param statement 1-based position of the statement in its script
 */
public record SchemaChange(Kind kind, String table, Optional<String> column, Optional<String> newName, Optional<String> newType,
                           int statement) {

    /** The DDL changes that move, remove or reshape a table's data. */
    public enum Kind {
        /** {@code ALTER TABLE t DROP COLUMN c} */
        DROP_COLUMN,
        /** {@code ALTER TABLE t RENAME COLUMN c TO d} */
        RENAME_COLUMN,
        /** {@code ALTER TABLE t ALTER COLUMN c SET DATA TYPE T} */
        RETYPE_COLUMN,
        /** {@code ALTER TABLE t ADD COLUMN c T}: nothing reads it yet */
        ADD_COLUMN,
        /** {@code DROP TABLE t} (also views, materialized views, snapshots, external tables) */
        DROP_TABLE,
        /** {@code ALTER TABLE t RENAME TO u} */
        RENAME_TABLE
    }

    public SchemaChange {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(newName, "newName is null");
        Objects.requireNonNull(newType, "newType is null");
        boolean columnChange = kind != Kind.DROP_TABLE && kind != Kind.RENAME_TABLE;
        if (columnChange != column.isPresent()) {
            throw new IllegalArgumentException(kind + (columnChange ? " needs a column" : " changes a whole table, not a column"));
        }
        if ((kind == Kind.RENAME_COLUMN || kind == Kind.RENAME_TABLE) != newName.isPresent()) {
            throw new IllegalArgumentException("only a rename has a new name: " + kind);
        }
        if ((kind == Kind.RETYPE_COLUMN || kind == Kind.ADD_COLUMN) != newType.isPresent()) {
            throw new IllegalArgumentException("only a retype or an added column has a new type: " + kind);
        }
        if (statement < 1) {
            throw new IllegalArgumentException("statement is 1-based: " + statement);
        }
    }
}
