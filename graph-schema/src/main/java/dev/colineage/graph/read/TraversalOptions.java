package dev.colineage.graph.read;

import dev.colineage.core.model.Transformation;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a traversal follows and how far.
 *
 * @param maxDepth        edges from the start at most; empty = unbounded (cycle-safe)
 * @param includeIndirect also follow INDIRECT edges (joins, filters, ... and table-wide INFLUENCES)
 * @param subtypes        only these subtypes; empty = all
 * @param masking         only edges with this masking flag; empty = both
 * @param limit           at most this many hits; the result says when more exist
 * @param time            the current lineage (the default), as of an instant, or every edge ever seen
 */
public record TraversalOptions(Optional<Integer> maxDepth, boolean includeIndirect, Set<Transformation.Subtype> subtypes,
                               Optional<Boolean> masking, int limit, LineageTime time) {

    public static final int DEFAULT_LIMIT = 1_000;

    public TraversalOptions {
        Objects.requireNonNull(maxDepth, "maxDepth is null");
        subtypes = Set.copyOf(Objects.requireNonNull(subtypes, "subtypes is null"));
        Objects.requireNonNull(masking, "masking is null");
        Objects.requireNonNull(time, "time is null");
        if (maxDepth.isPresent() && maxDepth.get() < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth.get());
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** Unbounded, DIRECT and INDIRECT, every subtype, 1,000 hits, the current lineage. */
    public static TraversalOptions defaults() {
        return new TraversalOptions(Optional.empty(), true, Set.of(), Optional.empty(), DEFAULT_LIMIT, LineageTime.current());
    }

    public TraversalOptions withMaxDepth(int depth) {
        return new TraversalOptions(Optional.of(depth), includeIndirect, subtypes, masking, limit, time);
    }

    public TraversalOptions directOnly() {
        return new TraversalOptions(maxDepth, false, subtypes, masking, limit, time);
    }

    public TraversalOptions withSubtypes(Set<Transformation.Subtype> only) {
        return new TraversalOptions(maxDepth, includeIndirect, only, masking, limit, time);
    }

    public TraversalOptions withMasking(boolean masked) {
        return new TraversalOptions(maxDepth, includeIndirect, subtypes, Optional.of(masked), limit, time);
    }

    public TraversalOptions at(LineageTime when) {
        return new TraversalOptions(maxDepth, includeIndirect, subtypes, masking, limit, when);
    }

    public TraversalOptions withLimit(int max) {
        return new TraversalOptions(maxDepth, includeIndirect, subtypes, masking, max, time);
    }
}
