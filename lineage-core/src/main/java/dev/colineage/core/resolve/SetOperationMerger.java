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
        if (!positional) {
            // SELECT * over schema-less tables in several branches: one pass-through of all of them
            Value unlisted = null;
            for (Relation b : branches) {
                for (RelationColumn u : b.unlisted()) {
                    unlisted = unlisted == null ? u.value() : unlisted.plus(u.value());
                }
            }
            for (RelationColumn head : first.columns()) {
                if (head.isUnlisted()) {
                    continue;
                }
                Value merged = head.value();
                for (int b = 1; b < branches.size(); b++) {
                    if (branches.get(b).column(head.name()) instanceof Relation.Found f) {
                        merged = merged.plus(f.value());
                    }
                }
                columns.add(new RelationColumn(head.name(), merged));
            }
            columns.add(new RelationColumn(RelationColumn.UNLISTED, unlisted));
            return new Relation(columns, tableWide);
        }
        for (int i = 0; i < first.columns().size(); i++) {
            RelationColumn head = first.columns().get(i);
            Value merged = head.value();
            for (int b = 1; b < branches.size(); b++) {
                Relation branch = branches.get(b);
                if (i < branch.columns().size()) {
                    merged = merged.plus(branch.columns().get(i).value());
                }
            }
            columns.add(new RelationColumn(head.name(), merged));
        }
        return new Relation(columns, tableWide);
    }
}
