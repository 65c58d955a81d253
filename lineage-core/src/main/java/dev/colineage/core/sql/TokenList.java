package dev.colineage.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutable token sequence with the navigation the rewrites need (skip trivia, match brackets).
 * Inserted tokens borrow the original offset of their neighbour so positions still map back.
 */
final class TokenList {

    private final List<Token> tokens;

    TokenList(List<Token> tokens) {
        this.tokens = new ArrayList<>(tokens);
    }

    int size() {
        return tokens.size();
    }

    Token get(int i) {
        return tokens.get(i);
    }

    List<Token> tokens() {
        return tokens;
    }

    /** Index of the next non-trivia token after {@code i}, or {@link #size()}. */
    int next(int i) {
        int k = i + 1;
        while (k < tokens.size() && tokens.get(k).isTrivia()) {
            k++;
        }
        return k;
    }

    /** Index of the previous non-trivia token before {@code i}, or -1. */
    int previous(int i) {
        int k = i - 1;
        while (k >= 0 && tokens.get(k).isTrivia()) {
            k--;
        }
        return k;
    }

    /** The token at {@code i}, or an empty trivia token past either end, so callers need no bounds checks. */
    Token at(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : new Token(Token.Kind.WHITESPACE, "", 0);
    }

    /** Index of the bracket closing the one at {@code open}, or -1 when unbalanced. */
    int matching(int open) {
        String o = tokens.get(open).text();
        String c = switch (o) {
            case "(" -> ")";
            case "[" -> "]";
            case "<" -> ">";
            default -> throw new IllegalArgumentException("not an opening bracket: " + o);
        };
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.kind() != Token.Kind.SYMBOL) {
                continue;
            }
            if (t.text().equals(o)) {
                depth++;
            } else if (t.text().equals(c)) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            } else if (o.equals("<") && t.text().equals(">>")) {
                depth -= 2;
                if (depth <= 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** Index of the bracket opening the one at {@code close}, or -1. */
    int opening(int close) {
        String c = tokens.get(close).text();
        String o = c.equals(")") ? "(" : "[";
        int depth = 0;
        for (int k = close; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.isSymbol(c)) {
                depth++;
            } else if (t.isSymbol(o)) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    void set(int i, Token token) {
        tokens.set(i, token);
    }

    void remove(int from, int toExclusive) {
        tokens.subList(from, toExclusive).clear();
    }

    void insert(int i, Token.Kind kind, String text) {
        int origin = i < tokens.size() ? tokens.get(i).start() : tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
        tokens.add(i, new Token(kind, text, origin));
    }

    /** Replaces token {@code i} by new text of the same origin. */
    void replace(int i, Token.Kind kind, String text) {
        tokens.set(i, new Token(kind, text, tokens.get(i).start()));
    }

    /** Text of tokens {@code from..toExclusive} as written. */
    String text(int from, int toExclusive) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < toExclusive; k++) {
            sb.append(tokens.get(k).text());
        }
        return sb.toString();
    }
}
