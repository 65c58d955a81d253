package dev.colineage.graph.check;

import java.util.Objects;

/**
 * A column downstream of the change.
 *
 * @param depth  lineage edges from the nearest changed column
 * @param masked every DIRECT path the change reaches it by passes a hash or another masking function (the
 *               values change, but arrive masked)
 */
public record AffectedColumn(String column, String table, int depth, Effect effect, boolean masked) {
    public AffectedColumn {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(effect, "effect is null");
    }
}
