package dev.colineage.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything one analysis found: the edges, in a stable order, and the diagnostics.
 *
 * @param statements       statements in the input (after splitting a script)
 * @param parsedStatements statements that were understood (parsed, or recognised as moving no data)
 * @param transientTables  tables of this SQL that are transient (dbt's {@code __dbt_tmp}, created to expire
 *                         within a day): the graph composes lineage through them across jobs
 * @param routineCalls     calls to persistent routines ({@code ds.f(...)}, {@code p.ds.f(...)}), and how many
 *                         of them the given routines resolved
 * @param droppedTables    tables and views a {@code DROP TABLE} / {@code DROP VIEW} of this SQL removes: their
 *                         lineage ends when it runs (until they are created again)
 */
public record LineageResult(List<Edge> edges, List<Diagnostic> diagnostics, int statements, int parsedStatements,
                            List<TableRef> transientTables, RoutineCalls routineCalls, List<TableRef> droppedTables) {

    /** Calls to persistent routines seen, and resolved through their bodies. */
    public record RoutineCalls(int calls, int resolved) implements java.io.Serializable {
        public static final RoutineCalls NONE = new RoutineCalls(0, 0);

        public RoutineCalls {
            if (calls < 0 || resolved < 0 || resolved > calls) {
                throw new IllegalArgumentException("routine calls " + resolved + " of " + calls);
            }
        }
    }

    public LineageResult {
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
        diagnostics = List.copyOf(Objects.requireNonNull(diagnostics, "diagnostics is null"));
        transientTables = List.copyOf(Objects.requireNonNull(transientTables, "transientTables is null"));
        Objects.requireNonNull(routineCalls, "routineCalls is null");
        droppedTables = List.copyOf(Objects.requireNonNull(droppedTables, "droppedTables is null"));
    }

    /** A result that drops no table. */
    public LineageResult(List<Edge> edges, List<Diagnostic> diagnostics, int statements, int parsedStatements,
                         List<TableRef> transientTables, RoutineCalls routineCalls) {
        this(edges, diagnostics, statements, parsedStatements, transientTables, routineCalls, List.of());
    }

    public LineageResult(List<Edge> edges, List<Diagnostic> diagnostics, int statements, int parsedStatements,
                         List<TableRef> transientTables) {
        this(edges, diagnostics, statements, parsedStatements, transientTables, RoutineCalls.NONE);
    }

    /** A result with no transient tables. */
    public LineageResult(List<Edge> edges, List<Diagnostic> diagnostics, int statements, int parsedStatements) {
        this(edges, diagnostics, statements, parsedStatements, List.of());
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(d -> d.level() == Diagnostic.Level.ERROR);
    }
}
