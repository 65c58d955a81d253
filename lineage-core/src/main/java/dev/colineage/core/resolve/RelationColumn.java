package dev.colineage.core.resolve;

import java.util.Objects;

/**
 * One output column of a relation (a table, CTE, subquery or UNNEST). The name {@code *} marks the
 * columns of a source whose schema is unknown: they pass through unnamed.
 */
public record RelationColumn(String name, Value value) {

    public static final String UNLISTED = "*";

    public RelationColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(value, "value is null");
    }

    public boolean isUnlisted() {
        return name.equals(UNLISTED);
    }
}
