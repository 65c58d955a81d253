package dev.colineage.core.resolve;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.sql.ColumnReferences;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.schema.Column;

/**
 * After a statement is resolved, every column reference in its parsed tree must have been resolved,
 * recognised (an alias, a target name, a date part) or reported. What is left is lineage the
 * resolver lost without saying so: it becomes a {@code COLUMN_NOT_TRACED} warning naming it, so a
 * missing edge is never silent.
 */
final class CoverageGuard {

    private CoverageGuard() {
    }

    static void check(Object parsedStatement, AnalysisContext context) {
        Set<String> untraced = new TreeSet<>();
        for (Object reference : ColumnReferences.in(parsedStatement)) {
            if (!context.isTraced(reference)) {
                untraced.add(nameOf(reference));
            }
        }
        for (String name : untraced) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.COLUMN_NOT_TRACED,
                    "column reference " + name + " was not traced: its lineage is missing from this statement's edges");
        }
    }

    private static String nameOf(Object reference) {
        if (reference instanceof Column c) {
            return c.getFullyQualifiedName().replace("`", "");
        }
        return ((DateUnitExpression) reference).toString();
    }
}
