package dev.colineage.graph.read;

import java.util.Objects;

/** {@code source} feeds {@code target} at table level; {@code direct} when some column edge is DIRECT. */
public record TableDependency(String source, String target, boolean direct) {
    public TableDependency {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(target, "target is null");
    }
}
