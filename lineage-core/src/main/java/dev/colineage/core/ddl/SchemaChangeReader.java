package dev.colineage.core.ddl;

import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.DottedName;
import dev.colineage.core.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the schema changes of one BigQuery DDL statement: {@code ALTER TABLE [IF EXISTS] t} with its
 * comma-separated actions ({@code DROP COLUMN}, {@code RENAME COLUMN .. TO}, {@code ALTER COLUMN .. SET
 * DATA TYPE}, {@code ADD COLUMN}, {@code RENAME TO}; {@code SET OPTIONS}, defaults, collation, keys and
 * constraints move no data and give nothing), and {@code DROP [SNAPSHOT | EXTERNAL] TABLE}, {@code DROP
 * [MATERIALIZED] VIEW}. Read from the lexer's tokens, not the parser: these forms are simple, and the parser
 * reads none of BigQuery's {@code ALTER COLUMN} forms.
 */
public final class SchemaChangeReader {

    private SchemaChangeReader() {
    }

    /**
     * The changes of a statement; empty when it is no table DDL (a query, a {@code CREATE}), an empty list for
     * DDL that moves no data ({@code ALTER TABLE t SET OPTIONS(..)}).
     *
     * @param statement 1-based position of the statement in its script
     * @throws DdlException for table DDL this reader cannot read, naming the part
     */
    public static Optional<List<SchemaChange>> read(String sql, int statement) {
        List<Token> words = BigQueryLexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).toList();
        if (words.size() >= 2 && words.get(0).isWord("ALTER")) {
            if (words.get(1).isWord("TABLE")) {
                return Optional.of(new Actions(sql, words, statement).read());
            }
            if (words.get(1).isWord("VIEW") || words.get(1).isWord("MATERIALIZED") || words.get(1).isWord("SCHEMA")) {
                return Optional.of(List.of());   // options only: no data moves
            }
            return Optional.empty();
        }
        if (words.size() >= 2 && words.get(0).isWord("DROP")) {
            int i = 1;
            if (words.get(i).isWord("SNAPSHOT") || words.get(i).isWord("EXTERNAL") || words.get(i).isWord("MATERIALIZED")) {
                i++;
            }
            if (i >= words.size() || !(words.get(i).isWord("TABLE") || words.get(i).isWord("VIEW"))) {
                if (words.get(1).isWord("SCHEMA")) {
                    throw new DdlException("DROP SCHEMA is not checked: name its tables with DROP TABLE");
                }
                return Optional.empty();   // a function, a procedure, a row access policy: no table's columns
            }
            i = skipIf(words, i + 1, "IF", "EXISTS");
            DottedName.Read name = DottedName.readAt(words, i);
            if (name.name().isEmpty()) {
                throw new DdlException("DROP " + words.get(i - 1).text().toUpperCase() + " needs a table name");
            }
            return Optional.of(List.of(new SchemaChange(SchemaChange.Kind.DROP_TABLE, name.name(), Optional.empty(), Optional.empty(),
                    Optional.empty(), statement)));
        }
        return Optional.empty();
    }

    /** Skips the words when they come next ({@code IF EXISTS}, {@code IF NOT EXISTS}). */
    private static int skipIf(List<Token> words, int at, String... optional) {
        for (int k = 0; k < optional.length; k++) {
            if (at + k >= words.size() || !words.get(at + k).isWord(optional[k])) {
                return at;
            }
        }
        return at + optional.length;
    }

    /** The actions of one {@code ALTER TABLE}. */
    private static final class Actions {
        private final String sql;
        private final List<Token> words;
        private final int statement;
        private String table;
        private int at;

        Actions(String sql, List<Token> words, int statement) {
            this.sql = sql;
            this.words = words;
            this.statement = statement;
        }

        List<SchemaChange> read() {
            at = skipIf(words, 2, "IF", "EXISTS");
            DottedName.Read name = DottedName.readAt(words, at);
            if (name.name().isEmpty()) {
                throw new DdlException("ALTER TABLE needs a table name");
            }
            table = name.name();
            at = name.next();
            List<SchemaChange> out = new ArrayList<>();
            if (at >= words.size()) {
                throw new DdlException("ALTER TABLE " + table + " has no action");
            }
            while (at < words.size()) {
                int end = actionEnd(at);
                action(at, end).ifPresent(out::add);
                at = end + 1;   // past the comma
            }
            return out;
        }

        /** The index of the comma ending the action starting at {@code from}, or the end. */
        private int actionEnd(int from) {
            int depth = 0;
            for (int i = from; i < words.size(); i++) {
                Token t = words.get(i);
                if (t.isSymbol("(") || t.isSymbol("<")) {
                    depth++;
                } else if (t.isSymbol(")") || t.isSymbol(">")) {
                    depth--;
                } else if (t.isSymbol(">>")) {
                    depth -= 2;   // ARRAY<STRUCT<..>> read as one shift token
                } else if (t.isSymbol(",") && depth <= 0) {
                    return i;
                }
            }
            return words.size();
        }

        private Optional<SchemaChange> action(int from, int end) {
            Token first = words.get(from);
            Token second = from + 1 < end ? words.get(from + 1) : null;
            if (first.isWord("SET") || (second != null && (second.isWord("PRIMARY") || second.isWord("FOREIGN")
                    || second.isWord("CONSTRAINT") || second.isWord("ROW")))) {
                return Optional.empty();   // options, default collation, keys, constraints: no data moves
            }
            if (first.isWord("DROP") && isWord(second, "COLUMN")) {
                int i = skipIf(words, from + 2, "IF", "EXISTS");
                return Optional.of(column(SchemaChange.Kind.DROP_COLUMN, name(i, end, "DROP COLUMN"), Optional.empty(), Optional.empty()));
            }
            if (first.isWord("RENAME") && isWord(second, "COLUMN")) {
                int i = skipIf(words, from + 2, "IF", "EXISTS");
                String column = name(i, end, "RENAME COLUMN");
                if (i + 2 >= end || !words.get(i + 1).isWord("TO")) {
                    throw new DdlException("RENAME COLUMN " + column + " of " + table + " needs TO and the new name");
                }
                return Optional.of(column(SchemaChange.Kind.RENAME_COLUMN, column, Optional.of(name(i + 2, end, "RENAME COLUMN .. TO")),
                        Optional.empty()));
            }
            if (first.isWord("RENAME") && isWord(second, "TO")) {
                DottedName.Read to = DottedName.readAt(words, from + 2);
                if (to.name().isEmpty()) {
                    throw new DdlException("RENAME TO of " + table + " needs the new name");
                }
                return Optional.of(new SchemaChange(SchemaChange.Kind.RENAME_TABLE, table, Optional.empty(), Optional.of(to.name()),
                        Optional.empty(), statement));
            }
            if (first.isWord("ADD") && isWord(second, "COLUMN")) {
                int i = skipIf(words, from + 2, "IF", "NOT", "EXISTS");
                String column = name(i, end, "ADD COLUMN");
                return Optional.of(column(SchemaChange.Kind.ADD_COLUMN, column, Optional.empty(), Optional.of(text(i + 1, end, "ADD COLUMN " + column))));
            }
            if (first.isWord("ALTER") && isWord(second, "COLUMN")) {
                int i = skipIf(words, from + 2, "IF", "EXISTS");
                String column = name(i, end, "ALTER COLUMN");
                int k = i + 1;
                if (k + 2 < end && words.get(k).isWord("SET") && words.get(k + 1).isWord("DATA") && words.get(k + 2).isWord("TYPE")) {
                    return Optional.of(column(SchemaChange.Kind.RETYPE_COLUMN, column, Optional.empty(),
                            Optional.of(text(k + 3, end, "SET DATA TYPE of " + column))));
                }
                if (k < end && (words.get(k).isWord("SET") || words.get(k).isWord("DROP"))) {
                    return Optional.empty();   // options, a default, NOT NULL: the values stay as they are
                }
                throw new DdlException("ALTER COLUMN " + column + " of " + table + ": only SET DATA TYPE, SET OPTIONS, SET/DROP DEFAULT"
                        + " and DROP NOT NULL are known");
            }
            throw new DdlException("ALTER TABLE " + table + ": unknown action '" + text(from, end, "the action") + "'");
        }

        private static boolean isWord(Token t, String word) {
            return t != null && t.isWord(word);
        }

        private SchemaChange column(SchemaChange.Kind kind, String column, Optional<String> newName, Optional<String> newType) {
            return new SchemaChange(kind, table, Optional.of(column), newName, newType, statement);
        }

        /** One name (a word or a back-quoted name), without its quotes. */
        private String name(int i, int end, String what) {
            if (i >= end || !words.get(i).isName()) {
                throw new DdlException(what + " of " + table + " needs a column name");
            }
            String written = words.get(i).text();
            return written.startsWith("`") ? written.substring(1, written.length() - 1) : written;
        }

        /** The text of tokens {@code from..end-1} as written. */
        private String text(int from, int end, String what) {
            if (from >= end) {
                throw new DdlException(what + " needs a type");
            }
            return sql.substring(words.get(from).start(), words.get(end - 1).end());
        }
    }
}
