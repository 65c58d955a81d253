package dev.colineage.core.resolve;

import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.sql.RewriteFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Expands {@code SELECT *}, {@code t.*}, {@code struct_col.*} and {@code (expr).*}, honouring
 * BigQuery's {@code EXCEPT (...)} and {@code REPLACE (expr AS col)}. Columns of tables whose schema
 * is unknown stay unlisted ({@code *}) and are reported.
 */
final class StarExpansion {

    private StarExpansion() {
    }

    /** {@code SELECT * [EXCEPT ...] [REPLACE ...]}: every FROM item's columns, USING columns once. */
    static List<RelationColumn> star(AllColumns star, Scope scope) {
        List<RelationColumn> columns = new ArrayList<>();
        Set<String> seenUsing = new java.util.HashSet<>();
        for (ScopeEntry entry : scope.entries()) {
            for (RelationColumn c : entry.relation().columns()) {
                if (!c.isUnlisted() && scope.isUsingColumn(c.name())) {
                    if (!seenUsing.add(c.name().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    columns.add(new RelationColumn(c.name(), scope.resolve(List.of(c.name())).orElse(c.value())));
                    continue;
                }
                columns.add(c);
            }
        }
        return modify(columns, exceptNames(star, scope), replacements(star, scope), scope);
    }

    /** {@code alias.*} for a FROM item, or {@code struct_path.*} for a STRUCT column. */
    static List<RelationColumn> tableStar(AllTableColumns star, Scope scope) {
        List<String> parts = TableNameResolver.nameParts(star.getTable().getFullyQualifiedName());
        List<RelationColumn> columns;
        if (parts.size() == 1 && scope.entry(parts.get(0)).isPresent()) {
            ScopeEntry entry = scope.entry(parts.get(0)).get();
            columns = entry.rowValue().map(v -> fieldsOf(v)).orElse(entry.relation().columns());
        } else {
            columns = fieldsOf(scope.resolve(parts).orElse(Value.NOTHING));
        }
        return modify(columns, exceptNames(star, scope), replacements(star, scope), scope);
    }

    /** {@code (expr).* EXCEPT(...) REPLACE(...)}, kept aside by the rewriter. */
    static List<RelationColumn> structStar(Value value, RewriteFacts.StructStar facts, Scope scope) {
        List<RelationColumn> columns = fieldsOf(value);
        if (facts == null) {
            return columns;
        }
        Map<String, Value> replace = new HashMap<>();
        facts.replace().forEach((name, text) -> {
            Expression e = QueryLineage.parseExpression(text, scope);
            replace.put(name.toLowerCase(Locale.ROOT), e == null ? Value.NOTHING : ExpressionLineage.value(e, scope));
        });
        return modify(columns, QueryLineage.lowerNames(facts.except()), replace, scope);
    }

    /** A struct value's fields as columns; an unknown struct passes through unlisted. */
    private static List<RelationColumn> fieldsOf(Value value) {
        List<RelationColumn> columns = new ArrayList<>();
        if (!value.hasKnownFields()) {
            columns.add(new RelationColumn(RelationColumn.UNLISTED, value));
            return columns;
        }
        for (String f : value.fieldNames()) {
            columns.add(new RelationColumn(f, value.field(f)));
        }
        value.unlistedFields().ifPresent(u -> columns.add(new RelationColumn(RelationColumn.UNLISTED, u)));
        return columns;
    }

    private static List<RelationColumn> modify(List<RelationColumn> columns, Set<String> except,
                                               Map<String, Value> replace, Scope scope) {
        List<RelationColumn> out = new ArrayList<>();
        Set<String> replaced = new java.util.HashSet<>();
        for (RelationColumn c : columns) {
            String key = c.name().toLowerCase(Locale.ROOT);
            if (!c.isUnlisted() && except.contains(key)) {
                continue;
            }
            if (!c.isUnlisted() && replace.containsKey(key)) {
                out.add(new RelationColumn(c.name(), replace.get(key)));
                replaced.add(key);
                continue;
            }
            out.add(c);
        }
        boolean unlisted = columns.stream().anyMatch(RelationColumn::isUnlisted);
        replace.forEach((name, v) -> {
            // REPLACE of a column that only an unlisted source can have: it is still an output column
            if (!replaced.contains(name) && unlisted) {
                out.add(new RelationColumn(name, v));
            }
        });
        if (unlisted) {
            scope.context().report(Diagnostic.Level.WARNING, Diagnostic.STAR_NOT_EXPANDED,
                    "SELECT * over a table whose schema is not in the catalog: its columns pass through as *");
        }
        return out;
    }

    private static Set<String> exceptNames(AllColumns star, Scope scope) {
        if (star.getExceptColumns() == null) {
            return Set.of();
        }
        // names of the star's own columns, dropped from it: accounted for, they feed nothing
        star.getExceptColumns().forEach(scope.context()::traced);
        return QueryLineage.lowerNames(star.getExceptColumns().stream().map(Column::getColumnName).toList());
    }

    private static Map<String, Value> replacements(AllColumns star, Scope scope) {
        Map<String, Value> map = new HashMap<>();
        if (star.getReplaceExpressions() != null) {
            for (SelectItem<?> item : star.getReplaceExpressions()) {
                if (item.getAlias() != null) {
                    map.put(ExpressionLineage.unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT),
                            ExpressionLineage.value(item.getExpression(), scope));
                }
            }
        }
        return map;
    }
}
