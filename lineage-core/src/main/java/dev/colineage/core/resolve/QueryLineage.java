package dev.colineage.core.resolve;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Transformation;
import dev.colineage.core.model.Transformation.Subtype;
import dev.colineage.core.sql.BigQueryRewriter;
import dev.colineage.core.sql.RewriteFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SelectVisitorAdapter;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Resolves a query (SELECT, set operation, parenthesised query with its WITH clause) into the
 * {@link Relation} it produces. The visitor's context is the enclosing {@link Scope}.
 */
final class QueryLineage extends SelectVisitorAdapter<Relation> {

    static final Transformation JOIN = Transformation.indirect(Subtype.JOIN);
    static final Transformation FILTER = Transformation.indirect(Subtype.FILTER);
    static final Transformation GROUP_BY = Transformation.indirect(Subtype.GROUP_BY);
    static final Transformation SORT = Transformation.indirect(Subtype.SORT);

    private static final QueryLineage INSTANCE = new QueryLineage();

    /** The relation {@code select} produces, seen from {@code scope}. */
    static Relation resolve(Select select, Scope scope) {
        Scope withCtes = withCtes(select.getWithItemsList(), scope);
        Relation r = select.accept(INSTANCE, withCtes);
        if (r == null) {
            scope.context().report(Diagnostic.Level.WARNING, Diagnostic.UNSUPPORTED_STATEMENT,
                    "query form " + select.getClass().getSimpleName() + " is not analysed");
            return new Relation(List.of(), Dependencies.none());
        }
        return r;
    }

    /** Defines each CTE in order; each sees the ones before it, and a recursive one sees itself. */
    static Scope withCtes(List<WithItem<?>> items, Scope scope) {
        Scope current = scope;
        if (items == null) {
            return current;
        }
        for (WithItem<?> item : items) {
            String name = ExpressionLineage.unquote(item.getAliasName() != null ? item.getAliasName() : item.getAlias().getName());
            ParenthesedSelect body = item.getSelect();
            if (body == null) {
                continue;
            }
            Relation relation;
            if (item.isRecursive() && body.getSelect() instanceof SetOperationList set && !set.getSelects().isEmpty()) {
                // the anchor first, then the whole body with the anchor standing for the CTE itself
                Relation anchor = resolve(set.getSelects().get(0), current.child());
                relation = resolve(body, current.withCte(name, anchor).child());
            } else {
                relation = resolve(body, current.child());
            }
            relation = renamed(relation, item.getWithItemList(), current);
            current = current.withCte(name, relation);
        }
        return current;
    }

    private static Relation renamed(Relation relation, List<SelectItem<?>> names, Scope scope) {
        if (names == null || names.isEmpty()) {
            return relation;
        }
        names.forEach(n -> scope.context().traced(n.getExpression()));
        List<RelationColumn> columns = new ArrayList<>();
        for (int i = 0; i < relation.columns().size(); i++) {
            RelationColumn c = relation.columns().get(i);
            columns.add(i < names.size() ? new RelationColumn(ExpressionLineage.unquote(names.get(i).toString()), c.value()) : c);
        }
        return new Relation(columns, relation.tableWide());
    }

    @Override
    public <S> Relation visit(ParenthesedSelect parenthesed, S context) {
        Scope scope = (Scope) context;
        Relation inner = resolve(parenthesed.getSelect(), scope);
        return withOrderBy(inner, parenthesed.getOrderByElements(), scope);
    }

    @Override
    public <S> Relation visit(SetOperationList set, S context) {
        Scope scope = (Scope) context;
        List<Relation> branches = new ArrayList<>();
        for (Select s : set.getSelects()) {
            branches.add(resolve(s, scope.child()));
        }
        Relation merged = SetOperationMerger.merge(branches, scope.context());
        return withOrderBy(merged, set.getOrderByElements(), scope);
    }

    private static Relation withOrderBy(Relation r, List<OrderByElement> orderBy, Scope scope) {
        if (orderBy == null || orderBy.isEmpty()) {
            return r;
        }
        Dependencies sort = Dependencies.none();
        for (OrderByElement o : orderBy) {
            Expression e = o.getExpression();
            if (e instanceof LongValue pos && pos.getValue() >= 1 && pos.getValue() <= r.columns().size()) {
                sort = sort.plus(r.columns().get((int) pos.getValue() - 1).value().deps().then(SORT));
            } else if (e instanceof Column c && c.getTable() == null && r.listed(ExpressionLineage.unquote(c.getColumnName())).isPresent()) {
                scope.context().traced(c);
                sort = sort.plus(r.listed(ExpressionLineage.unquote(c.getColumnName())).get().value().deps().then(SORT));
            } else {
                // an expression over the result's columns, or a name it does not list
                sort = sort.plus(ExpressionLineage.dependencies(e, resultScope(r, scope), SORT));
            }
        }
        return new Relation(r.columns(), r.tableWide().plus(sort));
    }

    /** The result of a set operation seen as one unnamed table, for ORDER BY expressions over it. */
    private static Scope resultScope(Relation r, Scope scope) {
        Scope s = scope.child();
        s.add(new ScopeEntry("", r, java.util.Optional.empty(), java.util.Optional.empty()));
        return s;
    }

    /** {@code VALUES (..), (..)}: one column per position, fed by that position of every row. */
    @Override
    public <S> Relation visit(Values values, S context) {
        Scope scope = (Scope) context;
        List<List<Value>> byPosition = new ArrayList<>();
        if (values.getExpressions() != null) {
            // several rows come as a list of row lists; a single row as the flat list of its cells
            boolean rows = values.getExpressions().stream()
                    .allMatch(e -> e instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?>);
            List<Expression> rowList = rows ? new ArrayList<>(values.getExpressions()) : List.of(values.getExpressions());
            for (Expression row : rowList) {
                List<Expression> cells = row instanceof net.sf.jsqlparser.expression.operators.relational.ExpressionList<?> list
                        ? new ArrayList<>(list) : List.of(row);
                for (int i = 0; i < cells.size(); i++) {
                    if (byPosition.size() <= i) {
                        byPosition.add(new ArrayList<>());
                    }
                    byPosition.get(i).add(ExpressionLineage.value(cells.get(i), scope));
                }
            }
        }
        List<RelationColumn> columns = new ArrayList<>();
        for (int i = 0; i < byPosition.size(); i++) {
            columns.add(new RelationColumn("f" + i + "_", Value.mergeAll(byPosition.get(i))));
        }
        return new Relation(columns, Dependencies.none());
    }

    @Override
    public <S> Relation visit(LateralSubSelect lateral, S context) {
        return resolve(lateral.getSelect(), (Scope) context);
    }

    @Override
    public <S> Relation visit(TableStatement table, S context) {
        return null;
    }

    @Override
    public <S> Relation visit(PlainSelect select, S context) {
        Scope scope = (Scope) context;
        Dependencies tableWide = Dependencies.none();
        if (select.getFromItem() != null) {
            tableWide = tableWide.plus(FromItemLineage.add(select.getFromItem(), scope));
        }
        if (select.getJoins() != null) {
            for (Join join : select.getJoins()) {
                tableWide = tableWide.plus(FromItemLineage.join(join, scope));
            }
        }
        List<RelationColumn> columns = selectList(select, scope);
        tableWide = tableWide.plus(ExpressionLineage.dependencies(select.getWhere(), scope, FILTER));
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy != null) {
            List<Expression> keys = new ArrayList<>();
            if (groupBy.getGroupByExpressionList() != null) {
                keys.addAll(groupBy.getGroupByExpressionList());
            }
            if (groupBy.getGroupingSets() != null) {
                groupBy.getGroupingSets().forEach(keys::addAll);
            }
            for (Expression key : keys) {
                tableWide = tableWide.plus(byOutputOrExpression(key, columns, scope, GROUP_BY));
            }
        }
        Scope withAliases = scope.withOutputColumns(columns);
        tableWide = tableWide.plus(byOutputOrExpression(select.getHaving(), columns, withAliases, FILTER));
        tableWide = tableWide.plus(byOutputOrExpression(select.getQualify(), columns, withAliases, FILTER));
        if (select.getOrderByElements() != null) {
            for (OrderByElement o : select.getOrderByElements()) {
                tableWide = tableWide.plus(byOutputOrExpression(o.getExpression(), columns, withAliases, SORT));
            }
        }
        return new Relation(columns, tableWide);
    }

    /**
     * GROUP BY, HAVING, QUALIFY and ORDER BY may name a select-list alias or position
     * ({@code GROUP BY 1}, {@code GROUP BY submission_date}) instead of repeating the expression.
     */
    private static Dependencies byOutputOrExpression(Expression e, List<RelationColumn> outputs, Scope scope, Transformation how) {
        if (e == null) {
            return Dependencies.none();
        }
        if (e instanceof LongValue pos && pos.getValue() >= 1 && pos.getValue() <= outputs.size()) {
            return outputs.get((int) pos.getValue() - 1).value().deps().then(how);
        }
        if (e instanceof Column c && c.getTable() == null) {
            for (RelationColumn out : outputs) {
                if (out.name().equalsIgnoreCase(ExpressionLineage.unquote(c.getColumnName())) && !resolvableInFrom(c, scope)) {
                    scope.context().traced(c);
                    return out.value().deps().then(how);
                }
            }
        }
        return ExpressionLineage.dependencies(e, scope, how);
    }

    private static boolean resolvableInFrom(Column c, Scope scope) {
        for (ScopeEntry entry : scope.entries()) {
            if (entry.relation().lists(ExpressionLineage.unquote(c.getColumnName()))) {
                return true;
            }
        }
        return false;
    }

    private static List<RelationColumn> selectList(PlainSelect select, Scope scope) {
        List<RelationColumn> columns = new ArrayList<>();
        int position = 0;
        for (SelectItem<?> item : select.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns tableStar) {
                columns.addAll(StarExpansion.tableStar(tableStar, scope));
            } else if (e instanceof AllColumns star) {
                columns.addAll(StarExpansion.star(star, scope));
            } else if (item.getAlias() != null && item.getAlias().getName().startsWith(BigQueryRewriter.STRUCT_STAR_PREFIX)) {
                RewriteFacts.StructStar facts = scope.context().facts().structStars().get(item.getAlias().getName());
                columns.addAll(StarExpansion.structStar(ExpressionLineage.value(e, scope), facts, scope));
            } else {
                String name = item.getAlias() != null ? ExpressionLineage.unquote(item.getAlias().getName())
                        : ExpressionLineage.implicitName(e).orElse("f" + position + "_");
                columns.add(new RelationColumn(name, ExpressionLineage.value(e, scope)));
            }
            position++;
        }
        return columns;
    }

    /** Parses a REPLACE expression kept aside by the rewriter. */
    static Expression parseExpression(String text, Scope scope) {
        java.util.Optional<Expression> parsed = scope.context().parseExpression(text);
        if (parsed.isEmpty()) {
            scope.context().report(Diagnostic.Level.WARNING, Diagnostic.PARSE_ERROR,
                    "cannot parse REPLACE expression: " + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
        }
        return parsed.orElse(null);
    }

    /** Columns named in an EXCEPT list, lower-cased. */
    static Set<String> lowerNames(List<String> names) {
        Set<String> set = new HashSet<>();
        names.forEach(n -> set.add(ExpressionLineage.unquote(n).toLowerCase(Locale.ROOT)));
        return set;
    }
}
