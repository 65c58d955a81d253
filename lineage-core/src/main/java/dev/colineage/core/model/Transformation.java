package dev.colineage.core.model;

import java.util.Objects;

/**
 * How a source column influences a target, in the OpenLineage column-lineage taxonomy.
 *
 * @param type    DIRECT when the target's value is derived from the source's value, INDIRECT when the
 *                source only decides which rows or which branch (join keys, filters, grouping...)
 * @param subtype the kind of DIRECT or INDIRECT influence; must belong to {@code type}
 * @param masking true when the source's value cannot be recovered from the target (hashes, counts)
 */
public record Transformation(Type type, Subtype subtype, boolean masking) implements java.io.Serializable {

    public enum Type { DIRECT, INDIRECT }

    public enum Subtype {
        IDENTITY(Type.DIRECT, 0), TRANSFORMATION(Type.DIRECT, 1), AGGREGATION(Type.DIRECT, 2),
        JOIN(Type.INDIRECT, 0), GROUP_BY(Type.INDIRECT, 0), FILTER(Type.INDIRECT, 0), SORT(Type.INDIRECT, 0),
        WINDOW(Type.INDIRECT, 0), CONDITIONAL(Type.INDIRECT, 0);

        private final Type type;
        private final int strength;

        Subtype(Type type, int strength) {
            this.type = type;
            this.strength = strength;
        }

        public Type type() {
            return type;
        }
    }

    public static final Transformation IDENTITY = direct(Subtype.IDENTITY);
    public static final Transformation TRANSFORMATION = direct(Subtype.TRANSFORMATION);
    public static final Transformation AGGREGATION = direct(Subtype.AGGREGATION);

    public Transformation {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(subtype, "subtype is null");
        if (subtype.type() != type) {
            throw new IllegalArgumentException(subtype + " is not a " + type + " subtype");
        }
    }

    public static Transformation direct(Subtype subtype) {
        return new Transformation(Type.DIRECT, subtype, false);
    }

    public static Transformation indirect(Subtype subtype) {
        return new Transformation(Type.INDIRECT, subtype, false);
    }

    public Transformation masked() {
        return masking ? this : new Transformation(type, subtype, true);
    }

    public boolean isDirect() {
        return type == Type.DIRECT;
    }

    /**
     * This transformation followed by {@code outer} along a path (source -> x by this, x -> target
     * by outer). OpenLineage: INDIRECT wins over DIRECT, and the outer indirect kind is the one that
     * describes how the target depends on it; among DIRECT, AGGREGATION over TRANSFORMATION over
     * IDENTITY; masking once applied stays applied.
     */
    public Transformation then(Transformation outer) {
        boolean mask = masking || outer.masking;
        if (!outer.isDirect()) {
            return new Transformation(Type.INDIRECT, outer.subtype, mask);
        }
        if (!isDirect()) {
            return new Transformation(Type.INDIRECT, subtype, mask);
        }
        Subtype strongest = subtype.strength >= outer.subtype.strength ? subtype : outer.subtype;
        return new Transformation(Type.DIRECT, strongest, mask);
    }

    /**
     * Two DIRECT influences of the same source on the same target, side by side (as in
     * {@code CONCAT(email, SHA256(email))}): the stronger subtype describes it, and the target is
     * masked only if every path masks the source.
     */
    public Transformation merge(Transformation other) {
        if (!isDirect() || !other.isDirect()) {
            throw new IllegalArgumentException("only DIRECT transformations merge: " + this + ", " + other);
        }
        Subtype strongest = subtype.strength >= other.subtype.strength ? subtype : other.subtype;
        return new Transformation(Type.DIRECT, strongest, masking && other.masking);
    }

    /** {@code DIRECT/IDENTITY}, with {@code +masking} when masked. */
    @Override
    public String toString() {
        return type + "/" + subtype + (masking ? "+masking" : "");
    }
}
