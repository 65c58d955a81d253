package dev.colineage.graph.check;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.LineageAnalyzer;
import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.DottedName;
import dev.colineage.core.sql.ScriptSplitter;
import dev.colineage.core.sql.ScriptStatement;
import dev.colineage.core.sql.Token;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.LineageTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lineage difference a new version of a query makes: the new SQL analysed by lineage-core, each table
 * it writes compared with the current lineage of the query it replaces — of the queries writing that table,
 * the one sharing most edges with the new version (ties: the newest). A column whose inputs differ is
 * {@link ChangeKind#REWRITTEN}; a column the old version wrote and the new does not is {@link
 * ChangeKind#DROPPED} when the statement replaces the table ({@code CREATE [OR REPLACE] TABLE / VIEW .. AS},
 * a SELECT into its destination) and rewritten (no longer written) when it appends ({@code INSERT},
 * {@code MERGE}); different table-wide inputs (JOIN, WHERE, GROUP BY) are {@link ChangeKind#ROWS_CHANGED}.
 */
final class DefinitionDiff {

    private final LineageGraph g;
    private final LineageAnalyzer analyzer;
    private final Catalog catalog;
    private final CheckOptions options;

    DefinitionDiff(LineageGraph g, LineageAnalyzer analyzer, Catalog catalog, CheckOptions options) {
        this.g = g;
        this.analyzer = analyzer;
        this.catalog = catalog;
        this.options = options;
    }

    /** The inputs of one table's columns and rows in one version. */
    private static final class Version {
        final Map<String, Set<LineageInput>> columns = new TreeMap<>();
        final Set<LineageInput> rows = new HashSet<>();
    }

    List<ChangedColumn> diff(ChangeFile file, String sql, List<String> warnings) {
        AnalysisOptions analysis = new AnalysisOptions(options.defaultProject(), options.defaultDataset(), file.destination(), catalog,
                options.routines());
        LineageResult result = analyzer.analyze(sql, analysis);
        for (Diagnostic d : result.diagnostics()) {
            String at = file.name() + ": statement " + d.statement() + d.line().map(l -> " line " + l).orElse("") + ": ";
            if (d.code().equals(Diagnostic.PARSE_ERROR) || d.code().equals(Diagnostic.PARSE_TIMEOUT)) {
                throw new CheckInputException(at + "the SQL does not parse: " + d.message());
            }
            if (d.code().equals(Diagnostic.NO_DESTINATION)) {
                throw new CheckInputException(at + "a SELECT writes no table: give its destination (--destination P.D.T)");
            }
            if (d.level() != Diagnostic.Level.INFO) {
                warnings.add(at + d.code() + ": " + d.message());
            }
        }
        Map<String, Version> written = new TreeMap<>();
        Map<String, Set<String>> newPairs = new HashMap<>();
        for (Edge e : result.edges()) {
            TableRef table = e.target().table();
            Version v = written.computeIfAbsent(table.fqn(), k -> new Version());
            LineageInput in = new LineageInput(e.source().fqn(), e.transformation().type(), e.transformation().subtype(),
                    e.transformation().masking());
            String target = e.target() instanceof ColumnRef c ? c.fqn() : table.fqn();
            if (e.target() instanceof ColumnRef c) {
                v.columns.computeIfAbsent(c.fqn(), k -> new TreeSet<>(LineageInput.ORDER)).add(in);
            } else {
                v.rows.add(in);
            }
            newPairs.computeIfAbsent(table.fqn(), k -> new HashSet<>()).add(e.source().fqn() + "\u0000" + target);
        }
        if (written.isEmpty()) {
            throw new CheckInputException(file.name() + ": writes no table the check can compare (no column lineage in it)");
        }
        Set<String> replacing = replacedTables(file, sql);
        List<ChangedColumn> out = new ArrayList<>();
        written.forEach((table, now) -> out.addAll(compare(file, table, now, newPairs.get(table), replacing.contains(table), warnings)));
        return out;
    }

    private List<ChangedColumn> compare(ChangeFile file, String table, Version now, Set<String> pairs, boolean replaces,
                                        List<String> warnings) {
        Optional<String> replaced = replacedQuery(table, pairs);
        Version before = replaced.map(fp -> old(table, fp)).orElseGet(Version::new);
        List<ChangedColumn> out = new ArrayList<>();
        Set<String> columns = new TreeSet<>(before.columns.keySet());
        columns.addAll(now.columns.keySet());
        for (String column : columns) {
            Set<LineageInput> was = before.columns.getOrDefault(column, Set.of());
            Set<LineageInput> is = now.columns.getOrDefault(column, Set.of());
            if (was.equals(is)) {
                continue;
            }
            ChangeKind kind;
            String detail;
            if (is.isEmpty()) {
                kind = replaces ? ChangeKind.DROPPED : ChangeKind.REWRITTEN;
                detail = replaces ? "no longer in the new version" : "no longer written by the new version";
            } else if (was.isEmpty() && g.column(column).isEmpty()) {
                kind = ChangeKind.ADDED;
                detail = "new in the new version";
            } else {
                kind = ChangeKind.REWRITTEN;
                detail = was.isEmpty() ? "now written by the new version" : "computed from other inputs or another way";
            }
            out.add(new ChangedColumn(column, kind, file.name(), 0, detail, replaced, sorted(was), sorted(is)));
            // a hash taken away: what arrived masked now arrives as it is (PII that stopped here flows on)
            for (LineageInput in : is) {
                if (in.type() == dev.colineage.core.model.Transformation.Type.DIRECT && !in.masking() && was.stream().anyMatch(w ->
                        w.source().equals(in.source()) && w.masking() && w.type() == in.type())) {
                    warnings.add(file.name() + ": " + column + " now takes " + in.source() + " unmasked (it was masked before):"
                            + " personal data there flows on downstream");
                }
            }
        }
        if (!before.rows.equals(now.rows) && !(before.rows.isEmpty() && g.table(table).isEmpty())) {
            out.add(new ChangedColumn(table, ChangeKind.ROWS_CHANGED, file.name(), 0, "its rows are chosen by other JOIN, WHERE or GROUP BY inputs",
                    replaced, sorted(before.rows), sorted(now.rows)));
        }
        return out;
    }

    private static List<LineageInput> sorted(Set<LineageInput> inputs) {
        return inputs.stream().sorted(LineageInput.ORDER).toList();
    }

    /** Of the queries writing the table in the current lineage, the one sharing most edges with the new version. */
    private Optional<String> replacedQuery(String table, Set<String> pairs) {
        OptionalInt t = g.table(table);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> shared = new HashMap<>();
        forEachEdgeInto(t.getAsInt(), e -> {
            String pair = g.columnName(g.source(e)) + "\u0000" + (g.kind(e) == dev.colineage.graph.memory.EdgeKind.INFLUENCES
                    ? table : g.columnName(g.target(e)));
            int hit = pairs.contains(pair) ? 1 : 0;
            for (String fp : g.fingerprints(e)) {
                shared.merge(fp, hit, Integer::sum);
            }
        });
        return shared.entrySet().stream().max((a, b) -> {
            int byShared = Integer.compare(a.getValue(), b.getValue());
            if (byShared != 0) {
                return byShared;
            }
            // the newest wins: NEWEST_FIRST orders it first, so it is the larger here
            Optional<QuerySummary> qa = g.query(a.getKey());
            Optional<QuerySummary> qb = g.query(b.getKey());
            if (qa.isEmpty() || qb.isEmpty()) {
                return Boolean.compare(qa.isPresent(), qb.isPresent());
            }
            return -QuerySummary.NEWEST_FIRST.compare(qa.get(), qb.get());
        }).map(Map.Entry::getKey);
    }

    /** The current lineage the query {@code fingerprint} writes into the table. */
    private Version old(String table, String fingerprint) {
        Version v = new Version();
        forEachEdgeInto(g.table(table).getAsInt(), e -> {
            if (!g.fingerprints(e).contains(fingerprint)) {
                return;
            }
            LineageInput in = new LineageInput(g.columnName(g.source(e)), g.subtype(e).type(), g.subtype(e), g.masking(e));
            if (g.kind(e) == dev.colineage.graph.memory.EdgeKind.INFLUENCES) {
                v.rows.add(in);
            } else {
                v.columns.computeIfAbsent(g.columnName(g.target(e)), k -> new TreeSet<>(LineageInput.ORDER)).add(in);
            }
        });
        return v;
    }

    /** Every current lineage edge into the table: FEEDS into its columns, INFLUENCES on it. */
    private void forEachEdgeInto(int table, java.util.function.IntConsumer edge) {
        for (int k = 0; k < g.columnsOf(table); k++) {
            int c = g.columnOfTable(table, k);
            for (int i = 0; i < g.feedsInto(c); i++) {
                int e = g.feedInto(c, i);
                if (g.live(e, LineageTime.current())) {
                    edge.accept(e);
                }
            }
        }
        for (int i = 0; i < g.influencesOn(table); i++) {
            int e = g.influenceOn(table, i);
            if (g.live(e, LineageTime.current())) {
                edge.accept(e);
            }
        }
    }

    /**
     * The tables the SQL replaces whole: those a {@code CREATE [OR REPLACE] TABLE / VIEW .. AS} makes (not TEMP
     * ones), and the destination of a plain SELECT.
     */
    private Set<String> replacedTables(ChangeFile file, String sql) {
        TableNameResolver names = new TableNameResolver(options.defaultProject(), options.defaultDataset(), catalog);
        Set<String> out = new HashSet<>();
        for (ScriptStatement s : ScriptSplitter.split(sql)) {
            List<Token> words = BigQueryLexer.tokenize(s.text()).stream().filter(t -> !t.isTrivia()).toList();
            if (words.isEmpty()) {
                continue;
            }
            Token first = words.get(0);
            if (first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("(")) {
                file.destination().ifPresent(d -> out.add(d.fqn()));
            } else if (first.isWord("CREATE")) {
                int i = 1;
                boolean temp = false;
                while (i < words.size() && !(words.get(i).isWord("TABLE") || words.get(i).isWord("VIEW"))) {
                    temp |= words.get(i).isWord("TEMP") || words.get(i).isWord("TEMPORARY");
                    i++;
                }
                if (temp || i >= words.size()) {
                    continue;
                }
                i++;
                if (i + 2 < words.size() && words.get(i).isWord("IF") && words.get(i + 1).isWord("NOT") && words.get(i + 2).isWord("EXISTS")) {
                    i += 3;
                }
                String name = DottedName.read(words, i);
                if (!name.isEmpty()) {
                    out.add(names.resolve(name).fqn());
                }
            }
        }
        return out;
    }
}
