package dev.colineage.core.resolve;

import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the script statements that the analyzer handles itself rather than through the SQL
 * parser: variable declarations and assignments, temporary functions, and statements that move no
 * data between columns.
 */
final class ScriptDirectives {

    /** Statements that move no column data: nothing to resolve, nothing lost. */
    private static final Set<String> NO_LINEAGE = Set.of("ASSERT", "DROP", "TRUNCATE", "ALTER", "GRANT",
            "REVOKE", "COMMIT", "ROLLBACK", "RAISE", "RETURN", "DELETE", "BEGIN", "LOAD", "EXPORT");

    private static final Set<String> HASHES = Set.of("sha256", "sha512", "sha1", "md5", "farm_fingerprint");

    /** What kind of statement this is, from its first words. */
    enum Kind { TEMP_FUNCTION, TABLE_FUNCTION, TABLE_COPY, PROCEDURE, CALL, DECLARE, SET, NO_LINEAGE, DYNAMIC_SQL,
        STATIC_EXECUTE, SQL }

    private ScriptDirectives() {
    }

    static Kind kindOf(List<Token> words) {
        if (words.isEmpty()) {
            return Kind.NO_LINEAGE;
        }
        String first = words.get(0).text().toUpperCase(Locale.ROOT);
        if (first.equals("CREATE") && isTableFunction(words)) {
            return Kind.TABLE_FUNCTION;
        }
        if (first.equals("CREATE") && isProcedure(words)) {
            return Kind.PROCEDURE;
        }
        if (first.equals("EXECUTE") && staticSql(words).isPresent()) {
            return Kind.STATIC_EXECUTE;
        }
        if (first.equals("CREATE") && isFunction(words)) {
            return Kind.TEMP_FUNCTION;
        }
        if (first.equals("CREATE") && tableCopy(words).isPresent()) {
            return Kind.TABLE_COPY;
        }
        return switch (first) {
            case "DECLARE" -> Kind.DECLARE;
            case "SET" -> Kind.SET;
            case "CALL" -> Kind.CALL;
            case "EXECUTE" -> Kind.DYNAMIC_SQL;
            default -> NO_LINEAGE.contains(first) ? Kind.NO_LINEAGE : Kind.SQL;
        };
    }

    /** The significant tokens of a statement. */
    static List<Token> significant(String text) {
        List<Token> out = new ArrayList<>();
        for (Token t : BigQueryLexer.tokenize(text)) {
            if (!t.isTrivia()) {
                out.add(t);
            }
        }
        return out;
    }

    /** {@code DROP [SNAPSHOT] TABLE [IF EXISTS] name}: the name as written. */
    static Optional<String> droppedTable(String text) {
        return dropped(text, false);
    }

    /**
     * {@code DROP [SNAPSHOT | EXTERNAL | MATERIALIZED] TABLE | VIEW [IF EXISTS] name}: the name as written, for
     * the lineage's lifetime (the relation and what flows into and out of it end there).
     */
    static Optional<String> droppedRelation(String text) {
        return dropped(text, true);
    }

    private static Optional<String> dropped(String text, boolean anyRelation) {
        if (text.length() < 4 || !text.regionMatches(true, 0, "DROP", 0, 4)) {
            return Optional.empty();
        }
        List<Token> words = significant(text.length() > 400 ? text.substring(0, 400) : text);
        int i = 1;
        if (i < words.size() && (words.get(i).isWord("SNAPSHOT")
                || anyRelation && (words.get(i).isWord("EXTERNAL") || words.get(i).isWord("MATERIALIZED")))) {
            i++;
        }
        if (i >= words.size() || !(words.get(i).isWord("TABLE") || anyRelation && words.get(i).isWord("VIEW"))) {
            return Optional.empty();
        }
        i++;
        if (i + 2 < words.size() && words.get(i).isWord("IF") && words.get(i + 1).isWord("EXISTS")) {
            i += 2;
        }
        String name = dev.colineage.core.sql.DottedName.read(words, i);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static boolean isProcedure(List<Token> words) {
        for (int i = 1; i < Math.min(words.size(), 6); i++) {
            if (words.get(i).isWord("PROCEDURE")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code EXECUTE IMMEDIATE 'literal SQL' [INTO ...] [USING ...]}: the SQL is fixed, so it is
     * analysed like any statement; only SQL built at run time (a variable, a concatenation) is dynamic.
     */
    static Optional<String> staticSql(List<Token> words) {
        if (words.size() < 3 || !words.get(1).isWord("IMMEDIATE") || words.get(2).kind() != Token.Kind.STRING) {
            return Optional.empty();
        }
        if (words.size() > 3 && !words.get(3).isWord("INTO") && !words.get(3).isWord("USING")) {
            return Optional.empty();
        }
        return Optional.of(stringValue(words.get(2).text()));
    }

    /** The value of a BigQuery string literal: quotes removed, escapes resolved unless raw. */
    static String stringValue(String literal) {
        int q = 0;
        while (q < literal.length() && literal.charAt(q) != '\'' && literal.charAt(q) != '"') {
            q++;
        }
        boolean raw = literal.substring(0, q).toLowerCase(Locale.ROOT).contains("r");
        String quoted = literal.substring(q);
        int n = quoted.startsWith("\'\'\'") || quoted.startsWith("\"\"\"") ? 3 : 1;
        String body = quoted.length() >= 2 * n ? quoted.substring(n, quoted.length() - n) : "";
        return raw ? body : body.replaceAll("\\\\(.)", "$1");
    }

    /** {@code CREATE [OR REPLACE] [TEMP] PROCEDURE [IF NOT EXISTS] name([IN|OUT|INOUT] p T, ...) ... BEGIN body END}. */
    static Optional<Procedure> procedure(String text, List<Token> tokens) {
        RoutineHead head = routineHead(tokens, "PROCEDURE");
        String name = head.name();
        int i = head.open();
        DeclaredParameters declared = declaredParameters(tokens, i);
        List<Procedure.Parameter> parameters = declared.parameters();
        i = declared.close();
        int begin = -1;
        for (int k = i + 1; k < tokens.size(); k++) {
            if (tokens.get(k).isWord("BEGIN")) {
                begin = k;
                break;
            }
        }
        int end = tokens.size() - 1;
        if (begin < 0 || !tokens.get(end).isWord("END") || end <= begin) {
            return Optional.empty();
        }
        String body = text.substring(tokens.get(begin).end(), tokens.get(end).start());
        return Optional.of(new Procedure(name, parameters, body));
    }

    /** A routine's name (back-quotes removed) and the index of the parenthesis opening its parameters. */
    private record RoutineHead(String name, int open) {
    }

    /** {@code CREATE ... KEYWORD [IF NOT EXISTS] name(}: the name after the keyword, up to the parenthesis. */
    private static RoutineHead routineHead(List<Token> tokens, String keyword) {
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).isWord(keyword)) {
            i++;
        }
        i++;
        if (i < tokens.size() && tokens.get(i).isWord("IF")) {
            i += 3;
        }
        StringBuilder name = new StringBuilder();
        while (i < tokens.size() && !tokens.get(i).isSymbol("(")) {
            name.append(tokens.get(i).text().replace("`", ""));
            i++;
        }
        return new RoutineHead(name.toString(), i);
    }

    /**
     * {@code CREATE [OR REPLACE] TABLE FUNCTION [IF NOT EXISTS] name(p T, ...) [RETURNS TABLE<...>] AS
     * (query)}: the name, the parameters and the query's text.
     */
    static Optional<TableValuedFunction> tableFunction(String text, List<Token> tokens) {
        RoutineHead head = routineHead(tokens, "FUNCTION");
        String name = head.name();
        int i = head.open();
        if (i >= tokens.size() || name.isEmpty()) {
            return Optional.empty();
        }
        DeclaredParameters declared = declaredParameters(tokens, i);
        int depth = 0;
        for (int k = declared.close() + 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("<") || t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(">") || t.isSymbol(")")) {
                depth--;
            } else if (t.isSymbol(">>")) {
                depth -= 2;
            } else if (depth <= 0 && t.isWord("AS")) {
                String body = text.substring(t.end()).strip();
                while (body.endsWith(";")) {
                    body = body.substring(0, body.length() - 1).strip();
                }
                if (body.startsWith("(") && body.endsWith(")") && wrapsWhole(body)) {
                    body = body.substring(1, body.length() - 1).strip();
                }
                return body.isEmpty() ? Optional.empty() : Optional.of(new TableValuedFunction(name,
                        declared.parameters().stream().map(Procedure.Parameter::name).toList(), body));
            }
        }
        return Optional.empty();
    }

    /** Whether the parenthesis opening {@code text} is closed by its last character (not "(a) UNION (b)"). */
    private static boolean wrapsWhole(String text) {
        List<Token> tokens = significant(text);
        int depth = 0;
        for (int k = 0; k < tokens.size(); k++) {
            if (tokens.get(k).isSymbol("(")) {
                depth++;
            } else if (tokens.get(k).isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    return k == tokens.size() - 1;
                }
            }
        }
        return false;
    }

    /** {@code CALL name(arg, ...)}: the name and each argument's text. */
    static Optional<Call> call(String text, List<Token> tokens) {
        int i = 1;
        StringBuilder name = new StringBuilder();
        while (i < tokens.size() && !tokens.get(i).isSymbol("(")) {
            name.append(tokens.get(i).text().replace("`", ""));
            i++;
        }
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        int depth = 0;
        int start = tokens.get(i).end();
        for (int k = i + 1; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.isSymbol("(") || t.isSymbol("[")) {
                depth++;
            } else if ((t.isSymbol(")") || t.isSymbol("]")) && depth > 0) {
                depth--;
            } else if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                String argument = text.substring(start, t.start()).strip();
                if (!argument.isEmpty()) {
                    arguments.add(argument);
                }
                start = t.end();
                if (t.isSymbol(")")) {
                    break;
                }
            }
        }
        return Optional.of(new Call(name.toString(), arguments));
    }

    /** A procedure call: the procedure's name and its arguments' text. */
    record Call(String name, List<String> arguments) {
        Call {
            arguments = List.copyOf(arguments);
        }
    }

    private static boolean isTableFunction(List<Token> words) {
        for (int i = 1; i + 1 < Math.min(words.size(), 6); i++) {
            if (words.get(i).isWord("TABLE") && words.get(i + 1).isWord("FUNCTION")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code CREATE [OR REPLACE] [SNAPSHOT] TABLE [IF NOT EXISTS] target CLONE|COPY source}: the
     * written names of target and source.
     */
    static Optional<List<String>> tableCopy(List<Token> words) {
        int i = 1;
        while (i < words.size() && !words.get(i).isWord("TABLE")) {
            if (!(words.get(i).isWord("OR") || words.get(i).isWord("REPLACE") || words.get(i).isWord("SNAPSHOT"))) {
                return Optional.empty();
            }
            i++;
        }
        i++;
        if (i + 2 < words.size() && words.get(i).isWord("IF")) {
            i += 3;
        }
        // the target is a dotted name, and CLONE/COPY must follow it at once: a table may be named `copy`
        StringBuilder target = new StringBuilder();
        while (i < words.size()) {
            target.append(words.get(i).text());
            i++;
            if (i + 1 < words.size() && words.get(i).isSymbol(".")) {
                target.append('.');
                i++;
            } else {
                break;
            }
        }
        if (i + 1 >= words.size() || target.length() == 0 || !(words.get(i).isWord("CLONE") || words.get(i).isWord("COPY"))) {
            return Optional.empty();
        }
        StringBuilder source = new StringBuilder();
        for (int k = i + 1; k < words.size() && !words.get(k).isWord("FOR") && !words.get(k).isWord("OPTIONS"); k++) {
            source.append(words.get(k).text());
        }
        return Optional.of(List.of(target.toString(), source.toString()));
    }

    private static boolean isFunction(List<Token> words) {
        for (int i = 1; i < Math.min(words.size(), 6); i++) {
            if (words.get(i).isWord("FUNCTION")) {
                return true;
            }
            if (words.get(i).isWord("TABLE") || words.get(i).isWord("VIEW") || words.get(i).isSymbol("(")) {
                return false;
            }
        }
        return false;
    }

    /** {@code CREATE [OR REPLACE] TEMP FUNCTION name(p T, ...) ... AS body}. */
    static Optional<UserFunction> tempFunction(List<Token> tokens) {
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).isWord("FUNCTION")) {
            i++;
        }
        i++;
        if (i < tokens.size() && tokens.get(i).isWord("IF")) {
            i += 3; // IF NOT EXISTS
        }
        if (i >= tokens.size()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(tokens.get(i).text().replace("`", ""));
        i++;
        while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".")) {
            name.append('.').append(tokens.get(i + 1).text().replace("`", ""));
            i += 2;
        }
        if (i >= tokens.size() || !tokens.get(i).isSymbol("(")) {
            return Optional.empty();
        }
        DeclaredParameters declared = declaredParameters(tokens, i);
        List<String> params = declared.parameters().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
        i = declared.close();
        List<Boolean> used = new ArrayList<>();
        boolean masking = false;
        List<Token> body = tokens.subList(Math.min(i + 1, tokens.size()), tokens.size());
        for (String p : params) {
            used.add(body.stream().anyMatch(t -> mentions(t, p)));
        }
        for (Token t : body) {
            masking |= t.kind() == Token.Kind.WORD && HASHES.contains(t.text().toLowerCase(Locale.ROOT));
        }
        return Optional.of(new UserFunction(name.toString(), used, masking));
    }

    /** The parameters declared between the parenthesis at {@code open} and its match, and that match's index. */
    private record DeclaredParameters(List<Procedure.Parameter> parameters, int close) {
    }

    /** {@code ([IN|OUT|INOUT] name TYPE, ...)}: types may nest ({@code ARRAY<STRUCT<a INT64>>}). */
    private static DeclaredParameters declaredParameters(List<Token> tokens, int open) {
        List<Procedure.Parameter> parameters = new ArrayList<>();
        int depth = 0;
        boolean expectName = true;
        Procedure.Mode mode = Procedure.Mode.IN;
        int i;
        for (i = open + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") || t.isSymbol("<")) {
                depth++;
            } else if (t.isSymbol(">")) {
                depth--;
            } else if (t.isSymbol(">>")) {
                depth -= 2;
            } else if (t.isSymbol(")")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && t.isSymbol(",")) {
                expectName = true;
                mode = Procedure.Mode.IN;
            } else if (depth == 0 && expectName && (t.isWord("IN") || t.isWord("OUT") || t.isWord("INOUT"))) {
                mode = Procedure.Mode.valueOf(t.text().toUpperCase(Locale.ROOT));
            } else if (depth == 0 && expectName) {
                parameters.add(new Procedure.Parameter(mode, t.text().replace("`", "")));
                expectName = false;
            }
        }
        return new DeclaredParameters(parameters, i);
    }

    /** A JavaScript body is one string literal: look inside it for the parameter's name too. */
    private static boolean mentions(Token t, String param) {
        if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER) {
            return t.text().replace("`", "").equalsIgnoreCase(param);
        }
        return t.kind() == Token.Kind.STRING && t.text().matches("(?s).*\\b" + java.util.regex.Pattern.quote(param) + "\\b.*");
    }

    /** Names declared by {@code DECLARE a, b [type] [DEFAULT expr]} and the default's text, if any. */
    static Assignment declare(String text, List<Token> tokens) {
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < tokens.size()) {
            names.add(tokens.get(i).text().replace("`", ""));
            if (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(",")) {
                i += 2;
            } else {
                break;
            }
        }
        for (Token t : tokens) {
            if (t.isWord("DEFAULT")) {
                return new Assignment(names, Optional.of(text.substring(t.end()).strip()));
            }
        }
        return new Assignment(names, Optional.empty());
    }

    /** {@code SET x = expr} or {@code SET (a, b) = (query)}. */
    static Assignment set(String text, List<Token> tokens) {
        List<String> names = new ArrayList<>();
        int eq = -1;
        for (int i = 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("=")) {
                eq = i;
                break;
            }
            if (t.kind() == Token.Kind.WORD || t.kind() == Token.Kind.QUOTED_IDENTIFIER) {
                names.add(t.text().replace("`", ""));
            }
        }
        if (eq < 0) {
            return new Assignment(names, Optional.empty());
        }
        return new Assignment(names, Optional.of(text.substring(tokens.get(eq).end()).strip()));
    }

    /** Variables and the expression text assigned to them. */
    record Assignment(List<String> names, Optional<String> expression) {
        Assignment {
            names = List.copyOf(names);
        }
    }
}
