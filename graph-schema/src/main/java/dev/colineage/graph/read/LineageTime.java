package dev.colineage.graph.read;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which lineage a question asks about: the current lineage (the default), the lineage that held at an
 * instant, or every edge ever seen (history, each edge marked current or retired).
 *
 * @param asOf the instant, for {@link Mode#AS_OF} only
 */
public record LineageTime(Mode mode, Optional<Instant> asOf) {

    public enum Mode {
        /** The edges current now: at least one of their queries is. */
        CURRENT,
        /** The edges whose lifetime held at an instant. */
        AS_OF,
        /** Every edge ever seen. */
        HISTORY
    }

    private static final LineageTime CURRENT = new LineageTime(Mode.CURRENT, Optional.empty());
    private static final LineageTime HISTORY = new LineageTime(Mode.HISTORY, Optional.empty());

    public LineageTime {
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(asOf, "asOf is null");
        if (asOf.isPresent() != (mode == Mode.AS_OF)) {
            throw new IllegalArgumentException("an instant goes with AS_OF only: " + mode + " " + asOf);
        }
    }

    public static LineageTime current() {
        return CURRENT;
    }

    public static LineageTime history() {
        return HISTORY;
    }

    public static LineageTime asOf(Instant at) {
        return new LineageTime(Mode.AS_OF, Optional.of(at));
    }
}
