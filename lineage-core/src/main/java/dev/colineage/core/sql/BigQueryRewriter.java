package dev.colineage.core.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one BigQuery statement, token by token, into SQL that JSqlParser 5.4 parses with the same
 * lineage meaning. Each rewrite is a small pass named after the BigQuery construct it handles; where a
 * rewrite would lose a lineage fact (a struct star's EXCEPT/REPLACE list, an UNNEST's offset column),
 * the fact is kept in {@link RewriteFacts} or encoded in an alias the resolver decodes.
 *
 * <p>Working on tokens, not regular expressions, keeps string literals, quoted identifiers and
 * comments from being rewritten by accident.
 */
public final class BigQueryRewriter {

    /** Alias prefix that carries an UNNEST's element alias and its WITH OFFSET alias through JSqlParser. */
    public static final String UNNEST_ALIAS_PREFIX = "cl_unnest__";
    /** Separator between element alias and offset alias inside an encoded UNNEST alias. */
    public static final String UNNEST_OFFSET_SEPARATOR = "__offset__";
    /** Stands for MERGE's {@code INSERT ROW}: every source column into the target, by position. */
    public static final String INSERT_ROW_MARKER = "cl_insert_row";
    /** Alias prefix of a select item standing for {@code (expr).*}. */
    public static final String STRUCT_STAR_PREFIX = "cl_struct_star_";

    private final Map<String, RewriteFacts.StructStar> structStars = new LinkedHashMap<>();
    private final Set<String> applied = new LinkedHashSet<>();
    private final TokenList t;

    private BigQueryRewriter(List<Token> tokens) {
        this.t = new TokenList(tokens);
    }

    /** Rewrites one statement (no trailing semicolon needed). */
    public static RewrittenSql rewrite(String statement) {
        BigQueryRewriter r = new BigQueryRewriter(BigQueryLexer.tokenize(statement));
        r.foldTrivia();
        r.normalizeStrings();
        r.quoteDashedProjectNames();
        r.dropSafePrefix();
        r.rewriteModelArguments();
        r.insertMergeInto();
        r.dropMergeBySourceClauses();
        r.dropTrailingSelectCommas();
        r.unwrapArrayAccessors();
        r.dropNullHandling();
        r.quoteDateUnitColumns();
        r.quoteKeywordIdentifiers();
        r.parenthesizeCastOperands();
        r.completeOneArgumentJsonFunctions();
        r.rewriteTypedConstructors();
        r.structifyTuplesInArrays();
        r.encodeUnnestOffsets();
        r.inlineNamedWindows();
        r.extractStructStars();
        r.cleanDdlClauses();
        return r.emit(statement);
    }

    private void applied(String rewrite) {
        applied.add(rewrite);
    }

    // ---- passes -------------------------------------------------------------------------------

    /**
     * Comments become a space and every run of white space one character (a newline if it had one):
     * JSqlParser treats two blank lines as a statement separator and would silently cut the statement
     * in two, and indentation is a third of a typical scheduled query that its lexer would scan.
     */
    private void foldTrivia() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind() == Token.Kind.COMMENT) {
                t.replace(i, Token.Kind.WHITESPACE, " ");
            } else if (tok.kind() == Token.Kind.WHITESPACE && tok.text().length() > 1) {
                t.replace(i, Token.Kind.WHITESPACE, tok.text().indexOf('\n') >= 0 ? "\n" : " ");
            }
        }
    }

    /**
     * Every BigQuery string form (double-quoted, raw, bytes, triple-quoted, backslash escapes)
     * becomes a plain single-quoted literal. The literal's value never carries lineage, and with
     * double quotes JSqlParser could read "abc" as a phantom column.
     */
    private void normalizeStrings() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind() != Token.Kind.STRING) {
                continue;
            }
            String body = stringBody(tok.text());
            String plain = "'" + body.replace("\\", "/").replace("'", "''").replace('\n', ' ').replace('\r', ' ') + "'";
            if (!plain.equals(tok.text())) {
                t.replace(i, Token.Kind.STRING, plain);
            }
        }
    }

    private static String stringBody(String literal) {
        int q = 0;
        while (q < literal.length() && literal.charAt(q) != '\'' && literal.charAt(q) != '"') {
            q++;
        }
        String quoted = literal.substring(q);
        int quoteLength = quoted.length() >= 6 && (quoted.startsWith("'''") || quoted.startsWith("\"\"\"")) ? 3 : 1;
        if (quoted.length() < 2 * quoteLength) {
            return quoted.substring(Math.min(quoteLength, quoted.length()));
        }
        return quoted.substring(quoteLength, quoted.length() - quoteLength);
    }

    /** {@code SAFE.FUNC(...)} returns NULL instead of failing: same lineage as {@code FUNC(...)}. */
    private void dropSafePrefix() {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("SAFE") && t.at(i + 1).isSymbol(".") && t.at(i + 2).kind() == Token.Kind.WORD
                    && t.at(t.next(i + 2)).isSymbol("(") && !t.at(t.previous(i)).isSymbol(".")) {
                t.remove(i, i + 2);
                applied("safe-prefix");
            }
        }
    }

    /**
     * {@code ML.PREDICT(MODEL m, TABLE t | (query) [, STRUCT(...)])} and the other {@code ML.*} table
     * functions: the model holds no column of the input, so {@code MODEL m,} is dropped, and
     * {@code TABLE t} becomes the query {@code (SELECT * FROM t)}; the resolver then reads
     * {@code ML.PREDICT((query))} as its input columns passed through plus the model's outputs.
     */
    private void rewriteModelArguments() {
        for (int i = 0; i < t.size(); i++) {
            int dot = t.next(i);
            int fn = t.next(dot);
            int open = t.next(fn);
            if (!t.get(i).isWord("ML") || !t.at(dot).isSymbol(".") || t.at(fn).kind() != Token.Kind.WORD
                    || !t.at(open).isSymbol("(") || t.at(t.previous(i)).isSymbol(".")) {
                continue;
            }
            int close = t.matching(open);
            int first = t.next(open);
            if (close < 0 || !t.at(first).isWord("MODEL")) {
                continue;
            }
            int comma = depthOneSymbol(open, close, ",");
            t.remove(first, comma > 0 ? comma + 1 : close);
            close = t.matching(open);
            int table = t.next(open);
            if (t.at(table).isWord("TABLE") && t.next(table) < close) {
                int end = depthOneSymbol(open, close, ",");
                end = end > 0 ? end : close;
                String name = t.text(t.next(table), end).strip();
                t.remove(table, end);
                t.insert(table, Token.Kind.WORD, "(SELECT * FROM " + name + ")");
            }
            applied("ml-model-arguments");
        }
    }

    /** BigQuery allows {@code MERGE target USING ...}; JSqlParser needs INTO. */
    private void insertMergeInto() {
        int first = firstSignificant();
        if (first < t.size() && t.get(first).isWord("MERGE") && !t.at(t.next(first)).isWord("INTO")) {
            t.insert(t.next(first), Token.Kind.WORD, "INTO ");
            applied("merge-into");
        }
    }

    /**
     * {@code WHEN NOT MATCHED BY SOURCE THEN DELETE|UPDATE} acts on target rows with no source row:
     * it writes no source column into the target, so the clause carries no lineage and is dropped.
     * {@code NOT MATCHED BY TARGET} is the same as {@code NOT MATCHED}.
     */
    private void dropMergeBySourceClauses() {
        int first = firstSignificant();
        if (first >= t.size() || !t.get(first).isWord("MERGE")) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("INSERT") && t.at(t.next(i)).isWord("ROW")) {
                t.replace(t.next(i), Token.Kind.WORD, "VALUES (" + INSERT_ROW_MARKER + ")");
                applied("merge-insert-row");
                continue;
            }
            if (!t.get(i).isWord("BY") || !t.at(t.previous(i)).isWord("MATCHED")) {
                continue;
            }
            int what = t.next(i);
            if (t.at(what).isWord("TARGET")) {
                t.remove(i, what + 1);
                applied("merge-by-target");
            } else if (t.at(what).isWord("SOURCE")) {
                int when = t.previous(t.previous(t.previous(i)));
                int end = what;
                int depth = 0;
                for (end = what + 1; end < t.size(); end++) {
                    Token tok = t.get(end);
                    depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
                    if (depth == 0 && tok.isWord("WHEN")) {
                        break;
                    }
                }
                if (when >= 0 && t.get(when).isWord("WHEN")) {
                    t.remove(when, end);
                    i = when - 1;
                    applied("merge-by-source");
                }
            }
        }
    }

    /**
     * BigQuery accepts a trailing comma after the last select item, before FROM or before the
     * parenthesis that ends a FROM-less subquery; nowhere else is {@code ,)} valid, so it is dropped.
     */
    private void dropTrailingSelectCommas() {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isSymbol(",") && (t.at(t.next(i)).isWord("FROM") || t.at(t.next(i)).isSymbol(")"))) {
                t.remove(i, i + 1);
                applied("trailing-comma");
            }
        }
    }

    /** {@code arr[OFFSET(i)]}, {@code [SAFE_OFFSET(i)]}, {@code [ORDINAL(i)]}: the index carries no lineage. */
    private void unwrapArrayAccessors() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind() == Token.Kind.WORD && t.at(t.previous(i)).isSymbol("[") && t.at(t.next(i)).isSymbol("(")) {
                String w = tok.text().toUpperCase(Locale.ROOT);
                if (w.equals("OFFSET") || w.equals("SAFE_OFFSET") || w.equals("ORDINAL") || w.equals("SAFE_ORDINAL")) {
                    t.remove(i, i + 1);
                    applied("array-accessor");
                }
            }
        }
    }

    /** {@code IGNORE NULLS} / {@code RESPECT NULLS} change which rows count, not where values come from. */
    private void dropNullHandling() {
        for (int i = 0; i < t.size(); i++) {
            if ((t.get(i).isWord("IGNORE") || t.get(i).isWord("RESPECT")) && t.at(t.next(i)).isWord("NULLS")) {
                t.remove(i, t.next(i) + 1);
                applied("null-handling");
            }
        }
    }

    /** {@code FROM my-project.ds.t}: see {@link DashedProjectNames}. */
    private void quoteDashedProjectNames() {
        if (DashedProjectNames.quote(t)) {
            applied("dashed-project");
        }
    }

    /** {@code SELECT day FROM t}: see {@link DateUnitColumns}. */
    private void quoteDateUnitColumns() {
        if (DateUnitColumns.quote(t)) {
            applied("date-unit-column");
        }
    }

    /** {@code CAST(a > 0 AS INT64)}: JSqlParser needs a parenthesised boolean operand. */
    private void parenthesizeCastOperands() {
        for (int i = 0; i < t.size(); i++) {
            if (!(t.get(i).isWord("CAST") || t.get(i).isWord("SAFE_CAST")) || !t.at(t.next(i)).isSymbol("(")) {
                continue;
            }
            int open = t.next(i);
            int close = t.matching(open);
            if (close < 0) {
                continue;
            }
            int as = depthOneWord(open, close, "AS");
            if (as < 0 || !containsBooleanOperator(open + 1, as)) {
                continue;
            }
            t.insert(t.previous(as) + 1, Token.Kind.SYMBOL, ")");
            t.insert(open + 1, Token.Kind.SYMBOL, "(");
            applied("cast-boolean");
        }
    }

    private boolean containsBooleanOperator(int from, int to) {
        for (int k = from; k < to; k++) {
            Token tok = t.get(k);
            if (tok.kind() == Token.Kind.SYMBOL && Set.of(">", "<", "=", ">=", "<=", "<>", "!=").contains(tok.text())
                    || tok.isWord("AND") || tok.isWord("OR") || tok.isWord("NOT") || tok.isWord("IS")
                    || tok.isWord("IN") || tok.isWord("LIKE") || tok.isWord("BETWEEN")) {
                return true;
            }
        }
        return false;
    }

    /** {@code JSON_VALUE(x)} means {@code JSON_VALUE(x, '$')}; JSqlParser only knows the two-argument form. */
    private void completeOneArgumentJsonFunctions() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (!(tok.isWord("JSON_VALUE") || tok.isWord("JSON_QUERY")) || !t.at(t.next(i)).isSymbol("(")) {
                continue;
            }
            int open = t.next(i);
            int close = t.matching(open);
            if (close > 0 && depthOneSymbol(open, close, ",") < 0) {
                t.insert(close, Token.Kind.STRING, ", '$'");
                applied("json-one-argument");
            }
        }
    }

    /**
     * Parameterised types that JSqlParser cannot read when nested ({@code ARRAY<STRUCT<...>>}):
     * a typed array literal loses its type and its tuples become named STRUCTs; a typed STRUCT
     * constructor {@code STRUCT<a T, b T>(x, y)} becomes {@code STRUCT(x AS a, y AS b)}; a type
     * anywhere else (CAST, DDL, DECLARE) becomes {@code JSON}, a single-word type: a cast's target type
     * never changes which columns a value comes from.
     */
    private void rewriteTypedConstructors() {
        splitNestedTypeClosers();
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (!(tok.isWord("ARRAY") || tok.isWord("STRUCT")) || !t.at(t.next(i)).isSymbol("<")) {
                continue;
            }
            int open = t.next(i);
            int close = t.matching(open);
            if (close < 0) {
                continue;
            }
            int after = t.next(close);
            List<String> fields = tok.isWord("STRUCT") ? structFieldNames(open, close) : arrayElementStructFields(open, close);
            if (t.at(after).isSymbol("[") && tok.isWord("ARRAY")) {
                t.remove(i, close + 1);
                if (fields != null) {
                    nameTuplesInArray(t.next(i - 1), fields);
                }
                applied("typed-array");
            } else if (t.at(after).isSymbol("(") && tok.isWord("STRUCT")) {
                t.remove(i + 1, close + 1);
                nameStructArguments(t.next(i), fields);
                applied("typed-struct");
            } else {
                t.remove(i, close + 1);
                t.insert(i, Token.Kind.WORD, "JSON");
                applied("complex-type");
            }
        }
    }

    /** In {@code ARRAY<STRUCT<x INT64>>} the lexer reads {@code >>} as a shift: make it two closers. */
    private void splitNestedTypeClosers() {
        for (int i = 0; i < t.size(); i++) {
            if (!(t.get(i).isWord("ARRAY") || t.get(i).isWord("STRUCT")) || !t.at(t.next(i)).isSymbol("<")) {
                continue;
            }
            int depth = 0;
            for (int k = t.next(i); k < t.size(); k++) {
                Token tok = t.get(k);
                if (tok.isSymbol("<")) {
                    depth++;
                } else if (tok.isSymbol(">")) {
                    depth--;
                } else if (tok.isSymbol(">>")) {
                    t.replace(k, Token.Kind.SYMBOL, ">");
                    t.insert(k + 1, Token.Kind.SYMBOL, ">");
                    depth--;
                } else if (tok.isSymbol(";") || tok.isSymbol("[") || tok.isSymbol("=")) {
                    break;
                }
                if (depth <= 0) {
                    break;
                }
            }
        }
    }

    /** Field names of {@code STRUCT<name T, ...>} between the angle brackets. */
    private List<String> structFieldNames(int open, int close) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        boolean expectName = true;
        for (int k = open + 1; k < close; k++) {
            Token tok = t.get(k);
            if (tok.isTrivia()) {
                continue;
            }
            if (tok.isSymbol("<") || tok.isSymbol("(")) {
                depth++;
            } else if (tok.isSymbol(">") || tok.isSymbol(")")) {
                depth--;
            } else if (tok.isSymbol(">>")) {
                depth -= 2;
            } else if (depth == 0 && tok.isSymbol(",")) {
                expectName = true;
                continue;
            }
            if (depth == 0 && expectName && isIdentifier(tok)) {
                int next = t.next(k);
                // an unnamed field is just a type: STRUCT<INT64, STRING>
                names.add(t.at(next).isSymbol(",") || next >= close ? null : unquote(tok.text()));
                expectName = false;
            }
        }
        return names;
    }

    /** For {@code ARRAY<STRUCT<...>>}, the struct's field names; otherwise null. */
    private List<String> arrayElementStructFields(int open, int close) {
        int inner = t.next(open);
        if (!t.at(inner).isWord("STRUCT") || !t.at(t.next(inner)).isSymbol("<")) {
            return null;
        }
        int innerClose = t.matching(t.next(inner));
        return innerClose < 0 ? null : structFieldNames(t.next(inner), Math.min(innerClose, close));
    }

    /** In the array literal at {@code bracket}, each tuple element {@code (x, y)} becomes a named STRUCT. */
    private void nameTuplesInArray(int bracket, List<String> fields) {
        if (!t.at(bracket).isSymbol("[")) {
            return;
        }
        int close = t.matching(bracket);
        for (int k = bracket + 1; k < close && k < t.size(); k++) {
            Token tok = t.get(k);
            if (tok.isSymbol("(") && (t.at(t.previous(k)).isSymbol("[") || t.at(t.previous(k)).isSymbol(","))) {
                t.insert(k, Token.Kind.WORD, "STRUCT");
                // shift the array's end by what was inserted instead of rescanning a huge literal
                close += 1 + nameStructArguments(k + 1, fields);
                k = t.matching(k + 1);
                if (k < 0) {
                    return;
                }
            } else if (tok.isSymbol("(") || tok.isSymbol("[")) {
                k = t.matching(k);
                if (k < 0) {
                    return;
                }
            }
        }
    }

    /** Appends {@code AS field} to each unnamed argument of the STRUCT( at {@code open}; returns tokens added. */
    private int nameStructArguments(int open, List<String> fields) {
        if (fields == null || !t.at(open).isSymbol("(")) {
            return 0;
        }
        int close = t.matching(open);
        List<Integer> ends = new ArrayList<>();
        int depth = 0;
        boolean hasAs = false;
        for (int k = open; k <= close; k++) {
            Token tok = t.get(k);
            boolean opening = tok.isSymbol("(") || tok.isSymbol("[");
            boolean closing = tok.isSymbol(")") || tok.isSymbol("]");
            if (depth == 1 && (tok.isSymbol(",") || k == close)) {
                ends.add(k);
            }
            if (depth == 1 && tok.isWord("AS")) {
                hasAs = true;
            }
            depth += opening ? 1 : closing ? -1 : 0;
        }
        if (hasAs) {
            return 0;
        }
        int added = 0;
        for (int e = Math.min(ends.size(), fields.size()) - 1; e >= 0; e--) {
            String name = fields.get(e);
            if (name != null && !(ends.size() == 1 && t.at(t.next(open)).isSymbol(")"))) {
                t.insert(ends.get(e), Token.Kind.WORD, " AS `" + name + "`");
                added++;
            }
        }
        return added;
    }

    /**
     * Array literals of tuples, {@code [(1, 'a'), (2, 'b')]} (BigQuery's anonymous STRUCTs), become
     * {@code [STRUCT(1, 'a'), ...]}. In a typed {@code ARRAY<STRUCT<k T, v T>>[...]} the tuple takes
     * the struct type, {@code STRUCT<k T, v T>(...)}, so the field names reach the AST.
     */
    private void structifyTuplesInArrays() {
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isSymbol("[") || isSubscript(i)) {
                continue;
            }
            int close = t.matching(i);
            if (close < 0) {
                continue;
            }
            String structType = typedArrayStructType(i);
            int k = t.next(i);
            while (k < close) {
                if (t.get(k).isSymbol("(")) {
                    int end = t.matching(k);
                    if (end < 0) {
                        break;
                    }
                    if (depthOneSymbol(k, end, ",") >= 0 || structType != null) {
                        t.insert(k, Token.Kind.WORD, structType != null ? structType : "STRUCT");
                        close = t.matching(i);
                        end = t.matching(k + 1);
                        applied("array-of-tuples");
                    }
                    k = end;
                }
                // skip to the next depth-1 comma
                int depth = 0;
                while (k < close) {
                    Token tok = t.get(k);
                    if (tok.isSymbol("(") || tok.isSymbol("[")) {
                        depth++;
                    } else if (tok.isSymbol(")") || tok.isSymbol("]")) {
                        depth--;
                    } else if (depth == 0 && tok.isSymbol(",")) {
                        break;
                    }
                    k++;
                }
                k = t.next(k);
            }
        }
    }

    /** A {@code [} right after an expression indexes it; anywhere else it opens an array literal. */
    private boolean isSubscript(int bracket) {
        Token before = t.at(t.previous(bracket));
        if (before.kind() == Token.Kind.QUOTED_IDENTIFIER || before.isSymbol(")") || before.isSymbol("]")) {
            return true;
        }
        if (before.kind() != Token.Kind.WORD) {
            return false;
        }
        String w = before.text().toUpperCase(Locale.ROOT);
        return !Set.of("SELECT", "IN", "THEN", "ELSE", "WHEN", "AND", "OR", "NOT", "RETURN", "ARRAY", "UNNEST",
                "DEFAULT", "BY", "AS", "IS", "LIKE", "ON", "WHERE", "HAVING").contains(w);
    }

    /** For {@code ARRAY<STRUCT<...>>[}, the text {@code STRUCT<...>}; otherwise null. */
    private String typedArrayStructType(int bracket) {
        int gt = t.previous(bracket);
        if (!(t.at(gt).isSymbol(">") || t.at(gt).isSymbol(">>"))) {
            return null;
        }
        for (int k = gt; k >= 0; k--) {
            if (t.get(k).isWord("ARRAY") && t.at(t.next(k)).isSymbol("<")) {
                int structWord = t.next(t.next(k));
                if (!t.at(structWord).isWord("STRUCT")) {
                    return null;
                }
                String text = t.text(structWord, gt + 1).trim();
                // drop the ARRAY's own closing '>' (possibly fused as '>>')
                return text.endsWith(">>") ? text.substring(0, text.length() - 1) : text.substring(0, text.length() - 1).trim();
            }
            if (t.get(k).isSymbol(";") || t.get(k).isSymbol("[")) {
                return null;
            }
        }
        return null;
    }

    /**
     * {@code UNNEST(x) [AS] a WITH OFFSET [AS] o} becomes {@code UNNEST(x) AS cl_unnest__a__offset__o}:
     * JSqlParser has no WITH OFFSET, and the alias carries both names to the resolver.
     */
    private void encodeUnnestOffsets() {
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("UNNEST") || !t.at(t.next(i)).isSymbol("(")) {
                continue;
            }
            int close = t.matching(t.next(i));
            if (close < 0) {
                continue;
            }
            int k = t.next(close);
            String alias = "";
            if (t.at(k).isWord("AS")) {
                k = t.next(k);
            }
            if (isIdentifier(t.at(k)) && !t.at(k).isWord("WITH")) {
                alias = unquote(t.at(k).text());
                k = t.next(k);
            }
            if (!t.at(k).isWord("WITH") || !t.at(t.next(k)).isWord("OFFSET")) {
                continue;
            }
            int end = t.next(k) + 1;
            String offset = "offset";
            int o = t.next(t.next(k));
            if (t.at(o).isWord("AS")) {
                o = t.next(o);
            }
            if (isIdentifier(t.at(o)) && !isClauseKeyword(t.at(o))) {
                offset = unquote(t.at(o).text());
                end = o + 1;
            }
            t.remove(close + 1, end);
            t.insert(close + 1, Token.Kind.WORD, " AS " + UNNEST_ALIAS_PREFIX + alias + UNNEST_OFFSET_SEPARATOR + offset);
            applied("unnest-with-offset");
        }
    }

    /**
     * {@code WINDOW w AS (...)} definitions are inlined into every {@code OVER w} and
     * {@code OVER (w ...)}: JSqlParser cannot refine a named window.
     */
    private void inlineNamedWindows() {
        Map<String, String> windows = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("WINDOW") || !isIdentifier(t.at(t.next(i))) || !t.at(t.next(t.next(i))).isWord("AS")) {
                continue;
            }
            int clauseStart = i;
            int k = i;
            int end = i;
            while (true) {
                int name = t.next(k);
                int as = t.next(name);
                int open = t.next(as);
                if (!isIdentifier(t.at(name)) || !t.at(as).isWord("AS") || !t.at(open).isSymbol("(")) {
                    break;
                }
                int close = t.matching(open);
                if (close < 0) {
                    break;
                }
                // WINDOW w1 AS (PARTITION BY a), w2 AS (w1 ORDER BY b): w2 refines w1
                String definition = t.text(open + 1, close);
                int base = t.next(open);
                if (base < close && isIdentifier(t.get(base))
                        && windows.containsKey(unquote(t.get(base).text()).toLowerCase(Locale.ROOT))) {
                    definition = windows.get(unquote(t.get(base).text()).toLowerCase(Locale.ROOT)) + " " + t.text(base + 1, close);
                }
                windows.put(unquote(t.get(name).text()).toLowerCase(Locale.ROOT), definition);
                end = close + 1;
                k = t.next(close);
                if (!t.at(k).isSymbol(",")) {
                    break;
                }
            }
            if (end > clauseStart) {
                t.remove(clauseStart, end);
                applied("named-window");
            }
        }
        if (windows.isEmpty()) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("OVER")) {
                continue;
            }
            int k = t.next(i);
            if (isIdentifier(t.at(k))) {
                String def = windows.get(unquote(t.get(k).text()).toLowerCase(Locale.ROOT));
                if (def != null) {
                    t.replace(k, Token.Kind.WORD, "(" + def + ")");
                }
            } else if (t.at(k).isSymbol("(")) {
                int name = t.next(k);
                if (isIdentifier(t.at(name)) && !isClauseKeyword(t.at(name))) {
                    String def = windows.get(unquote(t.get(name).text()).toLowerCase(Locale.ROOT));
                    if (def != null) {
                        t.replace(name, Token.Kind.WORD, def);
                    }
                }
            }
        }
    }

    /**
     * {@code (expr).* [EXCEPT (...)] [REPLACE (...)]} becomes the select item
     * {@code expr AS cl_struct_star_N}, with the modifiers kept in {@link RewriteFacts}.
     */
    private void extractStructStars() {
        for (int i = 0; i < t.size(); i++) {
            Token last = t.get(i);
            if (!(last.isSymbol(")") || last.isSymbol("]") || last.isWord("END"))
                    || !t.at(i + 1).isSymbol(".") || !t.at(i + 2).isSymbol("*")) {
                continue;
            }
            int start = postfixExpressionStart(i);
            if (start < 0) {
                continue;
            }
            String expr = t.text(start, i + 1);
            List<String> except = new ArrayList<>();
            Map<String, String> replace = new LinkedHashMap<>();
            int end = i + 3;
            int k = t.next(i + 2);
            while (t.at(k).isWord("EXCEPT") || t.at(k).isWord("REPLACE")) {
                boolean isExcept = t.get(k).isWord("EXCEPT");
                int lp = t.next(k);
                if (!t.at(lp).isSymbol("(")) {
                    break;
                }
                int rp = t.matching(lp);
                if (rp < 0) {
                    break;
                }
                for (String item : splitDepthZero(lp + 1, rp)) {
                    if (isExcept) {
                        except.add(unquote(item.trim()));
                    } else {
                        int as = lastDepthZeroAs(item);
                        if (as > 0) {
                            replace.put(unquote(item.substring(as + 2).trim()), item.substring(0, as).trim());
                        }
                    }
                }
                end = rp + 1;
                k = t.next(rp);
            }
            String name = STRUCT_STAR_PREFIX + structStars.size();
            structStars.put(name, new RewriteFacts.StructStar(except, replace));
            t.remove(start, end);
            t.insert(start, Token.Kind.WORD, expr + " AS " + name);
            applied("struct-star");
            i = start;
        }
    }

    /**
     * DDL clauses that carry no lineage and that JSqlParser does not know in BigQuery's form:
     * {@code OPTIONS(...)}, {@code PARTITION BY}/{@code CLUSTER BY} of a table,
     * {@code DEFAULT COLLATE}.
     */
    private void cleanDdlClauses() {
        int first = firstSignificant();
        if (first >= t.size() || !t.get(first).isWord("CREATE")) {
            return;
        }
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("OPTIONS") && t.at(t.next(i)).isSymbol("(")) {
                int close = t.matching(t.next(i));
                if (close > 0) {
                    t.remove(i, close + 1);
                    applied("ddl-options");
                }
            }
        }
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
            boolean clause = (tok.isWord("PARTITION") || tok.isWord("CLUSTER")) && t.at(t.next(i)).isWord("BY")
                    || tok.isWord("DEFAULT") && t.at(t.next(i)).isWord("COLLATE");
            if (depth != 0 || !clause) {
                continue;
            }
            int end = i + 1;
            int d = 0;
            while (end < t.size()) {
                Token e = t.get(end);
                d += e.isSymbol("(") ? 1 : e.isSymbol(")") ? -1 : 0;
                if (d == 0 && (e.isWord("AS") || e.isWord("CLUSTER") || e.isWord("OPTIONS"))) {
                    break;
                }
                end++;
            }
            t.remove(i, end);
            applied("ddl-partitioning");
            i--;
        }
    }

    /** BigQuery non-reserved words that JSqlParser reserves are back-quoted where they name a thing. */
    private void quoteKeywordIdentifiers() {
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind() != Token.Kind.WORD) {
                continue;
            }
            String w = tok.text().toLowerCase(Locale.ROOT);
            if (!QUOTABLE.contains(w) && !JSqlParserOnlyKeywords.contains(w)) {
                continue;
            }
            Token before = t.at(t.previous(i));
            Token after = t.at(t.next(i));
            boolean pathPart = before.isSymbol(".") || after.isSymbol(".") && !t.at(t.next(t.next(i))).isSymbol("*");
            boolean implicitAlias = (isIdentifier(before) && !isClauseKeyword(before) && !before.isWord("SELECT")
                    || before.isSymbol(")")) && !after.isSymbol(".");
            boolean asAlias = implicitAlias || before.isWord("AS") || before.isSymbol(",") || before.isWord("SELECT") || before.isWord("WITH")
                    || before.isSymbol("(") && !after.isSymbol("(");
            if (after.isSymbol("(") && !before.isSymbol(".")) {
                continue;
            }
            if (w.equals("window") && isIdentifier(after) && t.at(t.next(t.next(i))).isWord("AS")) {
                continue; // WINDOW w AS (...): the clause, not a column
            }
            if (pathPart || asAlias || isOperand(before, after)) {
                t.replace(i, Token.Kind.QUOTED_IDENTIFIER, "`" + tok.text() + "`");
                applied("keyword-identifier");
            }
        }
    }

    /**
     * Words JSqlParser accepts as a column in a select list but not in some other place where
     * BigQuery tables use them (measured on the corpus); the rest come from {@link JSqlParserOnlyKeywords}.
     */
    private static final Set<String> QUOTABLE = Set.of("map", "settings", "final", "sample", "window", "source",
            "target", "session", "sequence", "size", "exclude", "filter", "level", "zone", "top", "fn", "model",
            "hash", "dump", "signal", "enable", "disable", "open", "close", "prior", "connect",
            "percent", "unbounded", "lookup", "overlaps", "data", "keys", "key", "index", "unknown", "number", "uuid");

    private boolean isOperand(Token before, Token after) {
        boolean beforeOperator = before.kind() == Token.Kind.SYMBOL && !before.isSymbol(")") && !before.isSymbol("]");
        boolean afterOperator = after.kind() == Token.Kind.SYMBOL && !after.isSymbol("(");
        boolean afterClause = after.kind() == Token.Kind.WORD && isClauseKeyword(after);
        return beforeOperator && (afterOperator || afterClause || after.kind() == Token.Kind.WHITESPACE)
                || (before.isWord("BY") || before.isWord("WHERE") || before.isWord("ON") || before.isWord("AND")
                || before.isWord("OR") || before.isWord("WHEN") || before.isWord("THEN") || before.isWord("ELSE")
                || before.isWord("FROM") || before.isWord("JOIN") || before.isWord("NOT"))
                && (afterOperator || afterClause || after.text().isEmpty());
    }

    /** Start of the expression ending at {@code end}: a call, a subscript chain, or CASE ... END. */
    private int postfixExpressionStart(int end) {
        int k = end;
        while (k >= 0) {
            Token tok = t.get(k);
            if (tok.isWord("END")) {
                return matchingCase(k);
            }
            if (isIdentifier(tok) && !isClauseKeyword(tok)) {
                return dottedPathStart(k);
            }
            if (!tok.isSymbol(")") && !tok.isSymbol("]")) {
                return -1;
            }
            int open = t.opening(k);
            if (open < 0) {
                return -1;
            }
            int before = t.previous(open);
            if (t.get(open).isSymbol("[")) {
                k = before; // a subscript: the indexed expression comes before it
            } else if (before >= 0 && isIdentifier(t.get(before)) && !isClauseKeyword(t.get(before))) {
                return dottedPathStart(before); // a call: mozfun.stats.f(...)
            } else {
                return open; // a parenthesised expression
            }
        }
        return -1;
    }

    private int dottedPathStart(int k) {
        int start = k;
        while (start >= 2 && t.get(start - 1).isSymbol(".") && isIdentifier(t.get(start - 2))) {
            start -= 2;
        }
        return start;
    }

    private int matchingCase(int end) {
        int depth = 0;
        for (int k = end; k >= 0; k--) {
            if (t.get(k).isWord("END")) {
                depth++;
            } else if (t.get(k).isWord("CASE")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private int firstSignificant() {
        return t.next(-1);
    }

    private static boolean isIdentifier(Token tok) {
        return tok.isName();
    }

    private static final Set<String> CLAUSE_KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING",
            "QUALIFY", "LIMIT", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "JOIN", "LEFT", "RIGHT", "INNER", "FULL",
            "CROSS", "ON", "USING", "AS", "WITH", "PARTITION", "ROWS", "RANGE", "AND", "OR", "WHEN", "THEN",
            "ELSE", "END", "OVER", "IN", "IS", "NOT", "BY", "ASC", "DESC", "LIKE", "BETWEEN", "CASE");

    private static boolean isClauseKeyword(Token tok) {
        return tok.kind() == Token.Kind.WORD && CLAUSE_KEYWORDS.contains(tok.text().toUpperCase(Locale.ROOT));
    }

    static String unquote(String identifier) {
        String s = identifier.trim();
        return s.length() >= 2 && s.startsWith("`") && s.endsWith("`") ? s.substring(1, s.length() - 1) : s;
    }

    private int depthOneWord(int open, int close, String word) {
        int depth = 0;
        for (int k = open; k <= close; k++) {
            Token tok = t.get(k);
            depth += tok.isSymbol("(") || tok.isSymbol("[") ? 1 : tok.isSymbol(")") || tok.isSymbol("]") ? -1 : 0;
            if (depth == 1 && tok.isWord(word)) {
                return k;
            }
        }
        return -1;
    }

    private int depthOneSymbol(int open, int close, String symbol) {
        int depth = 0;
        for (int k = open; k <= close; k++) {
            Token tok = t.get(k);
            if (tok.isSymbol(symbol) && depth == 1) {
                return k;
            }
            depth += tok.isSymbol("(") || tok.isSymbol("[") ? 1 : tok.isSymbol(")") || tok.isSymbol("]") ? -1 : 0;
        }
        return -1;
    }

    private List<String> splitDepthZero(int from, int to) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int itemStart = from;
        for (int k = from; k < to; k++) {
            Token tok = t.get(k);
            depth += tok.isSymbol("(") || tok.isSymbol("[") ? 1 : tok.isSymbol(")") || tok.isSymbol("]") ? -1 : 0;
            if (depth == 0 && tok.isSymbol(",")) {
                items.add(t.text(itemStart, k));
                itemStart = k + 1;
            }
        }
        if (itemStart < to) {
            items.add(t.text(itemStart, to));
        }
        return items;
    }

    private static int lastDepthZeroAs(String item) {
        List<Token> toks = BigQueryLexer.tokenize(item);
        int depth = 0;
        int found = -1;
        for (Token tok : toks) {
            depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
            if (depth == 0 && tok.isWord("AS")) {
                found = tok.start();
            }
        }
        return found;
    }

    private RewrittenSql emit(String original) {
        StringBuilder sb = new StringBuilder();
        int[] rewritten = new int[t.size()];
        int[] origins = new int[t.size()];
        for (int i = 0; i < t.size(); i++) {
            rewritten[i] = sb.length();
            origins[i] = t.get(i).start();
            sb.append(t.get(i).text());
        }
        return new RewrittenSql(original, sb.toString(),
                new RewriteFacts(structStars, new ArrayList<>(applied)), new PositionMap(rewritten, origins, original));
    }
}
