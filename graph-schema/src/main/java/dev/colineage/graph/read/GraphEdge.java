package dev.colineage.graph.read;

import dev.colineage.core.model.Transformation;
import java.util.Objects;

/**
 * One relationship as a traversal reports it, always in data-flow direction ({@code source} feeds
 * {@code target}).
 *
 * @param subtype the OpenLineage subtype of a lineage edge ({@code IDENTITY}, {@code FILTER}, ...), or
 *                {@code TABLE} for the structural hops (a table's column, table-level lineage), which have
 *                no OpenLineage subtype
 * @param lifetime a lineage edge's first and last seen, current or retired (written inline); unknown for
 *                structural hops
 */
public record GraphEdge(String source, String target, Relation relation, Transformation.Type type, String subtype, boolean masking,
                        @com.fasterxml.jackson.annotation.JsonUnwrapped EdgeLifetime lifetime) {

    /** The kind of relationship. */
    public enum Relation {
        /** Column to column. */
        FEEDS,
        /** Column to a table: a table-wide influence (a filter, a join key). */
        INFLUENCES,
        /** Table to its column: how a table-wide influence reaches the table's columns. */
        HAS_COLUMN,
        /** Table to table: the table-level lineage collapsed from the column edges. */
        FEEDS_TABLE
    }

    /** The subtype of structural hops. */
    public static final String TABLE = "TABLE";

    public GraphEdge {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(subtype, "subtype is null");
        Objects.requireNonNull(lifetime, "lifetime is null");
    }

    /** An edge whose lifetime is not known (a structural hop, the Cypher oracle's answers). */
    public GraphEdge(String source, String target, Relation relation, Transformation.Type type, String subtype, boolean masking) {
        this(source, target, relation, type, subtype, masking, EdgeLifetime.UNKNOWN);
    }

    /** This edge with its lifetime. */
    public GraphEdge living(EdgeLifetime life) {
        return new GraphEdge(source, target, relation, type, subtype, masking, life);
    }

    /** A lineage edge (FEEDS or INFLUENCES) of this transformation. */
    public static GraphEdge lineage(String source, String target, Relation relation, Transformation.Subtype subtype, boolean masking) {
        return new GraphEdge(source, target, relation, subtype.type(), subtype.name(), masking);
    }

    /** The hop from a table to one of its columns. */
    public static GraphEdge hasColumn(String table, String column) {
        return new GraphEdge(table, column, Relation.HAS_COLUMN, Transformation.Type.INDIRECT, TABLE, false);
    }

    /** A table-level edge: direct when any column edge between the two tables is. */
    public static GraphEdge tableFeed(String source, String target, boolean direct) {
        return new GraphEdge(source, target, Relation.FEEDS_TABLE, direct ? Transformation.Type.DIRECT : Transformation.Type.INDIRECT,
                TABLE, false);
    }
}
