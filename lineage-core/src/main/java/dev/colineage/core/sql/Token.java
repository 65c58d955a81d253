package dev.colineage.core.sql;

import java.util.Objects;

/**
 * One lexical token of BigQuery SQL, with its offset in the text it was read from.
 *
 * @param kind  what sort of token it is
 * @param text  the token exactly as written (quotes included)
 * @param start offset of the first character in the source text
 */
public record Token(Kind kind, String text, int start) {

    /** Token kinds; the rewriter only needs to tell these apart. */
    public enum Kind {
        WHITESPACE, COMMENT, WORD, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, SYMBOL
    }

    public Token {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(text, "text is null");
    }

    public int end() {
        return start + text.length();
    }

    /** True for whitespace and comments, which never change meaning. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }

    /** Case-insensitive keyword test; BigQuery keywords are case-insensitive. */
    public boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    /** A word or a back-quoted identifier: something that can name a table, column or function. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }
}
