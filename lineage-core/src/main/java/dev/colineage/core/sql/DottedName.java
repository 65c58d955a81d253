package dev.colineage.core.sql;

import java.util.List;

/**
 * A table name as written in a statement's significant tokens: names (words, back-quoted names, the
 * number parts of dashed projects) alternating with {@code .} or {@code -}. Reading stops at the first
 * token that does not alternate, so a name is never glued to the word after it ({@code `t` OPTIONS}).
 */
public final class DottedName {

    private DottedName() {
    }

    /** A name read, and the index of the first token after it. */
    public record Read(String name, int next) {
    }

    /** The name starting at {@code from}, as written; empty when there is none. */
    public static String read(List<Token> words, int from) {
        return readAt(words, from).name();
    }

    /** The name starting at {@code from} and where it ends. */
    public static Read readAt(List<Token> words, int from) {
        StringBuilder name = new StringBuilder();
        boolean expectName = true;
        int i = from;
        for (; i < words.size(); i++) {
            Token t = words.get(i);
            boolean fits = expectName ? t.isName() || t.kind() == Token.Kind.NUMBER : t.isSymbol(".") || t.isSymbol("-");
            if (!fits) {
                break;
            }
            name.append(t.text());
            expectName = !expectName;
        }
        return new Read(name.toString(), i);
    }
}
