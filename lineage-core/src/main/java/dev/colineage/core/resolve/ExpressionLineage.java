package dev.colineage.core.resolve;

import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.model.Transformation;
import dev.colineage.core.model.Transformation.Subtype;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.StructType;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Finds the source columns of an expression, and how each reaches the expression's value. The
 * visitor's context argument is that "how" for the node being visited: a function's argument reaches
 * the result through the function, then through whatever encloses the call.
 */
final class ExpressionLineage extends ExpressionVisitorAdapter<Void> {

    private static final Transformation CONDITIONAL = Transformation.indirect(Subtype.CONDITIONAL);
    private static final Transformation WINDOW = Transformation.indirect(Subtype.WINDOW);
    private static final Transformation SORT = Transformation.indirect(Subtype.SORT);

    private final Scope scope;
    private final Dependencies.Builder found = Dependencies.builder();

    private ExpressionLineage(Scope scope) {
        this.scope = scope;
    }

    /** The dependencies of {@code expression}, each followed by {@code how}. */
    static Dependencies dependencies(Expression expression, Scope scope, Transformation how) {
        if (expression == null) {
            return Dependencies.none();
        }
        ExpressionLineage walker = new ExpressionLineage(scope);
        expression.accept(walker, how);
        return walker.found.build();
    }

    /**
     * The value of a select-list expression: like {@link #dependencies} but keeping STRUCT fields
     * where the expression passes a struct through or builds one.
     */
    static Value value(Expression expression, Scope scope) {
        Expression e = unwrap(expression);
        if (e instanceof Column column) {
            scope.context().traced(column);
            Value v = scope.resolve(columnParts(column)).orElse(Value.NOTHING);
            return hasSubscript(column) ? Value.of(v.deps().then(Transformation.TRANSFORMATION)) : v;
        }
        if (e instanceof StructType struct && struct.getArguments() != null) {
            return structValue(struct, scope);
        }
        if (e instanceof ParenthesedSelect subquery) {
            return subqueryValue(subquery, scope);
        }
        if (e instanceof net.sf.jsqlparser.expression.RowGetExpression get) {
            // (expr).field, e.g. ARRAY_AGG(STRUCT(a, b) ORDER BY c LIMIT 1)[OFFSET(0)].a: only that field
            return value(get.getExpression(), scope).field(unquote(get.getColumnName()));
        }
        Value whole = Value.of(dependencies(e, scope, Transformation.IDENTITY));
        Optional<Value> element = structElement(e, scope);
        if (element.isEmpty() || !element.get().hasKnownFields()) {
            return whole;
        }
        // keep the struct's fields, each also decided by what decides the whole (ORDER BY, index)
        Dependencies indirect = whole.deps().indirect();
        Map<String, Value> fields = new LinkedHashMap<>();
        for (String f : element.get().fieldNames()) {
            Value v = element.get().field(f);
            fields.put(f, new Value(v.deps().plus(indirect), v.fields(), v.schema()));
        }
        element.get().unlistedFields().ifPresent(u ->
                fields.put(RelationColumn.UNLISTED, new Value(u.deps().plus(indirect), u.fields(), u.schema())));
        return new Value(whole.deps(), fields, element.get().schema());
    }

    /**
     * For expressions that hold STRUCTs of known shape without building them here: an array literal
     * of structs, an aggregate collecting one ({@code ARRAY_AGG(STRUCT(...))}), and an element taken
     * from such an array ({@code arr[OFFSET(0)]}).
     */
    private static Optional<Value> structElement(Expression e, Scope scope) {
        if (e instanceof ArrayExpression a) {
            Value obj = value(a.getObjExpression(), scope);
            return obj.hasKnownFields() ? Optional.of(obj) : structElement(unwrap(a.getObjExpression()), scope);
        }
        if (e instanceof ArrayConstructor array && array.getExpressions() != null) {
            List<Value> elements = new java.util.ArrayList<>();
            for (Expression element : array.getExpressions()) {
                elements.add(value(element, scope));
            }
            return elements.isEmpty() ? Optional.empty() : Optional.of(Value.mergeAll(elements).then(Transformation.TRANSFORMATION));
        }
        if (e instanceof Function f && f.getParameters() != null && f.getParameters().size() >= 2) {
            // IF(cond, s1, s2), COALESCE(s1, s2): the struct is one of the branches, field by field
            String n = FunctionSemantics.normalize(f.getName() == null ? "" : f.getName());
            int first = n.equals("if") ? 1 : n.equals("coalesce") || n.equals("ifnull") ? 0 : -1;
            if (first >= 0) {
                List<Value> branches = new java.util.ArrayList<>();
                for (int i = first; i < f.getParameters().size(); i++) {
                    branches.add(value(f.getParameters().get(i), scope));
                }
                return Optional.of(Value.mergeAll(branches));
            }
        }
        if (e instanceof Function f && f.getParameters() != null && f.getParameters().size() == 1) {
            String n = FunctionSemantics.normalize(f.getName() == null ? "" : f.getName());
            if (n.equals("array_agg") || n.equals("any_value") || n.equals("array_concat_agg")) {
                return Optional.of(value(f.getParameters().get(0), scope).then(FunctionSemantics.argumentTransformation(n)));
            }
        }
        return Optional.empty();
    }

    private static Expression unwrap(Expression e) {
        Expression current = e;
        while (current instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
            current = list.get(0);
        }
        return current;
    }

    private static Value structValue(StructType struct, Scope scope) {
        Map<String, Value> fields = new LinkedHashMap<>();
        List<SelectItem<?>> args = struct.getArguments();
        List<Map.Entry<String, net.sf.jsqlparser.statement.create.table.ColDataType>> typed = struct.getParameters();
        for (int i = 0; i < args.size(); i++) {
            SelectItem<?> arg = args.get(i);
            String name = arg.getAlias() != null ? unquote(arg.getAlias().getName())
                    : typed != null && i < typed.size() && typed.get(i).getKey() != null ? typed.get(i).getKey()
                    : implicitName(arg.getExpression()).orElse("_field_" + (i + 1));
            fields.put(name, value(arg.getExpression(), scope));
        }
        return Value.struct(fields);
    }

    /** A scalar subquery: its one column (or its STRUCT for SELECT AS STRUCT), filtered by its own WHERE/JOIN. */
    private static Value subqueryValue(ParenthesedSelect subquery, Scope scope) {
        Relation r = QueryLineage.resolve(subquery, scope.child());
        Value v;
        if (r.columns().size() == 1 && !r.columns().get(0).isUnlisted() && !selectsAsStruct(subquery)) {
            v = r.columns().get(0).value();
        } else {
            v = r.asStruct();
        }
        // the subquery's filters decide every field of its row, not just the whole
        Map<String, Value> fields = new LinkedHashMap<>();
        v.fields().forEach((name, f) -> fields.put(name, new Value(f.deps().plus(r.tableWide()), f.fields(), f.schema())));
        return new Value(v.deps().plus(r.tableWide()), fields, v.schema());
    }

    private static boolean selectsAsStruct(ParenthesedSelect subquery) {
        return subquery.getSelect() instanceof net.sf.jsqlparser.statement.select.PlainSelect plain
                && plain.getBigQuerySelectQualifier() == net.sf.jsqlparser.statement.select.PlainSelect.BigQuerySelectQualifier.AS_STRUCT;
    }

    /** The name BigQuery gives an unaliased select item: the last part of a column path. */
    static Optional<String> implicitName(Expression expression) {
        Expression e = unwrap(expression);
        if (e instanceof Column c) {
            List<String> parts = columnParts(c);
            return parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(parts.size() - 1));
        }
        return Optional.empty();
    }

    static String unquote(String name) {
        return name.replace("`", "").replace("\"", "");
    }

    private void add(Dependencies deps) {
        found.add(deps);
    }

    private void walk(Expression e, Transformation how) {
        if (e != null) {
            e.accept(this, how);
        }
    }

    private void walkAll(ExpressionList<?> list, Transformation how) {
        if (list != null) {
            for (Expression e : list) {
                walk(e, how);
            }
        }
    }

    private void walkOrderBy(List<OrderByElement> elements, Transformation how) {
        if (elements != null) {
            for (OrderByElement o : elements) {
                walk(o.getExpression(), how);
            }
        }
    }

    @Override
    public <S> Void visit(Column column, S context) {
        Transformation how = (Transformation) context;
        Transformation through = hasSubscript(column) ? Transformation.TRANSFORMATION.then(how) : how;
        scope.context().traced(column);
        scope.resolve(columnParts(column)).ifPresent(v -> add(v.deps().then(through)));
        return null;
    }

    /** An element picked from an array or map, like {@code arr[OFFSET(0)]}: a TRANSFORMATION. */
    private static boolean hasSubscript(Column column) {
        return subscript(column.getFullyQualifiedName()) > 0;
    }

    /**
     * The dotted name of a column reference, without a subscript JSqlParser may have folded into
     * it ({@code metadata['key']}): the subscript picks an element, the column is the source.
     */
    static List<String> columnParts(Column column) {
        String name = column.getFullyQualifiedName();
        int bracket = subscript(name);
        return TableNameResolver.nameParts(bracket > 0 ? name.substring(0, bracket) : name);
    }

    /** Where an array subscript ({@code a[OFFSET(0)]}) starts: the first {@code [} outside back-quotes, or -1. */
    private static int subscript(String name) {
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '[' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Every node this class does not handle itself (EXTRACT, JSON functions, IS NULL, BETWEEN, ...)
     * computes a new value from its children: TRANSFORMATION. Only parentheses pass values through.
     */
    @Override
    protected <S> Void visitExpressions(Expression expression, S context, ExpressionList<? extends Expression> children) {
        return walkChildren(expression, context, children);
    }

    @Override
    protected <S> Void visitExpressions(Expression expression, S context, java.util.Collection<Expression> children) {
        return walkChildren(expression, context, children);
    }

    @Override
    protected <S> Void visitExpressions(Expression expression, S context, Expression... children) {
        return walkChildren(expression, context, java.util.Arrays.asList(children));
    }

    private Void walkChildren(Expression parent, Object context, Iterable<? extends Expression> children) {
        if (children != null) {
            Transformation how = childHow(parent, context);
            for (Expression e : children) {
                walk(e, how);
            }
        }
        return null;
    }

    private static Transformation childHow(Expression parent, Object context) {
        Transformation how = (Transformation) context;
        return parent instanceof ParenthesedExpressionList<?> && ((ParenthesedExpressionList<?>) parent).size() == 1
                ? how : Transformation.TRANSFORMATION.then(how);
    }

    @Override
    protected <S> Void visitBinaryExpression(BinaryExpression expr, S context) {
        Transformation how = Transformation.TRANSFORMATION.then((Transformation) context);
        walk(expr.getLeftExpression(), how);
        walk(expr.getRightExpression(), how);
        return null;
    }

    @Override
    public <S> Void visit(Function function, S context) {
        Transformation how = (Transformation) context;
        String name = function.getName() == null ? "" : function.getName();
        ExpressionList<?> params = function.getParameters();
        // f(x).field: a field of the call's result, named, not read from any table
        if (function.getAttribute() != null) {
            dev.colineage.core.sql.ColumnReferences.in(function.getAttribute()).forEach(scope.context()::traced);
        }
        Optional<UserFunction> temp = scope.context().script().function(FunctionSemantics.normalize(name));
        if (temp.isEmpty() && name.indexOf('.') > 0) {
            temp = scope.context().persistentFunction(dev.colineage.core.catalog.TableNameResolver.nameParts(name));
        }
        if (temp.isPresent()) {
            Transformation arg = (temp.get().masking() ? Transformation.TRANSFORMATION.masked() : Transformation.TRANSFORMATION).then(how);
            for (int i = 0; params != null && i < params.size(); i++) {
                if (temp.get().uses(i)) {
                    walk(params.get(i), arg);
                } else {
                    // the body never reads this argument: its columns give no lineage, and that is known, not missed
                    dev.colineage.core.sql.ColumnReferences.in(params.get(i)).forEach(scope.context()::traced);
                }
            }
            return null;
        }
        String n = FunctionSemantics.normalize(name);
        Transformation arg = FunctionSemantics.argumentTransformation(name).then(how);
        for (int i = 0; params != null && i < params.size(); i++) {
            Expression p = params.get(i);
            if (FunctionSemantics.isDatePartArgument(n, i) && isDatePartWord(p)) {
                markDatePart(p);
                continue;
            }
            // MAX_BY(x, y) is ANY_VALUE(x HAVING MAX y): y only picks the row whose x is returned
            boolean condition = n.equals("if") && i == 0 || n.equals("nullif") && i == 1
                    || (n.equals("max_by") || n.equals("min_by")) && i == 1;
            walk(p, condition ? CONDITIONAL.then(how) : arg);
        }
        if (function.getNamedParameters() != null) {
            for (Expression e : function.getNamedParameters().getExpressions()) {
                walk(e, arg);
            }
        }
        walkAll(function.getChainedParameters(), Transformation.TRANSFORMATION.then(how));
        // ORDER BY inside an aggregate (ARRAY_AGG(x ORDER BY y)) decides which values the result holds
        walkOrderBy(function.getOrderByElements(), SORT.then(how));
        if (function.getHavingClause() != null) {
            walk(function.getHavingClause().getExpression(), CONDITIONAL.then(how));
        }
        return null;
    }

    private void markDatePart(Expression part) {
        scope.context().traced(part);
        if (part instanceof Function f && f.getParameters() != null) {
            f.getParameters().forEach(scope.context()::traced);
        }
    }

    private static boolean isDatePartWord(Expression e) {
        if (e instanceof Column c && c.getTable() == null) {
            return Scope.DATE_PARTS.contains(c.getColumnName().toLowerCase(Locale.ROOT));
        }
        // WEEK(MONDAY) is the one date part written like a call; DATE(x) is a call
        return e instanceof net.sf.jsqlparser.expression.DateUnitExpression
                || e instanceof Function f && f.getName() != null && (f.getName().equalsIgnoreCase("WEEK") || f.getName().equalsIgnoreCase("ISOWEEK"));
    }

    @Override
    public <S> Void visit(AnalyticExpression a, S context) {
        Transformation how = (Transformation) context;
        String name = a.getName() == null ? "" : a.getName();
        Transformation arg = FunctionSemantics.argumentTransformation(name).then(how);
        walk(a.getExpression(), arg);
        walk(a.getOffset(), CONDITIONAL.then(how));
        walk(a.getDefaultValue(), arg);
        walk(a.getFilterExpression(), CONDITIONAL.then(how));
        walkOrderBy(a.getFuncOrderBy(), SORT.then(how));
        Transformation window = WINDOW.then(how);
        walkAll(a.getPartitionExpressionList(), window);
        walkOrderBy(a.getOrderByElements(), window);
        if (a.getWindowDefinition() != null) {
            walkAll(a.getWindowDefinition().getPartitionExpressionList(), window);
            walkOrderBy(a.getWindowDefinition().getOrderByElements(), window);
        }
        return null;
    }

    @Override
    public <S> Void visit(CaseExpression c, S context) {
        Transformation how = (Transformation) context;
        walk(c.getSwitchExpression(), CONDITIONAL.then(how));
        if (c.getWhenClauses() != null) {
            for (WhenClause w : c.getWhenClauses()) {
                walk(w.getWhenExpression(), CONDITIONAL.then(how));
                walk(w.getThenExpression(), how);
            }
        }
        walk(c.getElseExpression(), how);
        return null;
    }

    private Void computedFrom(Expression operand, Object context) {
        walk(operand, Transformation.TRANSFORMATION.then((Transformation) context));
        return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.RowGetExpression get, S context) {
        add(value(get, scope).deps().then((Transformation) context));
        return null;
    }

    /** {@code NOT x}, {@code -x}, {@code x IS NULL}: a new value computed from x, not x itself. */
    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.NotExpression not, S context) {
        return computedFrom(not.getExpression(), context);
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.SignedExpression signed, S context) {
        return computedFrom(signed.getExpression(), context);
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.IsNullExpression isNull, S context) {
        return computedFrom(isNull.getLeftExpression(), context);
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression isBoolean, S context) {
        return computedFrom(isBoolean.getLeftExpression(), context);
    }

    /** {@code TRIM([[BOTH|LEADING|TRAILING] chars FROM] x)}; JSqlParser leaves the parts it did not see null. */
    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.TrimFunction trim, S context) {
        Transformation how = Transformation.TRANSFORMATION.then((Transformation) context);
        walk(trim.getExpression(), how);
        walk(trim.getFromExpression(), how);
        return null;
    }

    @Override
    public <S> Void visit(CastExpression cast, S context) {
        walk(cast.getLeftExpression(), Transformation.TRANSFORMATION.then((Transformation) context));
        return null;
    }

    @Override
    public <S> Void visit(net.sf.jsqlparser.expression.ExtractExpression extract, S context) {
        walk(extract.getExpression(), Transformation.TRANSFORMATION.then((Transformation) context));
        return null;
    }

    @Override
    public <S> Void visit(ArrayConstructor array, S context) {
        walkAll(array.getExpressions(), Transformation.TRANSFORMATION.then((Transformation) context));
        return null;
    }

    @Override
    public <S> Void visit(ArrayExpression array, S context) {
        Transformation how = (Transformation) context;
        walk(array.getObjExpression(), Transformation.TRANSFORMATION.then(how));
        Transformation index = CONDITIONAL.then(how);
        walk(array.getIndexExpression(), index);
        walk(array.getStartIndexExpression(), index);
        walk(array.getStopIndexExpression(), index);
        return null;
    }

    @Override
    public <S> Void visit(StructType struct, S context) {
        if (struct.getArguments() != null) {
            Transformation how = (Transformation) context;
            for (SelectItem<?> item : struct.getArguments()) {
                walk(item.getExpression(), how);
            }
        }
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect subquery, S context) {
        return subquery(subquery, (Transformation) context);
    }

    @Override
    public <S> Void visit(Select select, S context) {
        return subquery(select, (Transformation) context);
    }

    private Void subquery(Select select, Transformation how) {
        Relation r = QueryLineage.resolve(select, scope.child());
        for (RelationColumn c : r.columns()) {
            add(c.value().deps().then(how));
        }
        add(r.tableWide().then(how));
        return null;
    }
}
