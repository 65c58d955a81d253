package dev.colineage.core.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lineage shape of a query result: its columns, each with its value, and the table-wide
 * dependencies (join keys, filters, grouping, sorting) that decide which rows exist at all.
 */
public record Relation(List<RelationColumn> columns, Dependencies tableWide) {

    public Relation {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        Objects.requireNonNull(tableWide, "tableWide is null");
    }

    /** Result of looking a column up by name. */
    public sealed interface Lookup permits Found, NotFound, Ambiguous {
    }

    public record Found(Value value) implements Lookup {
    }

    public record NotFound() implements Lookup {
    }

    public record Ambiguous(int candidates) implements Lookup {
    }

    /**
     * A column by name, case-insensitively. A name not listed may still come through exactly one
     * unlisted ({@code *}) source; through several it is ambiguous.
     */
    public Lookup column(String name) {
        for (RelationColumn c : columns) {
            if (!c.isUnlisted() && c.name().equalsIgnoreCase(name)) {
                return new Found(c.value());
            }
        }
        List<RelationColumn> unlisted = unlisted();
        if (unlisted.size() == 1) {
            return new Found(unlisted.get(0).value().field(name));
        }
        return unlisted.isEmpty() ? new NotFound() : new Ambiguous(unlisted.size());
    }

    /** True when the name is listed, not merely possible through an unlisted source. */
    public boolean lists(String name) {
        return columns.stream().anyMatch(c -> !c.isUnlisted() && c.name().equalsIgnoreCase(name));
    }

    public List<RelationColumn> unlisted() {
        List<RelationColumn> list = new ArrayList<>();
        for (RelationColumn c : columns) {
            if (c.isUnlisted()) {
                list.add(c);
            }
        }
        return list;
    }

    public Optional<RelationColumn> listed(String name) {
        return columns.stream().filter(c -> !c.isUnlisted() && c.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * The whole row as one STRUCT value ({@code SELECT t FROM t}, {@code IF(c, t1, t2).*}). Unlisted
     * columns stay in it as the field {@code *}, so names they may provide still resolve.
     */
    public Value asStruct() {
        java.util.Map<String, Value> fields = new java.util.LinkedHashMap<>();
        List<Value> unlisted = new ArrayList<>();
        for (RelationColumn c : columns) {
            if (c.isUnlisted()) {
                unlisted.add(c.value());
            } else {
                fields.put(c.name(), c.value());
            }
        }
        if (!unlisted.isEmpty()) {
            fields.put(RelationColumn.UNLISTED, Value.mergeAll(unlisted));
        }
        return Value.struct(fields);
    }
}
