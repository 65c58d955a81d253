package dev.colineage.core.resolve;

import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import dev.colineage.core.sql.BigQueryRewriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.FromItemVisitorAdapter;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Pivot;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Adds FROM items to a scope: tables (catalog, CTE, temp table, or unknown), subqueries, UNNEST,
 * parenthesised joins and PIVOT. Returns the table-wide dependencies the item brings (a subquery's
 * filters, a join's keys). Later items see earlier ones, as BigQuery's correlated joins require.
 */
final class FromItemLineage extends FromItemVisitorAdapter<Dependencies> {

    private static final FromItemLineage INSTANCE = new FromItemLineage();

    static Dependencies add(FromItem item, Scope scope) {
        Dependencies d = item.accept(INSTANCE, scope);
        return d == null ? Dependencies.none() : d;
    }

    /** A JOIN: its right item, then its ON / USING keys as table-wide JOIN dependencies. */
    static Dependencies join(Join join, Scope scope) {
        List<ScopeEntry> before = scope.entries();
        Dependencies tableWide = add(join.getRightItem(), scope);
        if (join.getOnExpressions() != null) {
            for (Expression on : join.getOnExpressions()) {
                tableWide = tableWide.plus(ExpressionLineage.dependencies(on, scope, QueryLineage.JOIN));
            }
        }
        if (join.getUsingColumns() != null) {
            List<ScopeEntry> after = scope.entries();
            List<ScopeEntry> right = after.subList(before.size(), after.size());
            for (Column c : join.getUsingColumns()) {
                scope.context().traced(c);
                String name = ExpressionLineage.unquote(c.getColumnName());
                Value left = firstListing(before, name);
                Value r = firstListing(right, name);
                tableWide = tableWide.plus(left.deps().then(QueryLineage.JOIN)).plus(r.deps().then(QueryLineage.JOIN));
                Value merged = join.isFull() ? left.plus(r) : join.isRight() ? r : left;
                scope.addUsingColumn(name, merged);
            }
        }
        return tableWide;
    }

    private static Value firstListing(List<ScopeEntry> entries, String name) {
        for (ScopeEntry e : entries) {
            if (e.relation().column(name) instanceof Relation.Found f) {
                return f.value();
            }
        }
        return Value.NOTHING;
    }

    @Override
    public <S> Dependencies visit(Table table, S context) {
        Scope scope = (Scope) context;
        List<String> parts = TableNameResolver.nameParts(table.getFullyQualifiedName());
        String alias = aliasOf(table.getAlias()).orElse(parts.get(parts.size() - 1));
        Relation relation;
        Optional<TableRef> ref = Optional.empty();
        Dependencies carried = Dependencies.none();
        if (parts.size() == 1 && scope.cte(parts.get(0)).isPresent()) {
            relation = scope.cte(parts.get(0)).get();
            carried = relation.tableWide();
        } else if (parts.size() == 1 && scope.context().script().tempTable(parts.get(0)).isPresent()) {
            relation = scope.context().script().tempTable(parts.get(0)).get();
            carried = relation.tableWide();
        } else if (parts.size() >= 2 && scope.entry(parts.get(0)).isPresent()) {
            // FROM t, t.array_column: an implicit UNNEST of a column of an earlier item
            Value array = scope.resolve(parts).orElse(Value.NOTHING);
            return addUnnest(array, alias, "", scope, table);
        } else {
            TableRef resolved = scope.context().names().resolve(parts);
            Optional<Relation> scratch = scope.context().script().tempTable(resolved.fqn());
            if (scratch.isPresent()) {
                // a table this script creates and drops: read through, like a TEMP table
                relation = scratch.get();
                carried = relation.tableWide();
            } else {
                ref = Optional.of(resolved);
                relation = tableRelation(resolved, scope);
            }
        }
        // a CTE's or temp table's own filters and joins decide which rows this query reads
        return addEntry(new ScopeEntry(alias, relation, ref, Optional.empty()), table, scope).plus(carried);
    }

    /** A catalog table's columns, or, for a table the catalog lacks, an unlisted pass-through. */
    static Relation tableRelation(TableRef table, Scope scope) {
        Optional<TableSchema> schema = scope.context().names().catalog().lookup(table);
        List<RelationColumn> columns = new ArrayList<>();
        if (schema.isEmpty()) {
            scope.context().report(Diagnostic.Level.WARNING, Diagnostic.UNKNOWN_TABLE,
                    "table " + table.fqn() + " is not in the catalog; its columns are taken as written");
            columns.add(new RelationColumn(RelationColumn.UNLISTED,
                    Value.of(Dependencies.of(table.column(ColumnRef.ALL_COLUMNS), Transformation.IDENTITY))));
        } else {
            for (SchemaField f : schema.get().fields()) {
                columns.add(new RelationColumn(f.name(), new Value(
                        Dependencies.of(table.column(f.name()), Transformation.IDENTITY), Map.of(), Optional.of(f))));
            }
        }
        return new Relation(columns, Dependencies.none());
    }

    @Override
    public <S> Dependencies visit(ParenthesedSelect subquery, S context) {
        Scope scope = (Scope) context;
        Relation relation = QueryLineage.resolve(subquery, scope.derivedTable());
        String alias = aliasOf(subquery.getAlias()).orElse("");
        return addEntry(new ScopeEntry(alias, relation, Optional.empty(), Optional.empty()), subquery, scope)
                .plus(relation.tableWide());
    }

    @Override
    public <S> Dependencies visit(LateralSubSelect lateral, S context) {
        Scope scope = (Scope) context;
        Relation relation = QueryLineage.resolve(lateral.getSelect(), scope.child());
        scope.add(new ScopeEntry(aliasOf(lateral.getAlias()).orElse(""), relation, Optional.empty(), Optional.empty()));
        return relation.tableWide();
    }

    @Override
    public <S> Dependencies visit(ParenthesedFromItem parenthesed, S context) {
        Scope scope = (Scope) context;
        Dependencies d = add(parenthesed.getFromItem(), scope);
        if (parenthesed.getJoins() != null) {
            for (Join j : parenthesed.getJoins()) {
                d = d.plus(join(j, scope));
            }
        }
        return d;
    }

    @Override
    public <S> Dependencies visit(TableFunction function, S context) {
        Scope scope = (Scope) context;
        Function f = function.getFunction();
        String alias = aliasOf(function.getAlias()).orElse("");
        String offset = "";
        if (alias.startsWith(BigQueryRewriter.UNNEST_ALIAS_PREFIX)) {
            String encoded = alias.substring(BigQueryRewriter.UNNEST_ALIAS_PREFIX.length());
            int sep = encoded.indexOf(BigQueryRewriter.UNNEST_OFFSET_SEPARATOR);
            alias = encoded.substring(0, sep);
            offset = encoded.substring(sep + BigQueryRewriter.UNNEST_OFFSET_SEPARATOR.length());
        }
        if (f != null && f.getName() != null && f.getName().equalsIgnoreCase("EXTERNAL_QUERY")) {
            return addExternalQuery(f, alias, scope, function);
        }
        if (f != null && f.getName() != null && f.getName().toUpperCase(java.util.Locale.ROOT).startsWith("ML.")
                && f.getParameters() != null && !f.getParameters().isEmpty() && f.getParameters().get(0) instanceof ParenthesedSelect input) {
            return addModelOutput(input, alias, scope, function);
        }
        Optional<TableValuedFunction> routine = tableFunction(f, scope);
        if (routine.isPresent()) {
            return addTableFunctionCall(routine.get(), f, alias, scope, function);
        }
        if (f == null || f.getName() == null || !f.getName().equalsIgnoreCase("UNNEST")) {
            // another table-valued function: its arguments feed every column it returns
            Dependencies args = ExpressionLineage.dependencies(f, scope, Transformation.TRANSFORMATION);
            scope.add(new ScopeEntry(alias, new Relation(List.of(new RelationColumn(RelationColumn.UNLISTED, Value.of(args))),
                    Dependencies.none()), Optional.empty(), Optional.empty()));
            return Dependencies.none();
        }
        Value array = Value.NOTHING;
        if (f.getParameters() != null && !f.getParameters().isEmpty()) {
            array = ExpressionLineage.value(f.getParameters().get(0), scope);
        }
        return addUnnest(array, alias, offset, scope, function);
    }

    /**
     * {@code ML.PREDICT((query))} (the rewriter made {@code MODEL m, TABLE t} into that): the input's
     * columns pass through as they are, and every other column (the model's {@code predicted_*},
     * probabilities, scores) is a TRANSFORMATION of every input column.
     */
    private static Dependencies addModelOutput(ParenthesedSelect input, String alias, Scope scope, FromItem item) {
        Relation in = QueryLineage.resolve(input, scope.derivedTable());
        List<RelationColumn> columns = new ArrayList<>();
        Dependencies every = Dependencies.none();
        for (RelationColumn c : in.columns()) {
            if (!c.isUnlisted()) {
                columns.add(c);
            }
            every = every.plus(c.value().deps().then(Transformation.TRANSFORMATION));
        }
        columns.add(new RelationColumn(RelationColumn.UNLISTED, Value.of(every)));
        return addEntry(new ScopeEntry(alias, new Relation(columns, in.tableWide()), Optional.empty(), Optional.empty()), item, scope)
                .plus(in.tableWide());
    }

    /** The table function a call names: the script's own, or a persistent one of the routines given. */
    private static Optional<TableValuedFunction> tableFunction(Function f, Scope scope) {
        if (f == null || f.getName() == null || f.getName().equalsIgnoreCase("UNNEST")) {
            return Optional.empty();
        }
        String name = f.getName().replace("`", "");
        Optional<TableValuedFunction> script = scope.context().script().tableFunction(name);
        return script.isPresent() ? script : scope.context().persistentTableFunction(TableNameResolver.nameParts(name));
    }

    /** Table functions reading table functions: deeper than this is taken for recursion and not followed. */
    private static final int MAX_TABLE_FUNCTION_DEPTH = 8;
    private static final ThreadLocal<int[]> TABLE_FUNCTION_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * {@code FROM tvf(args)}: the function's query read as a derived table, each parameter bound (as a
     * variable, which the body's names reach when no column of its tables has that name) to the lineage
     * of the caller's argument; the body's own filters and joins decide which rows the caller reads.
     */
    private static Dependencies addTableFunctionCall(TableValuedFunction routine, Function f, String alias, Scope scope, FromItem item) {
        AnalysisContext context = scope.context();
        List<Value> arguments = new ArrayList<>();
        if (f.getParameters() != null) {
            for (Expression argument : f.getParameters()) {
                arguments.add(ExpressionLineage.value(argument, scope));
            }
        }
        int[] depth = TABLE_FUNCTION_DEPTH.get();
        Optional<dev.colineage.core.sql.ParseOutcome> body = depth[0] >= MAX_TABLE_FUNCTION_DEPTH ? Optional.empty()
                : context.parseStatement(routine.body()).filter(o -> o.statement().get() instanceof net.sf.jsqlparser.statement.select.Select);
        if (body.isEmpty()) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.UNSUPPORTED_STATEMENT, depth[0] >= MAX_TABLE_FUNCTION_DEPTH
                    ? "table function " + routine.name() + " reads itself more than " + MAX_TABLE_FUNCTION_DEPTH + " deep; not followed further"
                    : "the query of table function " + routine.name() + " does not parse; its arguments are taken to feed every column");
            Dependencies all = Dependencies.none();
            for (Value v : arguments) {
                all = all.plus(v.deps().then(Transformation.TRANSFORMATION));
            }
            scope.add(new ScopeEntry(alias.isEmpty() ? routine.name() : alias, new Relation(List.of(new RelationColumn(
                    RelationColumn.UNLISTED, Value.of(all))), Dependencies.none()), Optional.empty(), Optional.empty()));
            return Dependencies.none();
        }
        List<Optional<Value>> shadowed = new ArrayList<>();
        List<String> parameters = routine.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Value bound = i < arguments.size() ? arguments.get(i) : Value.NOTHING;
            shadowed.add(context.script().replaceVariable(parameters.get(i), Optional.of(bound)));
        }
        dev.colineage.core.sql.RewriteFacts facts = context.saveFacts();
        Relation relation;
        depth[0]++;
        try {
            context.startStatement(context.statement(), body.get().rewritten().facts());
            net.sf.jsqlparser.statement.select.Select query = (net.sf.jsqlparser.statement.select.Select) body.get().statement().get();
            // a persistent function's query names tables in its own project; a script's in the script's
            Optional<String> bodyProject = scope.context().script().tableFunction(routine.name()).isPresent() ? Optional.empty()
                    : AnalysisContext.projectOf(routine.name());
            relation = context.inProject(bodyProject, () -> QueryLineage.resolve(query, Scope.root(context)));
        } finally {
            depth[0]--;
            context.restoreFacts(facts);
            for (int i = 0; i < parameters.size(); i++) {
                context.script().replaceVariable(parameters.get(i), shadowed.get(i));
            }
        }
        String name = alias.isEmpty() ? TableNameResolver.nameParts(routine.name()).get(TableNameResolver.nameParts(routine.name()).size() - 1) : alias;
        return addEntry(new ScopeEntry(name, relation, Optional.empty(), Optional.empty()), item, scope).plus(relation.tableWide());
    }

    /**
     * {@code EXTERNAL_QUERY("project.location.connection", "sql")}: a federated read from a Cloud SQL
     * (or other) database. Its columns come from outside BigQuery; they are named as the query uses
     * them, on a source named after the connection:
     * {@code project.external_query.location/connection.column}.
     */
    private static Dependencies addExternalQuery(Function f, String alias, Scope scope, FromItem item) {
        String connection = f.getParameters() == null || f.getParameters().isEmpty() ? "unknown"
                : f.getParameters().get(0).toString().replace("'", "").replace("\"", "").replace("`", "");
        String[] parts = connection.split("\\.", 2);
        TableRef source = new TableRef(parts[0], "external_query", parts.length > 1 ? parts[1].replace('.', '/') : parts[0]);
        scope.context().report(Diagnostic.Level.INFO, Diagnostic.EXTERNAL_SOURCE,
                "columns read through EXTERNAL_QUERY come from connection " + connection);
        Relation relation = new Relation(List.of(new RelationColumn(RelationColumn.UNLISTED,
                Value.of(Dependencies.of(source.column(ColumnRef.ALL_COLUMNS), Transformation.IDENTITY)))), Dependencies.none());
        return addEntry(new ScopeEntry(alias, relation, Optional.empty(), Optional.empty()), item, scope);
    }

    /**
     * {@code UNNEST(array) [AS alias] [WITH OFFSET AS offset]}: each element is a row. A STRUCT
     * element's fields are columns; an aliased element is also a value ({@code alias.field}).
     */
    private static Dependencies addUnnest(Value element, String alias, String offset, Scope scope, FromItem item) {
        List<RelationColumn> columns = new ArrayList<>();
        if (element.hasKnownFields()) {
            for (String f : element.fieldNames()) {
                columns.add(new RelationColumn(f, element.field(f)));
            }
            element.unlistedFields().ifPresent(u -> columns.add(new RelationColumn(RelationColumn.UNLISTED, u)));
        } else if (alias.isEmpty()) {
            columns.add(new RelationColumn(RelationColumn.UNLISTED, element));
        }
        if (!alias.isEmpty() && !element.hasKnownFields()) {
            columns.add(new RelationColumn(alias, element));
        }
        if (!offset.isEmpty()) {
            columns.add(new RelationColumn(offset, Value.NOTHING));
        }
        Optional<Value> row = alias.isEmpty() ? Optional.empty() : Optional.of(element);
        return addEntry(new ScopeEntry(alias, new Relation(columns, Dependencies.none()), Optional.empty(), row), item, scope);
    }

    private static Dependencies addEntry(ScopeEntry entry, FromItem item, Scope scope) {
        if (item.getPivot() != null) {
            ScopeEntry pivoted = pivoted(entry, item.getPivot(), scope);
            scope.add(pivoted);
            // PIVOT groups by every input column it does not consume
            return pivoted.relation().tableWide();
        } else if (item.getUnPivot() != null) {
            scope.add(UnpivotLineage.unpivoted(entry, item.getUnPivot(), scope));
        } else {
            scope.add(entry);
        }
        return Dependencies.none();
    }

    /**
     * {@code PIVOT(AGG(x) [AS a] FOR k IN (v1 [AS n1], ...))}: one output column per IN value (and
     * aggregate), fed by {@code x} (AGGREGATION) and decided by {@code k} (CONDITIONAL); the input's
     * other columns stay as grouping columns.
     */
    private static ScopeEntry pivoted(ScopeEntry input, Pivot pivot, Scope scope) {
        Scope inner = scope.child();
        inner.add(input);
        List<String> consumed = new ArrayList<>();
        Map<String, Value> aggregates = new LinkedHashMap<>();
        for (SelectItem<Function> item : pivot.getFunctionItems()) {
            Dependencies d = ExpressionLineage.dependencies(item.getExpression(), inner, Transformation.IDENTITY);
            aggregates.put(item.getAlias() == null ? "" : ExpressionLineage.unquote(item.getAlias().getName()), Value.of(d));
            collectColumnNames(item.getExpression(), consumed);
        }
        Dependencies keys = Dependencies.none();
        for (Column k : pivot.getForColumns()) {
            keys = keys.plus(ExpressionLineage.dependencies(k, inner, Transformation.indirect(Transformation.Subtype.CONDITIONAL)));
            consumed.add(ExpressionLineage.unquote(k.getColumnName()));
        }
        List<RelationColumn> columns = new ArrayList<>();
        Dependencies grouping = Dependencies.none();
        for (RelationColumn c : input.relation().columns()) {
            if (c.isUnlisted() || consumed.stream().noneMatch(n -> n.equalsIgnoreCase(c.name()))) {
                columns.add(c);
                grouping = grouping.plus(c.value().deps().then(QueryLineage.GROUP_BY));
            }
        }
        List<?> inItems = pivot.getInItems() == null ? List.of() : pivot.getInItems();
        for (Object in : inItems) {
            SelectItem<?> value = (SelectItem<?>) in;
            String base = value.getAlias() != null ? ExpressionLineage.unquote(value.getAlias().getName())
                    : value.getExpression().toString().replace("'", "").replace("\"", "");
            for (Map.Entry<String, Value> agg : aggregates.entrySet()) {
                String name = aggregates.size() == 1 || agg.getKey().isEmpty() ? base : agg.getKey() + "_" + base;
                columns.add(new RelationColumn(name, Value.of(agg.getValue().deps().plus(keys))));
            }
        }
        String alias = aliasOf(pivot.getAlias()).orElse(input.alias());
        return new ScopeEntry(alias, new Relation(columns, grouping), Optional.empty(), Optional.empty());
    }

    private static void collectColumnNames(Expression e, List<String> names) {
        e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                names.add(ExpressionLineage.unquote(column.getColumnName()));
                return null;
            }
        }, null);
    }

    static Optional<String> aliasOf(Alias alias) {
        return alias == null || alias.getName() == null ? Optional.empty() : Optional.of(ExpressionLineage.unquote(alias.getName()));
    }
}
