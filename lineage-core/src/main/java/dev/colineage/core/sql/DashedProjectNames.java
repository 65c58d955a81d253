package dev.colineage.core.sql;

import java.util.Locale;
import java.util.Set;

/**
 * BigQuery accepts a project name with dashes unquoted where a table name is expected:
 * {@code FROM my-project.ds.t}, {@code INSERT INTO my-project.ds.t}. The lexer reads it as
 * {@code my - project}, which JSqlParser rejects; the dashed part becomes one back-quoted name.
 * Only where a table name must follow (after FROM, JOIN, INTO, UPDATE, TABLE, ...), written with no
 * space around the dashes and followed by a dot: elsewhere {@code a-b.c} is a subtraction.
 */
final class DashedProjectNames {

    private static final Set<String> BEFORE_TABLE_NAME = Set.of("FROM", "JOIN", "INTO", "UPDATE", "MERGE", "TABLE",
            "VIEW", "USING", "DELETE", "TRUNCATE", "CLONE", "COPY", "EXISTS", "FUNCTION", "PROCEDURE", "CALL", "SCHEMA");

    private DashedProjectNames() {
    }

    static boolean quote(TokenList t) {
        boolean changed = false;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).kind() != Token.Kind.WORD || !isDash(t, i + 1)) {
                continue;
            }
            Token before = t.at(t.previous(i));
            if (before.kind() != Token.Kind.WORD || !BEFORE_TABLE_NAME.contains(before.text().toUpperCase(Locale.ROOT))) {
                continue;
            }
            StringBuilder name = new StringBuilder(t.get(i).text());
            int end = i + 1;
            while (isDash(t, end) && isNamePart(t.at(end + 1)) && adjacent(t, end, end + 1)) {
                name.append('-').append(t.get(end + 1).text());
                end += 2;
            }
            // the lexer reads 'prod-123.ds' with the number's dot: keep the dot outside the name
            String text = name.toString();
            boolean dotInside = text.endsWith(".");
            if (end == i + 1 || !(dotInside || t.at(end).isSymbol("."))) {
                continue;
            }
            t.remove(i, end);
            t.insert(i, Token.Kind.QUOTED_IDENTIFIER, "`" + (dotInside ? text.substring(0, text.length() - 1) : text) + "`");
            if (dotInside) {
                t.insert(i + 1, Token.Kind.SYMBOL, ".");
            }
            changed = true;
        }
        return changed;
    }

    private static boolean isDash(TokenList t, int k) {
        return t.at(k).isSymbol("-") && adjacent(t, k - 1, k);
    }

    private static boolean isNamePart(Token tok) {
        return tok.kind() == Token.Kind.WORD || tok.kind() == Token.Kind.NUMBER;
    }

    private static boolean adjacent(TokenList t, int a, int b) {
        return a >= 0 && b < t.size() && t.get(a).end() == t.get(b).start();
    }
}
