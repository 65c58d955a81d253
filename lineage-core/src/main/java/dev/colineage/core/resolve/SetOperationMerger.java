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
        Dependencies.Builder allTableWide = Dependencies.builder();
        for (Relation b : branches) {
            allTableWide.add(b.tableWide());
            if (positional && b.columns().size() != first.columns().size()) {
                context.report(Diagnostic.Level.WARNING, Diagnostic.COLUMN_COUNT_MISMATCH,
                        "set operation branches have " + first.columns().size() + " and " + b.columns().size() + " columns");
            }
        }
        Dependencies tableWide = allTableWide.build();
        if (!positional) {
            // SELECT * over schema-less tables in several branches: one pass-through of all of them
            List<Value> unlisted = new ArrayList<>();
            for (Relation b : branches) {
                b.unlisted().forEach(u -> unlisted.add(u.value()));
            }
            for (RelationColumn head : first.columns()) {
                if (head.isUnlisted()) {
                    continue;
                }
                List<Value> same = new ArrayList<>(List.of(head.value()));
                for (int b = 1; b < branches.size(); b++) {
                    if (branches.get(b).column(head.name()) instanceof Relation.Found f) {
                        same.add(f.value());
                    }
                }
                columns.add(new RelationColumn(head.name(), Value.mergeAll(same)));
            }
            columns.add(new RelationColumn(RelationColumn.UNLISTED, Value.mergeAll(unlisted)));
            return new Relation(columns, tableWide);
        }
        for (int i = 0; i < first.columns().size(); i++) {
            RelationColumn head = first.columns().get(i);
            List<Value> same = new ArrayList<>();
            for (Relation branch : branches) {
                if (i < branch.columns().size()) {
                    same.add(branch.columns().get(i).value());
                }
            }
            columns.add(new RelationColumn(head.name(), Value.mergeAll(same)));
        }
        return new Relation(columns, tableWide);
    }
}
