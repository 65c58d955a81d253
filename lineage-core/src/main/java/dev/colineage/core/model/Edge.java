package dev.colineage.core.model;

import java.util.Objects;

/** One column-lineage fact: {@code source} influences {@code target} as {@code transformation} says. */
public record Edge(ColumnRef source, LineageTarget target, Transformation transformation) implements java.io.Serializable {

    public Edge {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
        Objects.requireNonNull(transformation, "transformation is null");
    }

    /** {@code p.d.t.a -> p.d.u.b DIRECT/IDENTITY}, the form tests and the text output use. */
    @Override
    public String toString() {
        return source.fqn() + " -> " + target.fqn() + " " + transformation;
    }
}
