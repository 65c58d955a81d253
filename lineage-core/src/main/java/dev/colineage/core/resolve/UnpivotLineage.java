package dev.colineage.core.resolve;

import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.UnPivot;

/**
 * {@code UNPIVOT [INCLUDE NULLS] (v FOR n IN (c1, c2))} and its multi-column form
 * {@code ((v1, v2) FOR n IN ((c1, c2), (c3, c4)))}: each value column is fed, as is, by the IN
 * columns at its position; the name column holds only the IN columns' names, so it carries no data
 * lineage; the IN columns leave the row, every other input column stays.
 */
final class UnpivotLineage {

    private UnpivotLineage() {
    }

    static ScopeEntry unpivoted(ScopeEntry input, UnPivot unpivot, Scope scope) {
        Scope inner = scope.child();
        inner.add(input);
        List<Column> valueColumns = unpivot.getUnPivotClause() == null ? List.of() : new ArrayList<>(unpivot.getUnPivotClause());
        List<Value> values = new ArrayList<>();
        valueColumns.forEach(v -> values.add(Value.NOTHING));
        List<String> consumed = new ArrayList<>();
        for (SelectItem<?> in : unpivot.getUnPivotInClause()) {
            List<Expression> group = in.getExpression() instanceof ExpressionList<?> list
                    ? new ArrayList<>(list) : List.of(in.getExpression());
            for (int k = 0; k < group.size() && k < values.size(); k++) {
                values.set(k, values.get(k).plus(ExpressionLineage.value(group.get(k), inner)));
                if (group.get(k) instanceof Column c) {
                    consumed.add(ExpressionLineage.unquote(c.getColumnName()));
                }
            }
        }
        List<RelationColumn> columns = new ArrayList<>();
        for (RelationColumn c : input.relation().columns()) {
            if (c.isUnlisted() || consumed.stream().noneMatch(n -> n.equalsIgnoreCase(c.name()))) {
                columns.add(c);
            }
        }
        for (Column name : unpivot.getUnPivotForClause()) {
            scope.context().traced(name);
            columns.add(new RelationColumn(ExpressionLineage.unquote(name.getColumnName()), Value.NOTHING));
        }
        for (int k = 0; k < valueColumns.size(); k++) {
            scope.context().traced(valueColumns.get(k));
            Value v = values.get(k);
            columns.add(new RelationColumn(ExpressionLineage.unquote(valueColumns.get(k).getColumnName()),
                    new Value(v.deps().then(Transformation.IDENTITY), v.fields(), v.schema())));
        }
        String alias = FromItemLineage.aliasOf(unpivot.getAlias()).orElse(input.alias());
        return new ScopeEntry(alias, new Relation(columns, input.relation().tableWide()), input.table(), Optional.empty());
    }
}
