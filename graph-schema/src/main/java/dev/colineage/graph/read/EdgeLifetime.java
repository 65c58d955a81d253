package dev.colineage.graph.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lineage edge's lifetime as an answer shows it: its queries' first and last runs, whether it is current
 * (at least one of its queries is), and when it retired when it is not. Structural hops (a table's column,
 * table-level edges the Cypher oracle reports) have no lifetime: {@link #UNKNOWN}, written as nothing.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EdgeLifetime(@JsonProperty("first_seen") Optional<Instant> firstSeen, @JsonProperty("last_seen") Optional<Instant> lastSeen,
                           @JsonProperty("current") Optional<Boolean> current, @JsonProperty("retired_at") Optional<Instant> retiredAt) {

    public static final EdgeLifetime UNKNOWN = new EdgeLifetime(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public EdgeLifetime {
        Objects.requireNonNull(firstSeen, "firstSeen is null");
        Objects.requireNonNull(lastSeen, "lastSeen is null");
        Objects.requireNonNull(current, "current is null");
        Objects.requireNonNull(retiredAt, "retiredAt is null");
    }

    /**
     * The lifetime of an edge standing for both (a table-level edge collapsed from column edges): seen from the
     * first to the last, current when either is, else retired when the later one retired.
     */
    public EdgeLifetime and(EdgeLifetime other) {
        if (firstSeen.isEmpty()) {
            return other;
        }
        if (other.firstSeen.isEmpty()) {
            return this;
        }
        Instant first = firstSeen.get().isBefore(other.firstSeen.get()) ? firstSeen.get() : other.firstSeen.get();
        Instant last = lastSeen.get().isAfter(other.lastSeen.get()) ? lastSeen.get() : other.lastSeen.get();
        if (current.orElse(true) || other.current.orElse(true)) {
            return of(first, last, Optional.empty());
        }
        Instant a = retiredAt.orElseThrow();
        Instant b = other.retiredAt.orElseThrow();
        return of(first, last, Optional.of(a.isAfter(b) ? a : b));
    }

    /** Seen from {@code first} to {@code last}; current, or retired at {@code retired}. */
    public static EdgeLifetime of(Instant first, Instant last, Optional<Instant> retired) {
        return new EdgeLifetime(Optional.of(first), Optional.of(last), Optional.of(retired.isEmpty()), retired);
    }
}
