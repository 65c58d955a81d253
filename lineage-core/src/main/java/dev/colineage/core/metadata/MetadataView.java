package dev.colineage.core.metadata;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code INFORMATION_SCHEMA} views a warehouse's metadata is read from. A metadata line names its
 * view in {@code information_schema_view} and carries that view's own column names.
 */
public enum MetadataView {
    /** {@code view_definition} of each logical view. */
    VIEWS,
    /** {@code table_type}, {@code creation_time}, {@code base_table_*} and {@code ddl} of every table. */
    TABLES,
    /** The base table and {@code snapshot_time} of each table snapshot. */
    TABLE_SNAPSHOTS,
    /** Persistent functions, table functions and procedures, with their {@code ddl}. */
    ROUTINES,
    /** Routine parameters, used when a routine row carries no {@code ddl}. */
    PARAMETERS;

    public static Optional<MetadataView> named(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
