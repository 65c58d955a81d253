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
        ProcedureBody body = new ProcedureBody();
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                Token tok = tokens.get(i);
                depth += tok.isSymbol("(") ? 1 : tok.isSymbol(")") ? -1 : 0;
                body.see(tokens, i);
                if (!(tok.isSymbol(";") && depth <= 0) || body.open()) {
                    continue;
                }
                depth = 0;
            }
            body = new ProcedureBody();
            addPiece(script, tokens.subList(pieceStart, i), statements);
            pieceStart = i + 1;
        }
        return statements;
    }

    private static void addPiece(String script, List<Token> piece, List<ScriptStatement> out) {
        int k = stripControlPrefix(piece);
        loopVariables(script, piece, k, out);
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

    /**
     * {@code FOR rec IN (query) DO ...}: the loop variable is a row of the query, so before the body a
     * statement {@code SET rec = (SELECT AS STRUCT * FROM (query))} gives {@code rec.col} its lineage.
     */
    private static void loopVariables(String script, List<Token> piece, int bodyStart, List<ScriptStatement> out) {
        for (int k = 0; k < bodyStart; k++) {
            if (!piece.get(k).isWord("FOR")) {
                continue;
            }
            int name = skipTrivia(piece, k + 1);
            int in = skipTrivia(piece, name + 1);
            int open = skipTrivia(piece, in + 1);
            if (open >= bodyStart || !piece.get(in).isWord("IN") || !piece.get(open).isSymbol("(")) {
                continue;
            }
            int depth = 0;
            int close = -1;
            for (int c = open; c < bodyStart; c++) {
                depth += piece.get(c).isSymbol("(") ? 1 : piece.get(c).isSymbol(")") ? -1 : 0;
                if (depth == 0) {
                    close = c;
                    break;
                }
            }
            if (close < 0) {
                continue;
            }
            String query = script.substring(piece.get(open).start(), piece.get(close).end());
            out.add(new ScriptStatement(out.size() + 1, "SET " + piece.get(name).text() + " = (SELECT AS STRUCT * FROM "
                    + query + ")", piece.get(k).start()));
        }
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

    /**
     * {@code CREATE PROCEDURE p() BEGIN ...; ...; END}: the body's semicolons do not end the
     * statement. Tracks the BEGIN ... END nesting of a piece that starts as a procedure definition.
     */
    private static final class ProcedureBody {
        private int significant;
        private boolean create;
        private boolean procedure;
        private int blocks;
        private boolean begun;

        void see(List<Token> tokens, int i) {
            Token tok = tokens.get(i);
            if (tok.isTrivia()) {
                return;
            }
            significant++;
            if (significant == 1) {
                create = tok.isWord("CREATE");
                return;
            }
            if (create && !procedure && significant <= 6 && tok.isWord("PROCEDURE")) {
                procedure = true;
                return;
            }
            if (!procedure) {
                return;
            }
            if (tok.isWord("BEGIN") || tok.isWord("CASE")) {
                blocks++;
                begun = true;
            } else if (tok.isWord("END") && !closesOtherBlock(tokens, i)) {
                blocks--;
            }
        }

        /** {@code END IF}, {@code END LOOP}, ...: not the end of a BEGIN block. */
        private static boolean closesOtherBlock(List<Token> tokens, int i) {
            int n = skipTrivia(tokens, i + 1);
            if (n >= tokens.size()) {
                return false;
            }
            Token next = tokens.get(n);
            return next.isWord("IF") || next.isWord("LOOP") || next.isWord("WHILE") || next.isWord("FOR")
                    || next.isWord("REPEAT");
        }

        boolean open() {
            return procedure && (!begun || blocks > 0);
        }
    }

    private static int skipTrivia(List<Token> piece, int k) {
        while (k < piece.size() && piece.get(k).isTrivia()) {
            k++;
        }
        return k;
    }
}
