package dev.colineage.core.resolve;

import dev.colineage.core.model.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the branches of UNION / INTERSECT / EXCEPT: BigQuery matches columns by position and names
 * them after the first branch. When a branch has unlisted ({@code *}) columns positions are unknown,
 * so listed columns are matched by name instead.
 */
final class SetOperationMerger {

    private SetOperationMerger() {
    }

    static Relation merge(List<Relation> branches, AnalysisContext context) {
        if (branches.isEmpty()) {
            return new Relation(List.of(), Dependencies.none());
        }
        Relation first = branches.get(0);
        boolean positional = branches.stream().allMatch(b -> b.unlisted().isEmpty());
        List<RelationColumn> columns = new ArrayList<>();
        Dependencies tableWide = Dependencies.none();
        for (Relation b : branches) {
            tableWide = tableWide.plus(b.tableWide());
            if (positional && b.columns().size() != first.columns().size()) {
                context.report(Diagnostic.Level.WARNING, Diagnostic.COLUMN_COUNT_MISMATCH,
                        "set operation branches have " + first.columns().size() + " and " + b.columns().size() + " columns");
            }
        }
        for (int i = 0; i < first.columns().size(); i++) {
            RelationColumn head = first.columns().get(i);
            Value merged = head.value();
            for (int b = 1; b < branches.size(); b++) {
                Relation branch = branches.get(b);
                if (positional) {
                    if (i < branch.columns().size()) {
                        merged = merged.plus(branch.columns().get(i).value());
                    }
                } else if (!head.isUnlisted() && branch.column(head.name()) instanceof Relation.Found f) {
                    merged = merged.plus(f.value());
                }
            }
            columns.add(new RelationColumn(head.name(), merged));
        }
        if (!positional) {
            for (int b = 1; b < branches.size(); b++) {
                columns.addAll(branches.get(b).unlisted());
            }
        }
        return new Relation(columns, tableWide);
    }
}
