package dev.colineage.core.resolve;

import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The source columns a value depends on, each with how it does. Per source there is at most one
 * DIRECT transformation (parallel DIRECT paths merge) and one per INDIRECT subtype. Immutable.
 */
public final class Dependencies {

    private static final Dependencies NONE = new Dependencies(Map.of());

    /** A source and the kind of its influence; DIRECT influences share one key per source. */
    private record Key(ColumnRef source, String kind) {
        static Key of(ColumnRef source, Transformation t) {
            return new Key(source, t.isDirect() ? "DIRECT" : t.subtype().name());
        }
    }

    /** One dependency: a source column and how it influences the value. */
    public record Dependency(ColumnRef source, Transformation transformation) {
        public Dependency {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(transformation, "transformation is null");
        }
    }

    private final Map<Key, Transformation> byKey;

    private Dependencies(Map<Key, Transformation> byKey) {
        this.byKey = byKey;
    }

    public static Dependencies none() {
        return NONE;
    }

    public static Dependencies of(ColumnRef source, Transformation transformation) {
        return new Dependencies(Map.of(Key.of(source, transformation), transformation));
    }

    /** Accumulates dependencies without copying on every addition (wide expressions add hundreds). */
    public static final class Builder {
        private final Map<Key, Transformation> byKey = new LinkedHashMap<>();

        public Builder add(Dependencies deps) {
            deps.byKey.forEach((k, t) -> byKey.merge(k, t, Dependencies::parallel));
            return this;
        }

        public Dependencies build() {
            return byKey.isEmpty() ? NONE : new Dependencies(new LinkedHashMap<>(byKey));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** Both sets side by side. */
    public Dependencies plus(Dependencies other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<Key, Transformation> merged = new LinkedHashMap<>(byKey);
        other.byKey.forEach((k, t) -> merged.merge(k, t, Dependencies::parallel));
        return new Dependencies(merged);
    }

    /** Every dependency followed by {@code outer} along the path to the target. */
    public Dependencies then(Transformation outer) {
        if (isEmpty() || outer.equals(Transformation.IDENTITY)) {
            return this;
        }
        Map<Key, Transformation> composed = new LinkedHashMap<>();
        byKey.forEach((k, t) -> {
            Transformation c = t.then(outer);
            composed.merge(Key.of(k.source(), c), c, Dependencies::parallel);
        });
        return new Dependencies(composed);
    }

    /** The same dependencies with sources renamed (struct field access, star resolution). */
    public Dependencies mapSources(UnaryOperator<ColumnRef> rename, boolean identityOnly) {
        if (isEmpty()) {
            return this;
        }
        Map<Key, Transformation> mapped = new LinkedHashMap<>();
        byKey.forEach((k, t) -> {
            ColumnRef source = !identityOnly || t.equals(Transformation.IDENTITY) ? rename.apply(k.source()) : k.source();
            mapped.merge(Key.of(source, t), t, Dependencies::parallel);
        });
        return new Dependencies(mapped);
    }

    /** Only the DIRECT dependencies. */
    public Dependencies direct() {
        return filter(true);
    }

    /** Only the INDIRECT dependencies. */
    public Dependencies indirect() {
        return filter(false);
    }

    private Dependencies filter(boolean direct) {
        Map<Key, Transformation> kept = new LinkedHashMap<>();
        byKey.forEach((k, t) -> {
            if (t.isDirect() == direct) {
                kept.put(k, t);
            }
        });
        return kept.size() == byKey.size() ? this : new Dependencies(kept);
    }

    /** The dependencies in the order they were found (output order is fixed later, by the edges). */
    public List<Dependency> entries() {
        List<Dependency> list = new ArrayList<>(byKey.size());
        byKey.forEach((k, t) -> list.add(new Dependency(k.source(), t)));
        return list;
    }

    /** Whether this exact dependency (source and transformation) is present. */
    public boolean contains(Dependency d) {
        return d.transformation().equals(byKey.get(Key.of(d.source(), d.transformation())));
    }

    private static Transformation parallel(Transformation a, Transformation b) {
        if (a.isDirect()) {
            return a.merge(b);
        }
        // the same INDIRECT influence twice: masked only if masked both times
        return a.masking() && b.masking() ? a : new Transformation(a.type(), a.subtype(), false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dependencies d && d.byKey.equals(byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return entries().toString();
    }
}
