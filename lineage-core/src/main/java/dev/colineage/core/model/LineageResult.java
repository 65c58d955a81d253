package dev.colineage.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything one analysis found: the edges, in a stable order, and the diagnostics.
 *
 * @param statements       statements in the input (after splitting a script)
 * @param parsedStatements statements that were understood (parsed, or recognised as moving no data)
 */
public record LineageResult(List<Edge> edges, List<Diagnostic> diagnostics, int statements, int parsedStatements) {

    public LineageResult {
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
        diagnostics = List.copyOf(Objects.requireNonNull(diagnostics, "diagnostics is null"));
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.level() == Diagnostic.Level.ERROR);
    }
}
