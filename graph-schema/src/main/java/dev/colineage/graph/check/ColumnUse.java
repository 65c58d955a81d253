package dev.colineage.graph.check;

import dev.colineage.core.model.Transformation;

/** How a query touches a changed column: reads it into its results, reads it only to choose rows, or writes it. */
public enum ColumnUse {
    /** In its SELECT list (a DIRECT edge). */
    SELECT, JOIN, GROUP_BY, FILTER, SORT, WINDOW, CONDITIONAL,
    /** It writes the column with DML ({@code INSERT}, {@code MERGE}, {@code UPDATE}) naming it. */
    WRITE;

    /** The use an edge of that subtype records. */
    static ColumnUse of(Transformation.Subtype subtype) {
        return subtype.type() == Transformation.Type.DIRECT ? SELECT : valueOf(subtype.name());
    }
}
