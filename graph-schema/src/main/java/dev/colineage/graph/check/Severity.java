package dev.colineage.graph.check;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A change's verdict: {@code breaking} when a query of the current lineage will fail, {@code changing} when
 * results change (downstream, or in the changed table itself), {@code none} when only columns are added or
 * the lineage stays the same.
 */
public enum Severity {
    NONE, CHANGING, BREAKING;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Severity of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
