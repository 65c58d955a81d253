package dev.colineage.core.sql;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tables made to live at most a day: {@code CREATE [OR REPLACE] TABLE t ... OPTIONS(expiration_timestamp
 * = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL n unit))}, or {@code CURRENT_TIMESTAMP() + INTERVAL n unit},
 * the way dbt and hand-written staging steps create their scratch tables, or given such an expiration
 * afterwards by {@code ALTER TABLE t SET OPTIONS(expiration_timestamp = ...)}. An absolute expiration
 * ({@code TIMESTAMP '2026-01-01'}) cannot be judged without the job's own time, so it is not taken.
 */
public final class ShortLivedTables {

    /** Up to this lifetime a created table counts as transient. */
    public static final Duration LIMIT = Duration.ofDays(1);

    private static final Map<String, Duration> UNITS = Map.of(
            "MICROSECOND", Duration.ofNanos(1_000), "MILLISECOND", Duration.ofMillis(1), "SECOND", Duration.ofSeconds(1),
            "MINUTE", Duration.ofMinutes(1), "HOUR", Duration.ofHours(1), "DAY", Duration.ofDays(1));
    /** Options come before the query; a statement's head is enough to find them. */
    private static final int HEAD = 4_000;

    private ShortLivedTables() {
    }

    /**
     * The table's name as written, when the statement creates it, or alters its options, so that it
     * expires within {@link #LIMIT}.
     */
    public static Optional<String> shortLivedTable(String statement) {
        boolean create = statement.length() >= 6 && statement.regionMatches(true, 0, "CREATE", 0, 6);
        boolean alter = statement.length() >= 5 && statement.regionMatches(true, 0, "ALTER", 0, 5);
        if (!create && !alter) {
            return Optional.empty();
        }
        List<Token> words = BigQueryLexer.tokenize(statement.length() > HEAD ? statement.substring(0, HEAD) : statement)
                .stream().filter(t -> !t.isTrivia()).toList();
        int i = 1;
        if (create && i + 1 < words.size() && words.get(i).isWord("OR") && words.get(i + 1).isWord("REPLACE")) {
            i += 2;
        }
        if (i >= words.size() || !words.get(i).isWord("TABLE")) {
            return Optional.empty();
        }
        i++;
        if (create && i + 2 < words.size() && words.get(i).isWord("IF") && words.get(i + 1).isWord("NOT") && words.get(i + 2).isWord("EXISTS")) {
            i += 3;
        } else if (alter && i + 1 < words.size() && words.get(i).isWord("IF") && words.get(i + 1).isWord("EXISTS")) {
            i += 2;
        }
        DottedName.Read read = DottedName.readAt(words, i);
        String name = read.name();
        i = read.next();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (alter && !(at(words, i, "SET") && at(words, i + 1, "OPTIONS"))) {
            return Optional.empty();   // ALTER TABLE ... ADD COLUMN, RENAME TO: not about its lifetime
        }
        int depth = 0;
        for (; i < words.size(); i++) {
            Token t = words.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("AS")) {
                break;
            } else if (depth == 1 && t.text().equalsIgnoreCase("expiration_timestamp") && i + 1 < words.size()
                    && words.get(i + 1).isSymbol("=")) {
                return lifetime(words, i + 2).filter(d -> d.compareTo(LIMIT) <= 0).map(d -> name);
            }
        }
        return Optional.empty();
    }

    /** The lifetime an expiration expression gives, counted from the statement's run. */
    private static Optional<Duration> lifetime(List<Token> w, int i) {
        if (at(w, i, "TIMESTAMP_ADD") && w.size() > i + 1 && w.get(i + 1).isSymbol("(") && now(w, i + 2)
                && w.size() > i + 5 && w.get(i + 5).isSymbol(",")) {
            return interval(w, i + 6);
        }
        if (now(w, i) && w.size() > i + 3 && w.get(i + 3).isSymbol("+")) {
            return interval(w, i + 4);
        }
        return Optional.empty();
    }

    /** {@code CURRENT_TIMESTAMP()} at {@code i}. */
    private static boolean now(List<Token> w, int i) {
        return at(w, i, "CURRENT_TIMESTAMP") && w.size() > i + 2 && w.get(i + 1).isSymbol("(") && w.get(i + 2).isSymbol(")");
    }

    /** {@code INTERVAL n unit} (n a number or a quoted number) at {@code i}. */
    private static Optional<Duration> interval(List<Token> w, int i) {
        if (!at(w, i, "INTERVAL") || w.size() <= i + 2) {
            return Optional.empty();
        }
        String amount = w.get(i + 1).text();
        if (w.get(i + 1).kind() == Token.Kind.STRING) {
            amount = amount.substring(1, amount.length() - 1).trim();
        } else if (w.get(i + 1).kind() != Token.Kind.NUMBER) {
            return Optional.empty();
        }
        Duration unit = UNITS.get(w.get(i + 2).text().toUpperCase(Locale.ROOT));
        if (unit == null || !amount.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(unit.multipliedBy(Long.parseLong(amount)));
    }

    private static boolean at(List<Token> w, int i, String word) {
        return i < w.size() && w.get(i).isWord(word);
    }
}
