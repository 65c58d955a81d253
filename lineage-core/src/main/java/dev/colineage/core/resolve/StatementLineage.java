package dev.colineage.core.resolve;

import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import dev.colineage.core.sql.BigQueryRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.StatementVisitorAdapter;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Column lineage of one parsed statement, one entry point per statement kind, all sharing the query
 * resolver: a SELECT written to a destination, CTAS, CREATE VIEW, INSERT, UPDATE and MERGE.
 * Statements that move no data (DELETE, DROP, ...) produce nothing.
 */
final class StatementLineage extends StatementVisitorAdapter<Boolean> {

    private final AnalysisContext context;
    private final TargetWriter writer;
    private final Optional<TableRef> destination;

    StatementLineage(AnalysisContext context, EdgeCollector edges, Optional<TableRef> destination) {
        this.context = context;
        this.writer = new TargetWriter(context, edges);
        this.destination = destination;
    }

    /** Resolves {@code statement}; false when its kind is not one that moves data between columns. */
    boolean analyse(Statement statement) {
        Boolean handled = statement.accept(this, null);
        return handled != null && handled;
    }

    private Scope root() {
        return Scope.root(context);
    }

    private TableRef table(Table t) {
        return context.names().resolve(TableNameResolver.nameParts(t.getFullyQualifiedName()));
    }

    /** A plain SELECT: its result goes to the job's destination table, when there is one. */
    @Override
    public <S> Boolean visit(Select select, S ctx) {
        Relation r = QueryLineage.resolve(select, root());
        if (destination.isEmpty()) {
            context.report(Diagnostic.Level.INFO, Diagnostic.NO_DESTINATION,
                    "SELECT without a destination table: pass the job's destination to get its edges");
            return true;
        }
        writer.write(destination.get(), false, r, List.of());
        return true;
    }

    /** CREATE [TEMP] TABLE ... AS SELECT: the target's columns are the query's, or the listed ones by position. */
    @Override
    public <S> Boolean visit(CreateTable create, S ctx) {
        boolean temporary = create.getCreateOptionsStrings() != null && create.getCreateOptionsStrings().stream()
                .anyMatch(o -> o.equalsIgnoreCase("TEMPORARY") || o.equalsIgnoreCase("TEMP"));
        TableRef target = temporary ? new TableRef("_script_", "_temp_", tableName(create.getTable()))
                : table(create.getTable());
        if (!temporary && context.isDroppedInScript(target)) {
            // created and dropped by this script: a scratch table, resolved through like a TEMP table
            temporary = true;
            target = new TableRef("_script_", "_temp_", target.fqn());
        }
        List<String> names = new ArrayList<>();
        if (create.getColumnDefinitions() != null) {
            for (ColumnDefinition d : create.getColumnDefinitions()) {
                names.add(ExpressionLineage.unquote(d.getColumnName()));
            }
        }
        if (create.getSelect() == null) {
            // plain DDL: the table exists from now on, with these columns (and no sources yet)
            if (temporary) {
                context.script().putTempTable(target.name(), new Relation(names.stream()
                        .map(n -> new RelationColumn(n, Value.NOTHING)).toList(), Dependencies.none()));
            } else if (!names.isEmpty()) {
                context.extendCatalog(new TableSchema(target, names.stream()
                        .map(n -> dev.colineage.core.catalog.SchemaField.of(n, "UNKNOWN")).toList()));
            }
            return true;
        }
        Relation r = QueryLineage.resolve(create.getSelect(), root());
        writer.write(target, temporary, r, names);
        if (!temporary && context.names().catalog().lookup(target).isEmpty()) {
            context.extendCatalog(TargetWriter.schemaOf(target, r));
        }
        return true;
    }

    /** CREATE TABLE t CLONE|COPY s: every column of s, as is, into t. */
    void tableCopy(String target, String source) {
        TableRef to = context.names().resolve(TableNameResolver.nameParts(target));
        TableRef from = context.names().resolve(TableNameResolver.nameParts(source));
        Relation r = FromItemLineage.tableRelation(from, root());
        writer.write(to, false, r, List.of());
        context.names().catalog().lookup(from).ifPresent(s -> context.extendCatalog(new TableSchema(to, s.fields())));
    }

    /** CREATE [OR REPLACE] [MATERIALIZED] VIEW: the view's columns are the query's. */
    @Override
    public <S> Boolean visit(CreateView view, S ctx) {
        TableRef target = table(view.getView());
        List<String> names = new ArrayList<>();
        if (view.getColumnNames() != null) {
            for (Column c : view.getColumnNames()) {
                context.traced(c);
                names.add(ExpressionLineage.unquote(c.getColumnName()));
            }
        }
        Relation r = QueryLineage.resolve(view.getSelect(), root());
        writer.write(target, false, r, names);
        if (context.names().catalog().lookup(target).isEmpty()) {
            context.extendCatalog(TargetWriter.schemaOf(target, r));
        }
        return true;
    }

    /** INSERT [INTO] t [(cols)] query: by position into the listed columns, else into the table's columns. */
    @Override
    public <S> Boolean visit(Insert insert, S ctx) {
        String name = tableName(insert.getTable());
        boolean temporary = context.script().tempTable(name).isPresent() && TableNameResolver.nameParts(
                insert.getTable().getFullyQualifiedName()).size() == 1;
        TableRef target = temporary ? new TableRef("_script_", "_temp_", name) : table(insert.getTable());
        if (!temporary && context.script().tempTable(target.fqn()).isPresent()) {
            temporary = true;
            name = target.fqn();
            target = new TableRef("_script_", "_temp_", name);
        }
        List<String> names = new ArrayList<>();
        if (insert.getColumns() != null) {
            for (Column c : insert.getColumns()) {
                context.traced(c);
                names.add(ExpressionLineage.unquote(c.getColumnName()));
            }
        } else if (temporary) {
            context.script().tempTable(name).get().columns().stream().filter(c -> !c.isUnlisted())
                    .forEach(c -> names.add(c.name()));
        } else {
            context.names().catalog().lookup(target).ifPresent(s -> s.fields().forEach(f -> names.add(f.name())));
        }
        if (insert.getSelect() == null) {
            return true;
        }
        Scope scope = QueryLineage.withCtes(insert.getWithItemsList(), root());
        Relation r = QueryLineage.resolve(insert.getSelect(), scope);
        writer.write(target, temporary, r, names);
        return true;
    }

    /** UPDATE t SET c = expr [FROM ...] WHERE ...: each SET writes its column; WHERE filters the table. */
    @Override
    public <S> Boolean visit(Update update, S ctx) {
        Scope scope = root();
        TableRef target = table(update.getTable());
        String alias = FromItemLineage.aliasOf(update.getTable().getAlias()).orElse(target.name());
        scope.add(new ScopeEntry(alias, FromItemLineage.tableRelation(target, scope), Optional.of(target), Optional.empty()));
        Dependencies tableWide = Dependencies.none();
        if (update.getFromItem() != null) {
            tableWide = tableWide.plus(FromItemLineage.add(update.getFromItem(), scope));
        }
        if (update.getJoins() != null) {
            for (var j : update.getJoins()) {
                tableWide = tableWide.plus(FromItemLineage.join(j, scope));
            }
        }
        tableWide = tableWide.plus(ExpressionLineage.dependencies(update.getWhere(), scope, QueryLineage.FILTER));
        List<RelationColumn> written = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            addSet(set, scope, Dependencies.none(), written);
        }
        writer.write(target, false, new Relation(written, tableWide), List.of());
        return true;
    }

    /**
     * MERGE t USING s ON cond: ON decides which rows match (JOIN, table-wide); each WHEN branch
     * writes its UPDATE SET or INSERT columns, and its AND condition decides those columns (CONDITIONAL).
     */
    @Override
    public <S> Boolean visit(Merge merge, S ctx) {
        Scope scope = root();
        if (merge.getWithItemsList() != null) {
            scope = QueryLineage.withCtes(merge.getWithItemsList(), scope);
        }
        TableRef target = table(merge.getTable());
        Relation targetRelation = FromItemLineage.tableRelation(target, scope);
        String alias = FromItemLineage.aliasOf(merge.getTable().getAlias()).orElse(target.name());
        scope.add(new ScopeEntry(alias, targetRelation, Optional.of(target), Optional.empty()));
        int sourceStart = scope.entries().size();
        Dependencies tableWide = Dependencies.none();
        if (merge.getFromItem() != null) {
            tableWide = tableWide.plus(FromItemLineage.add(merge.getFromItem(), scope));
        }
        tableWide = tableWide.plus(ExpressionLineage.dependencies(merge.getOnCondition(), scope, QueryLineage.JOIN));
        List<RelationColumn> written = new ArrayList<>();
        if (merge.getOperations() != null) {
            for (MergeOperation op : merge.getOperations()) {
                if (op instanceof MergeUpdate u) {
                    Dependencies when = ExpressionLineage.dependencies(u.getAndPredicate(), scope, CONDITIONAL);
                    for (UpdateSet set : u.getUpdateSets()) {
                        addSet(set, scope, when, written);
                    }
                } else if (op instanceof MergeInsert i) {
                    // NOT MATCHED: there is no target row, so names can only mean source columns
                    Scope sourceOnly = Scope.root(context).withCtesOf(scope);
                    scope.entries().subList(sourceStart, scope.entries().size()).forEach(sourceOnly::add);
                    Dependencies when = ExpressionLineage.dependencies(i.getAndPredicate(), sourceOnly, CONDITIONAL);
                    mergeInsert(i, sourceOnly, 0, targetRelation, when, written);
                }
            }
        }
        writer.write(target, false, new Relation(combineSameName(written), tableWide), List.of());
        return true;
    }

    private static final Transformation CONDITIONAL = Transformation.indirect(Transformation.Subtype.CONDITIONAL);

    private void mergeInsert(MergeInsert insert, Scope scope, int sourceStart, Relation targetRelation,
                             Dependencies when, List<RelationColumn> written) {
        List<Expression> values = insert.getValues() == null ? List.of() : new ArrayList<>(insert.getValues());
        boolean row = values.size() == 1 && values.get(0) instanceof Column c
                && c.getColumnName().equalsIgnoreCase(BigQueryRewriter.INSERT_ROW_MARKER);
        if (row) {
            context.traced(values.get(0));
            // INSERT ROW: every source column, by position, into the target's columns
            List<RelationColumn> source = new ArrayList<>();
            scope.entries().subList(sourceStart, scope.entries().size()).forEach(e -> source.addAll(e.relation().columns()));
            List<RelationColumn> targetColumns = targetRelation.columns();
            for (int k = 0; k < source.size(); k++) {
                String name = k < targetColumns.size() && !targetColumns.get(k).isUnlisted() ? targetColumns.get(k).name() : source.get(k).name();
                Value v = source.get(k).value();
                written.add(new RelationColumn(name, new Value(v.deps().plus(when), v.fields(), v.schema())));
            }
            return;
        }
        List<String> names = new ArrayList<>();
        if (insert.getColumns() != null) {
            insert.getColumns().forEach(c -> {
                context.traced(c);
                names.add(ExpressionLineage.unquote(c.getColumnName()));
            });
        } else {
            targetRelation.columns().stream().filter(c -> !c.isUnlisted()).forEach(c -> names.add(c.name()));
        }
        for (int k = 0; k < Math.min(names.size(), values.size()); k++) {
            Value v = ExpressionLineage.value(values.get(k), scope);
            written.add(new RelationColumn(names.get(k), new Value(v.deps().plus(when), v.fields(), v.schema())));
        }
    }

    private void addSet(UpdateSet set, Scope scope, Dependencies when, List<RelationColumn> written) {
        for (int k = 0; k < set.getColumns().size(); k++) {
            Column column = set.getColumns().get(k);
            context.traced(column);
            List<String> parts = TableNameResolver.nameParts(column.getFullyQualifiedName());
            String name = parts.get(parts.size() - 1);
            Expression e = k < set.getValues().size() ? set.getValues().get(k) : null;
            Value v = e == null ? Value.NOTHING : ExpressionLineage.value(e, scope);
            written.add(new RelationColumn(name, new Value(v.deps().plus(when), v.fields(), v.schema())));
        }
    }

    /** Several branches writing one column: one column whose value is all of theirs. */
    private static List<RelationColumn> combineSameName(List<RelationColumn> columns) {
        java.util.Map<String, RelationColumn> byName = new java.util.LinkedHashMap<>();
        for (RelationColumn c : columns) {
            byName.merge(c.name().toLowerCase(Locale.ROOT), c, (a, b) -> new RelationColumn(a.name(), a.value().plus(b.value())));
        }
        return new ArrayList<>(byName.values());
    }

    private static String tableName(Table t) {
        List<String> parts = TableNameResolver.nameParts(t.getFullyQualifiedName());
        return parts.get(parts.size() - 1);
    }
}
