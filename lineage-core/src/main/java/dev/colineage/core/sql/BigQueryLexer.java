package dev.colineage.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits BigQuery SQL into tokens. It knows BigQuery's lexical rules that generic SQL parsers miss:
 * backtick identifiers with dashes and dots, raw/bytes/triple-quoted strings, {@code #} comments,
 * {@code @param} and {@code @@system} variables. It never fails: an unterminated literal or comment
 * simply runs to the end of the text, and the parser reports it.
 */
public final class BigQueryLexer {

    private static final String[] MULTI_CHAR_SYMBOLS = {"<=>", ">=", "<=", "<>", "!=", "||", "=>", "<<", ">>", "::"};

    private BigQueryLexer() {
    }

    public static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            Token.Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.WHITESPACE;
            } else if (c == '-' && next(sql, i) == '-' || c == '#') {
                i = lineEnd(sql, i);
                kind = Token.Kind.COMMENT;
            } else if (c == '/' && next(sql, i) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                kind = Token.Kind.COMMENT;
            } else if (c == '`') {
                i = quotedEnd(sql, i, '`', false);
                kind = Token.Kind.QUOTED_IDENTIFIER;
            } else if (c == '\'' || c == '"') {
                i = stringEnd(sql, i, false);
                kind = Token.Kind.STRING;
            } else if (isStringPrefix(sql, i)) {
                int quote = i;
                while (sql.charAt(quote) != '\'' && sql.charAt(quote) != '"') {
                    quote++;
                }
                boolean raw = sql.substring(i, quote).toLowerCase().contains("r");
                i = stringEnd(sql, quote, raw);
                kind = Token.Kind.STRING;
            } else if (Character.isDigit(c) || c == '.' && Character.isDigit(next(sql, i)) && !afterWordOrBracket(tokens)) {
                i = numberEnd(sql, i);
                kind = Token.Kind.NUMBER;
            } else if (isWordStart(c)) {
                while (i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.WORD;
            } else if (c == '@' || c == '?') {
                i++;
                if (c == '@' && i < n && sql.charAt(i) == '@') {
                    i++;
                }
                while (c == '@' && i < n && isWordPart(sql.charAt(i))) {
                    i++;
                }
                kind = Token.Kind.PARAMETER;
            } else {
                i += symbolLength(sql, i);
                kind = Token.Kind.SYMBOL;
            }
            tokens.add(new Token(kind, sql.substring(start, i), start));
        }
        return tokens;
    }

    /**
     * The string literal, quoted identifier or block comment that {@code sql} leaves open, if any: the
     * lexer runs such a token to the end of the text, so it is the one that still grows when a line
     * break is appended (a closed token does not).
     */
    public static java.util.Optional<Token> unterminated(String sql) {
        for (Token t : tokenize(sql + "\n")) {
            if (t.end() > sql.length() && (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.QUOTED_IDENTIFIER
                    || t.kind() == Token.Kind.COMMENT && t.text().startsWith("/*"))) {
                return java.util.Optional.of(new Token(t.kind(), t.text().substring(0, t.text().length() - 1), t.start()));
            }
        }
        return java.util.Optional.empty();
    }

    private static char next(String s, int i) {
        return i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    }

    private static int lineEnd(String s, int i) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A dot right after an identifier or a bracket is a path separator, not the start of {@code .5}. */
    private static boolean afterWordOrBracket(List<Token> tokens) {
        for (int k = tokens.size() - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.isTrivia()) {
                return false;
            }
            return t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER
                    || t.isSymbol(")") || t.isSymbol("]");
        }
        return false;
    }

    /** r'..', b"..", rb'..', br"..", case-insensitive. */
    private static boolean isStringPrefix(String s, int i) {
        int k = i;
        while (k < s.length() && k - i < 2 && "rRbB".indexOf(s.charAt(k)) >= 0) {
            k++;
        }
        if (k == i || k >= s.length() || s.charAt(k) != '\'' && s.charAt(k) != '"') {
            return false;
        }
        String prefix = s.substring(i, k).toLowerCase();
        return prefix.equals("r") || prefix.equals("b") || prefix.equals("rb") || prefix.equals("br");
    }

    /** End offset (exclusive) of a string literal starting with the quote at {@code i}. */
    private static int stringEnd(String s, int i, boolean raw) {
        char q = s.charAt(i);
        String triple = String.valueOf(q).repeat(3);
        if (s.startsWith(triple, i)) {
            int k = i + 3;
            while (k < s.length()) {
                if (!raw && s.charAt(k) == '\\') {
                    k += 2;
                    continue;
                }
                if (s.startsWith(triple, k)) {
                    return k + 3;
                }
                k++;
            }
            return s.length();
        }
        return quotedEnd(s, i, q, !raw);
    }

    private static int quotedEnd(String s, int i, char q, boolean backslashEscapes) {
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\\' && (backslashEscapes || q == '`')) {
                k += 2;
                continue;
            }
            if (c == q) {
                return k + 1;
            }
            k++;
        }
        return s.length();
    }

    private static int numberEnd(String s, int i) {
        int k = i;
        if (s.startsWith("0x", k) || s.startsWith("0X", k)) {
            k += 2;
            while (k < s.length() && Character.digit(s.charAt(k), 16) >= 0) {
                k++;
            }
            return k;
        }
        while (k < s.length() && (Character.isDigit(s.charAt(k)) || s.charAt(k) == '.')) {
            k++;
        }
        if (k < s.length() && (s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
            int e = k + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < s.length() && Character.isDigit(s.charAt(e))) {
                k = e;
                while (k < s.length() && Character.isDigit(s.charAt(k))) {
                    k++;
                }
            }
        }
        return k;
    }

    private static int symbolLength(String s, int i) {
        for (String m : MULTI_CHAR_SYMBOLS) {
            if (s.startsWith(m, i)) {
                return m.length();
            }
        }
        return 1;
    }
}
