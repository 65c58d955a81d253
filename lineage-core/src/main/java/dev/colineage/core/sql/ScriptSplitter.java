package dev.colineage.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a BigQuery script into statements at top-level semicolons and flattens its control flow
 * ({@code BEGIN ... END}, {@code IF ... THEN ... ELSE ... END IF}, loops, exception handlers). Every
 * branch is kept: lineage is what a script may do, whichever branch runs.
 */
public final class ScriptSplitter {

    /** Statements that only steer the script and move no data. */
    private static final Set<String> CONTROL_ONLY = Set.of("END", "BREAK", "LEAVE", "CONTINUE", "ITERATE", "RETURN",
            "UNTIL", "COMMIT", "ROLLBACK", "RAISE");

    private ScriptSplitter() {
    }

    public static List<ScriptStatement> split(String script) {
        List<Token> tokens = BigQueryLexer.tokenize(script);
        List<ScriptStatement> statements = new ArrayList<>();
        int depth = 0;
        int pieceStart = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                Token tok = tokens.get(i);
                depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
                if (!(tok.isSymbol(";") && depth <= 0)) {
                    continue;
                }
                depth = 0;
            }
            addPiece(script, tokens.subList(pieceStart, i), statements);
            pieceStart = i + 1;
        }
        return statements;
    }

    private static void addPiece(String script, List<Token> piece, List<ScriptStatement> out) {
        int k = stripControlPrefix(piece);
        while (k < piece.size() && piece.get(k).isTrivia()) {
            k++;
        }
        if (k >= piece.size()) {
            return;
        }
        Token first = piece.get(k);
        if (first.kind() == Token.Kind.WORD && CONTROL_ONLY.contains(first.text().toUpperCase(Locale.ROOT))) {
            return;
        }
        if (first.isWord("BEGIN") && isTransaction(piece, k)) {
            return;
        }
        int start = first.start();
        int endOffset = piece.get(piece.size() - 1).end();
        out.add(new ScriptStatement(out.size() + 1, script.substring(start, endOffset).strip(), start));
    }

    /** Index of the first token after any leading control-flow keywords of this piece. */
    private static int stripControlPrefix(List<Token> piece) {
        int k = 0;
        while (true) {
            k = skipTrivia(piece, k);
            if (k >= piece.size()) {
                return k;
            }
            Token tok = piece.get(k);
            if (tok.isWord("BEGIN") && !isTransaction(piece, k) || tok.isWord("ELSE") || tok.isWord("LOOP")
                    || tok.isWord("REPEAT")) {
                k++;
            } else if (tok.isWord("IF") && !isFunctionCall(piece, k) || tok.isWord("ELSEIF") || tok.isWord("WHILE")
                    || tok.isWord("EXCEPTION") || tok.isWord("FOR")) {
                int body = afterKeyword(piece, k, tok.isWord("WHILE") || tok.isWord("FOR") ? "DO" : "THEN");
                if (body < 0) {
                    return k;
                }
                k = body;
            } else {
                return k;
            }
        }
    }

    private static boolean isFunctionCall(List<Token> piece, int k) {
        int n = skipTrivia(piece, k + 1);
        return n < piece.size() && piece.get(n).isSymbol("(") && !hasTopLevelThen(piece, n);
    }

    /** {@code IF (a) THEN ...} is a statement even though IF is followed by a parenthesis. */
    private static boolean hasTopLevelThen(List<Token> piece, int from) {
        return afterKeyword(piece, from - 1, "THEN") > 0;
    }

    private static boolean isTransaction(List<Token> piece, int k) {
        int n = skipTrivia(piece, k + 1);
        return n >= piece.size() || piece.get(n).isWord("TRANSACTION") || piece.get(n).isWord("TRAN");
    }

    /** Index after the first {@code keyword} at depth 0 (CASE ... END pairs skipped), or -1. */
    private static int afterKeyword(List<Token> piece, int from, String keyword) {
        int depth = 0;
        int cases = 0;
        for (int i = from + 1; i < piece.size(); i++) {
            Token tok = piece.get(i);
            depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
            if (depth != 0) {
                continue;
            }
            if (tok.isWord("CASE")) {
                cases++;
            } else if (tok.isWord("END") && cases > 0) {
                cases--;
            } else if (cases == 0 && tok.isWord(keyword)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int skipTrivia(List<Token> piece, int k) {
        while (k < piece.size() && piece.get(k).isTrivia()) {
            k++;
        }
        return k;
    }
}
