package dev.colineage.core.sql;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Back-quotes the date-part words JSqlParser always reads as a date unit ({@code DAY}, {@code MONTH},
 * ...) wherever BigQuery reads them as a column: {@code SELECT day FROM t} is the column {@code day}
 * in BigQuery, but a {@code DateUnitExpression} with no lineage in JSqlParser, and its edges vanished
 * without a diagnostic. A word stays bare only where BigQuery expects a date part: after an
 * INTERVAL's value ({@code INTERVAL 1 DAY}, {@code ... TO SECOND}), first in {@code EXTRACT(DAY FROM ..)},
 * and as the date-part argument of the built-ins that take one.
 */
public final class DateUnitColumns {

    /** The words JSqlParser's grammar turns into a DateUnitExpression (measured on 5.4). */
    private static final Set<String> DATE_UNITS = Set.of("day", "month", "year", "hour", "minute", "second");

    /** Built-ins taking a bare date part, and the argument index that holds it. */
    private static final Map<String, Integer> DATE_PART_ARGUMENT = Map.ofEntries(
            Map.entry("date_trunc", 1), Map.entry("datetime_trunc", 1), Map.entry("timestamp_trunc", 1),
            Map.entry("time_trunc", 1), Map.entry("date_diff", 2), Map.entry("datetime_diff", 2),
            Map.entry("timestamp_diff", 2), Map.entry("time_diff", 2), Map.entry("last_day", 1));

    private DateUnitColumns() {
    }

    /** The argument index at which built-in {@code function} (lower case) takes a bare date part, or -1. */
    public static int datePartArgument(String function) {
        return DATE_PART_ARGUMENT.getOrDefault(function, -1);
    }

    /** Quotes the column uses; returns whether anything changed. */
    static boolean quote(TokenList t) {
        boolean changed = false;
        for (int i = 0; i < t.size(); i++) {
            Token tok = t.get(i);
            if (tok.kind() != Token.Kind.WORD || !DATE_UNITS.contains(tok.text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (t.at(t.next(i)).isSymbol("(") && !t.at(t.previous(i)).isSymbol(".")) {
                continue; // a function of that name
            }
            if (isDatePart(t, i)) {
                continue;
            }
            t.replace(i, Token.Kind.QUOTED_IDENTIFIER, "`" + tok.text() + "`");
            changed = true;
        }
        return changed;
    }

    private static boolean isDatePart(TokenList t, int i) {
        int before = t.previous(i);
        Token prev = t.at(before);
        if (prev.isWord("TO")) {
            return true;
        }
        if (prev.isSymbol("(") && t.at(t.previous(before)).isWord("EXTRACT")) {
            return true;
        }
        if (afterIntervalValue(t, before)) {
            return true;
        }
        return isDatePartArgument(t, i);
    }

    /** {@code INTERVAL <value> DAY}: {@code end} is the last token of the value. */
    private static boolean afterIntervalValue(TokenList t, int end) {
        Token last = t.at(end);
        int start;
        if (last.isSymbol(")")) {
            start = t.opening(end);
            if (start < 0) {
                return false;
            }
            // INTERVAL CAST(n AS INT64) DAY: the value is a call, its name before the parenthesis
            int name = t.previous(start);
            if (t.at(name).isName() && !t.at(name).isWord("INTERVAL")) {
                start = dottedNameStart(t, name);
            }
        } else if (last.kind() == Token.Kind.NUMBER || last.kind() == Token.Kind.STRING
                || last.kind() == Token.Kind.PARAMETER || last.kind() == Token.Kind.WORD
                || last.kind() == Token.Kind.QUOTED_IDENTIFIER) {
            start = dottedNameStart(t, end);
        } else {
            return false;
        }
        int k = t.previous(start);
        if (t.at(k).isSymbol("-") || t.at(k).isSymbol("+")) {
            k = t.previous(k);
        }
        return t.at(k).isWord("INTERVAL");
    }

    /** A whole argument of a built-in, at the position where that built-in takes a date part. */
    private static boolean isDatePartArgument(TokenList t, int i) {
        Token prev = t.at(t.previous(i));
        Token next = t.at(t.next(i));
        if (!prev.isSymbol(",") || !(next.isSymbol(")") || next.isSymbol(","))) {
            return false;
        }
        int depth = 0;
        int commas = 0;
        for (int k = t.previous(i); k >= 0; k--) {
            Token tok = t.get(k);
            if (tok.isSymbol(")") || tok.isSymbol("]")) {
                depth++;
            } else if (tok.isSymbol("(") || tok.isSymbol("[")) {
                if (depth == 0) {
                    Token name = t.at(t.previous(k));
                    Integer at = name.kind() == Token.Kind.WORD
                            ? DATE_PART_ARGUMENT.get(name.text().toLowerCase(Locale.ROOT)) : null;
                    return at != null && at == commas;
                }
                depth--;
            } else if (depth == 0 && tok.isSymbol(",")) {
                commas++;
            }
        }
        return false;
    }

    /** The first part of the dotted name ending at {@code last} ({@code mozfun.norm.f}). */
    private static int dottedNameStart(TokenList t, int last) {
        int start = last;
        while (t.at(t.previous(start)).isSymbol(".") && t.at(t.previous(t.previous(start))).isName()) {
            start = t.previous(t.previous(start));
        }
        return start;
    }
}
