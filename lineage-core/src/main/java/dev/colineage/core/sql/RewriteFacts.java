package dev.colineage.core.sql;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lineage facts that a rewrite took out of the text JSqlParser sees, carried beside the AST so that
 * nothing the resolver needs is lost.
 *
 * @param structStars  for each {@code __cl_struct_star_N} placeholder, the {@code (expr).*} it stands
 *                     for (its expression text, and the EXCEPT / REPLACE lists that followed it)
 * @param rewritesApplied names of the rewrites that changed this statement (for the benchmark report)
 */
public record RewriteFacts(Map<String, StructStar> structStars, List<String> rewritesApplied) {

    public RewriteFacts {
        structStars = Map.copyOf(Objects.requireNonNull(structStars, "structStars is null"));
        rewritesApplied = List.copyOf(Objects.requireNonNull(rewritesApplied, "rewritesApplied is null"));
    }

    public static RewriteFacts none() {
        return new RewriteFacts(Map.of(), List.of());
    }

    /**
     * A BigQuery {@code (expr).* EXCEPT (...) REPLACE (...)}: JSqlParser cannot parse a star on an
     * arbitrary expression, so the rewriter turns it into a select item {@code expr AS __cl_struct_star_N}
     * and keeps the modifiers here.
     */
    public record StructStar(List<String> except, Map<String, String> replace) {
        public StructStar {
            except = List.copyOf(Objects.requireNonNull(except, "except is null"));
            replace = Map.copyOf(Objects.requireNonNull(replace, "replace is null"));
        }
    }
}
