package dev.colineage.graph.check;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.catalog.TableSchema;
import dev.colineage.core.ddl.DdlException;
import dev.colineage.core.ddl.SchemaChange;
import dev.colineage.core.ddl.SchemaChangeReader;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.LineageAnalyzer;
import dev.colineage.core.sql.ScriptSplitter;
import dev.colineage.core.sql.ScriptStatement;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code colineage check}: what a pull request's SQL does to the warehouse's current lineage. DDL ({@code
 * ALTER TABLE .. DROP / RENAME / ALTER COLUMN .. SET DATA TYPE}, {@code DROP TABLE}, {@code RENAME TO}) names
 * its changed columns itself; a new version of a query, view or script is analysed by lineage-core and
 * compared with the lineage of the query it replaces ({@link DefinitionDiff}). Then {@link ChangeImpact}
 * walks the read model from the changed columns. Reads the newest lineage, as re-run plans do.
 */
public final class SchemaChangeCheck {

    /** Statements one check reads at most, over all its files. */
    public static final int MAX_STATEMENTS = 2_000;

    private final LineageGraphs graphs;
    /** The graph's catalog with the version it was built from: rebuilt only when the lineage changed. */
    private volatile CachedCatalog cached;

    private record CachedCatalog(String version, Catalog catalog) {
    }

    public SchemaChangeCheck(LineageGraphs graphs) {
        this.graphs = Objects.requireNonNull(graphs, "graphs is null");
    }

    /**
     * The report for these files.
     *
     * @throws CheckInputException for a file the check cannot read (naming file and statement)
     */
    public CheckReport check(List<ChangeFile> files, CheckOptions options) {
        if (files.isEmpty()) {
            throw new CheckInputException("no files to check");
        }
        LineageGraph g = graphs.fresh();
        List<ChangedColumn> changed = new ArrayList<>();
        int statementsSeen = 0;
        List<String> warnings = new ArrayList<>();
        Catalog catalog = null;
        for (ChangeFile file : files) {
            List<ScriptStatement> statements = ScriptSplitter.split(file.sql());
            if (statements.isEmpty()) {
                throw new CheckInputException(file.name() + ": no SQL statement in it");
            }
            statementsSeen += statements.size();
            if (statementsSeen > MAX_STATEMENTS) {
                // each statement may take the parser's time limit: a bound on what one check may cost
                throw new CheckInputException("more than " + MAX_STATEMENTS + " statements in one check: check the files in parts");
            }
            List<ScriptStatement> queries = new ArrayList<>();
            List<SchemaChange> ddl = new ArrayList<>();
            for (ScriptStatement s : statements) {
                try {
                    SchemaChangeReader.read(s.text(), s.index()).ifPresentOrElse(ddl::addAll, () -> queries.add(s));
                } catch (DdlException e) {
                    throw new CheckInputException(file.name() + ": statement " + s.index() + ": " + e.getMessage());
                }
            }
            if (catalog == null) {
                catalog = catalog(g, options);
            }
            TableNameResolver names = new TableNameResolver(options.defaultProject(), options.defaultDataset(), catalog);
            for (SchemaChange c : ddl) {
                changed.addAll(ddlChange(g, names, file, c, warnings));
            }
            if (!queries.isEmpty()) {
                // the file's queries as one script (its DDL taken out): temp tables and variables keep their meaning
                String sql = queries.size() == statements.size() ? file.sql()
                        : String.join(";\n", queries.stream().map(ScriptStatement::text).toList());
                try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
                    changed.addAll(new DefinitionDiff(g, analyzer, catalog, options).diff(file, sql, warnings));
                }
            }
        }
        return new ChangeImpact(g, options.limit()).report(changed, warnings);
    }

    private Catalog catalog(LineageGraph g, CheckOptions options) {
        CachedCatalog c = cached;
        if (c == null || !c.version().equals(g.version())) {
            c = new CachedCatalog(g.version(), GraphCatalog.of(g));
            cached = c;
        }
        Catalog out = c.catalog();
        for (TableSchema t : options.catalog().tables()) {
            out = out.with(t);
        }
        return out;
    }

    /** The columns a DDL change touches, as the graph names them. */
    private static List<ChangedColumn> ddlChange(LineageGraph g, TableNameResolver names, ChangeFile file, SchemaChange c,
                                                 List<String> warnings) {
        TableRef ref = names.resolve(c.table());
        String table = ref.fqn();
        java.util.OptionalInt tid = g.table(table);
        String where = file.name() + ": statement " + c.statement() + ": ";
        if (tid.isEmpty()) {
            // suggestions: tables whose name holds the written name, or its first half (a typo, a plural)
            List<String> like = g.searchTables(ref.name(), 3);
            if (like.isEmpty() && ref.name().length() >= 8) {
                like = g.searchTables(ref.name().substring(0, ref.name().length() / 2), 3);
            }
            String named = ref.project().equals(TableNameResolver.UNKNOWN) || ref.dataset().equals(TableNameResolver.UNKNOWN)
                    ? c.table() + " in any project" : table;
            throw new CheckInputException(where + "the lineage graph has no table " + named
                    + (like.isEmpty() ? "" : " (did you mean " + String.join(", ", like) + "?)"));
        }
        List<ChangedColumn> out = new ArrayList<>();
        switch (c.kind()) {
            case DROP_TABLE, RENAME_TABLE -> {
                ChangeKind kind = c.kind() == SchemaChange.Kind.DROP_TABLE ? ChangeKind.DROPPED : ChangeKind.RENAMED;
                String detail = kind == ChangeKind.DROPPED ? "table dropped" : "table renamed to " + c.newName().orElseThrow();
                List<String> columns = new ArrayList<>();
                for (int k = 0; k < g.columnsOf(tid.getAsInt()); k++) {
                    columns.add(g.columnName(g.columnOfTable(tid.getAsInt(), k)));
                }
                columns.sort(null);
                columns.forEach(col -> out.add(ddl(col, kind, file, c, detail)));
            }
            default -> {
                String column = c.column().orElseThrow();
                ChangeKind kind = switch (c.kind()) {
                    case DROP_COLUMN -> ChangeKind.DROPPED;
                    case RENAME_COLUMN -> ChangeKind.RENAMED;
                    case RETYPE_COLUMN -> ChangeKind.RETYPED;
                    default -> ChangeKind.ADDED;
                };
                String detail = switch (c.kind()) {
                    case DROP_COLUMN -> "column dropped";
                    case RENAME_COLUMN -> "renamed to " + c.newName().orElseThrow();
                    case RETYPE_COLUMN -> "type set to " + c.newType().orElseThrow();
                    default -> "added as " + c.newType().orElseThrow();
                };
                // the column and its nested fields, matched without case as BigQuery names columns
                List<String> columns = new ArrayList<>();
                String lower = column.toLowerCase(Locale.ROOT);
                for (int k = 0; k < g.columnsOf(tid.getAsInt()); k++) {
                    int col = g.columnOfTable(tid.getAsInt(), k);
                    String path = g.columnPath(col).toLowerCase(Locale.ROOT);
                    if (path.equals(lower) || path.startsWith(lower + ".")) {
                        columns.add(g.columnName(col));
                    }
                }
                columns.sort(null);
                if (columns.isEmpty()) {
                    columns.add(table + "." + column);
                    if (kind != ChangeKind.ADDED) {
                        warnings.add(where + "no query of the current lineage touches " + table + "." + column
                                + " (or the name is misspelt): nothing downstream is known");
                    }
                }
                columns.forEach(col -> out.add(ddl(col, kind, file, c, detail)));
            }
        }
        return out;
    }

    private static ChangedColumn ddl(String column, ChangeKind kind, ChangeFile file, SchemaChange c, String detail) {
        return new ChangedColumn(column, kind, file.name(), c.statement(), detail, Optional.empty(), List.of(), List.of());
    }
}
