package dev.colineage.graph.extract;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The creation-time window of a run: {@code [since, until)}. Without {@code since} it starts at the
 * beginning of the log.
 */
public record JobWindow(Optional<Instant> since, Instant until) implements Serializable {

    public JobWindow {
        Objects.requireNonNull(since, "since is null");
        Objects.requireNonNull(until, "until is null");
        if (since.isPresent() && !since.get().isBefore(until)) {
            throw new IllegalArgumentException("empty window: since " + since.get() + " is not before until " + until);
        }
    }

    public boolean contains(Instant t) {
        return since.map(s -> !t.isBefore(s)).orElse(true) && t.isBefore(until);
    }

    // Optional is not Serializable: Java serialization of this record goes through these two
    private Object writeReplace() {
        return new Form(since.orElse(null), until);
    }

    private record Form(Instant since, Instant until) implements Serializable {
        private Object readResolve() {
            return new JobWindow(Optional.ofNullable(since), until);
        }
    }
}
