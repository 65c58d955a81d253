package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import dev.colineage.graph.read.TraversalOptions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Impact and origin questions' policy: the edges {@link TraversalOptions} let through (direct only,
 * subtypes, masked or not). The same filters as the Cypher reader's.
 */
public record ImpactPolicy(TraversalOptions options, Set<Transformation.Subtype> subtypes) implements StepPolicy {

    public ImpactPolicy {
        Objects.requireNonNull(options, "options is null");
        subtypes = Set.copyOf(subtypes);
    }

    public static ImpactPolicy of(TraversalOptions options) {
        return new ImpactPolicy(options, options.subtypes().isEmpty() ? Set.of() : EnumSet.copyOf(options.subtypes()));
    }

    @Override
    public dev.colineage.graph.read.LineageTime time() {
        return options.time();
    }

    @Override
    public boolean takes(LineageGraph g, int edge) {
        boolean wide = g.kind(edge) == EdgeKind.INFLUENCES;
        if (!options.includeIndirect() && (wide || !g.direct(edge))) {
            return false;
        }
        if (!subtypes.isEmpty() && !subtypes.contains(g.subtype(edge))) {
            return false;
        }
        return options.masking().isEmpty() || options.masking().get() == g.masking(edge);
    }
}
