package dev.colineage.core.bench;

import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic mutations of real SQL, the way broken, generated and hostile SQL looks: truncation,
 * token deletion / duplication / swap, unbalanced quotes and brackets, deep nesting, long operator
 * chains, huge IN lists and UNION chains, and bytes that were not valid text. The same seed and
 * statement give the same mutant on every machine.
 */
final class SqlMutator {

    /** The kinds of mutation, applied in turn so that every kind is well represented. */
    enum Kind {
        TRUNCATE, DELETE_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, UNBALANCED_QUOTE, UNBALANCED_BRACKET, DEEP_NESTING,
        OPERATOR_CHAIN, HUGE_IN_LIST, UNION_CHAIN, INVALID_BYTES
    }

    /** Deep enough to find recursion bugs, shallow enough that a statement parses within its time limit. */
    static final int NESTING = 300;
    static final int CHAIN = 3_000;
    static final int IN_LIST = 5_000;
    /** Copies of the statement in a UNION chain: up to 300, and about 40k characters in all. */
    static final int UNIONS = 300;

    private SqlMutator() {
    }

    static String mutate(String sql, Kind kind, SplittableRandom random) {
        List<Token> tokens = BigQueryLexer.tokenize(sql);
        List<Integer> significant = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isTrivia()) {
                significant.add(i);
            }
        }
        if (significant.size() < 2) {
            return sql + " (";
        }
        int at = significant.get(random.nextInt(significant.size()));
        int other = significant.get(random.nextInt(significant.size()));
        return switch (kind) {
            case TRUNCATE -> sql.substring(0, random.nextInt(Math.max(1, sql.length())));
            case DELETE_TOKEN -> join(tokens, at, "");
            case DUPLICATE_TOKEN -> join(tokens, at, tokens.get(at).text() + " " + tokens.get(at).text());
            case SWAP_TOKENS -> swap(tokens, at, other);
            case UNBALANCED_QUOTE -> insert(sql, random, new String[] {"'", "\"", "`", "'''", "/*", "r'\\"}[random.nextInt(6)]);
            case UNBALANCED_BRACKET -> insert(sql, random, new String[] {"(", ")", "[", "]", "((", "))"}[random.nextInt(6)]);
            case DEEP_NESTING -> join(tokens, at, "(".repeat(NESTING) + tokens.get(at).text() + ")".repeat(NESTING));
            case OPERATOR_CHAIN -> join(tokens, at, chain(tokens.get(at).text(), new String[] {" + ", " AND ", " || ", " OR "}[random.nextInt(4)]));
            case HUGE_IN_LIST -> sql.replaceFirst("(?i)\\bWHERE\\b",
                    java.util.regex.Matcher.quoteReplacement("WHERE " + inList(tokens.get(at).text()) + " AND "));
            case UNION_CHAIN -> unions(sql);
            case INVALID_BYTES -> insert(sql, random, new String[] {"\uFFFD", "\u0000", "\u0001\u001b", "\uD800", "\uDFFF\uD800",
                    "\u202E", "\u00FF\u00FE"}[random.nextInt(7)]);
        };
    }

    private static String join(List<Token> tokens, int at, String replacement) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            b.append(i == at ? replacement : tokens.get(i).text());
        }
        return b.toString();
    }

    private static String swap(List<Token> tokens, int a, int b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            out.append(tokens.get(i == a ? b : i == b ? a : i).text());
        }
        return out.toString();
    }

    private static String insert(String sql, SplittableRandom random, String text) {
        int at = random.nextInt(sql.length() + 1);
        return sql.substring(0, at) + text + sql.substring(at);
    }

    private static String chain(String operand, String operator) {
        return String.join(operator, java.util.Collections.nCopies(CHAIN, operand));
    }

    private static String inList(String operand) {
        StringBuilder b = new StringBuilder(operand).append(" IN (");
        for (int i = 0; i < IN_LIST; i++) {
            b.append(i == 0 ? "" : ", ").append(i);
        }
        return b.append(')').toString();
    }

    private static String unions(String sql) {
        String body = sql.strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        int copies = Math.max(2, Math.min(UNIONS, 40_000 / Math.max(1, body.length())));
        return String.join("\nUNION ALL\n", java.util.Collections.nCopies(copies, "(" + body + ")"));
    }
}
