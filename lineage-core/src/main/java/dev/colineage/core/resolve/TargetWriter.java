package dev.colineage.core.resolve;

import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a resolved relation into a target: edges for a real table; for a TEMP table, the relation
 * itself is kept in the script state, so later statements read straight through it and the temp
 * table never becomes a node.
 */
final class TargetWriter {

    private final AnalysisContext context;
    private final EdgeCollector edges;

    TargetWriter(AnalysisContext context, EdgeCollector edges) {
        this.context = context;
        this.edges = edges;
    }

    /** A query's relation written into {@code table}, renamed to {@code targetNames} by position if given. */
    void write(TableRef table, boolean temporary, Relation relation, List<String> targetNames) {
        Relation named = rename(relation, targetNames);
        if (temporary) {
            Optional<Relation> before = context.script().tempTable(table.name());
            context.script().putTempTable(table.name(), before.map(b -> mergeInto(b, named)).orElse(named));
            return;
        }
        List<RelationColumn> columns = expandUnlisted(table, named.columns());
        for (RelationColumn c : columns) {
            edges.column(table, List.of(c.name()), c.value());
        }
        edges.table(table, named.tableWide());
    }

    /** Columns of the target the statement creates, for later statements of the script. */
    static TableSchema schemaOf(TableRef table, Relation relation) {
        List<SchemaField> fields = new ArrayList<>();
        for (RelationColumn c : relation.columns()) {
            if (!c.isUnlisted()) {
                fields.add(c.value().schema().map(s -> new SchemaField(c.name(), s.type(), s.mode(), s.fields(), s.policyTag()))
                        .orElse(SchemaField.of(c.name(), "UNKNOWN")));
            }
        }
        return new TableSchema(table, fields);
    }

    private Relation rename(Relation relation, List<String> names) {
        if (names.isEmpty()) {
            return relation;
        }
        List<RelationColumn> listed = relation.columns();
        if (relation.columns().stream().anyMatch(RelationColumn::isUnlisted)) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.COLUMN_COUNT_MISMATCH,
                    "target columns are matched by position but the query's columns are not all known");
        } else if (listed.size() != names.size()) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.COLUMN_COUNT_MISMATCH,
                    "query has " + listed.size() + " columns, target list has " + names.size());
        }
        List<RelationColumn> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            RelationColumn c = listed.get(i);
            out.add(i < names.size() && !c.isUnlisted() ? new RelationColumn(names.get(i), c.value()) : c);
        }
        return new Relation(out, relation.tableWide());
    }

    /**
     * An unlisted ({@code *}) source column written into a target whose schema the catalog knows:
     * the target's columns not written by name must have come through the star, by name.
     */
    private List<RelationColumn> expandUnlisted(TableRef table, List<RelationColumn> columns) {
        List<RelationColumn> unlisted = columns.stream().filter(RelationColumn::isUnlisted).toList();
        Optional<TableSchema> schema = context.names().catalog().lookup(table);
        if (unlisted.isEmpty() || schema.isEmpty()) {
            return columns;
        }
        List<RelationColumn> out = new ArrayList<>();
        columns.stream().filter(c -> !c.isUnlisted()).forEach(out::add);
        for (SchemaField f : schema.get().fields()) {
            boolean named = out.stream().anyMatch(c -> c.name().equalsIgnoreCase(f.name()));
            if (named) {
                continue;
            }
            Value through = Value.NOTHING;
            for (RelationColumn u : unlisted) {
                through = through.plus(u.value().field(f.name()));
            }
            out.add(new RelationColumn(f.name(), through));
        }
        return out;
    }

    private static Relation mergeInto(Relation before, Relation more) {
        List<RelationColumn> merged = new ArrayList<>();
        for (RelationColumn c : before.columns()) {
            Value v = c.value();
            Optional<RelationColumn> same = more.listed(c.name());
            if (same.isPresent()) {
                v = v.plus(same.get().value());
            }
            merged.add(new RelationColumn(c.name(), v));
        }
        for (RelationColumn c : more.columns()) {
            if (c.isUnlisted() || before.listed(c.name()).isEmpty()) {
                merged.add(c);
            }
        }
        return new Relation(merged, before.tableWide().plus(more.tableWide()));
    }
}
