package dev.colineage.graph.check;

import java.util.Objects;

/** A table downstream of the change: its nearest depth, the worst effect on it, how many of its columns are affected. */
public record AffectedTable(String table, int depth, Effect effect, int columns) {
    public AffectedTable {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(effect, "effect is null");
    }
}
