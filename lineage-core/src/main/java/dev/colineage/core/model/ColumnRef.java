package dev.colineage.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column of a table, or a field nested in a STRUCT column ({@code path} = column, field, field...).
 * A path of {@code *} stands for columns that could not be listed because the table's schema is
 * unknown (an unexpanded {@code SELECT *}).
 */
public record ColumnRef(TableRef table, List<String> path) implements LineageTarget {

    public static final String ALL_COLUMNS = "*";

    public ColumnRef {
        Objects.requireNonNull(table, "table is null");
        path = List.copyOf(Objects.requireNonNull(path, "path is null"));
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a column path has at least one part");
        }
    }

    /** The column (and field) name, dotted: {@code items.sku}. */
    public String name() {
        return String.join(".", path);
    }

    @Override
    public String fqn() {
        return table.fqn() + "." + name();
    }

    /** A field nested in this column. */
    public ColumnRef child(String field) {
        List<String> longer = new ArrayList<>(path);
        longer.add(field);
        return new ColumnRef(table, longer);
    }

    /** The top-level column this path starts with. */
    public ColumnRef topLevel() {
        return path.size() == 1 ? this : new ColumnRef(table, List.of(path.get(0)));
    }

    public boolean isAllColumns() {
        return path.size() == 1 && path.get(0).equals(ALL_COLUMNS);
    }

    @Override
    public String toString() {
        return fqn();
    }
}
