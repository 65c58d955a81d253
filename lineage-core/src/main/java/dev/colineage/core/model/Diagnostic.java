package dev.colineage.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Something the analysis could not do, or did with less certainty: bad SQL is data, reported here
 * with a stable {@code code} rather than thrown.
 *
 * @param statement 1-based index of the statement in the script, 0 when it concerns the whole input
 * @param line      1-based line in the input text, when known
 * @param column    1-based column in the input text, when known
 */
public record Diagnostic(Level level, String code, String message, int statement, Optional<Integer> line,
                         Optional<Integer> column) {

    public enum Level { ERROR, WARNING, INFO }

    /** Stable diagnostic codes; tools and the graph aggregate failures by these. */
    public static final String PARSE_ERROR = "PARSE_ERROR";
    public static final String PARSE_TIMEOUT = "PARSE_TIMEOUT";
    public static final String UNKNOWN_TABLE = "UNKNOWN_TABLE";
    public static final String UNKNOWN_COLUMN = "UNKNOWN_COLUMN";
    public static final String AMBIGUOUS_COLUMN = "AMBIGUOUS_COLUMN";
    public static final String STAR_NOT_EXPANDED = "STAR_NOT_EXPANDED";
    public static final String UNSUPPORTED_STATEMENT = "UNSUPPORTED_STATEMENT";
    public static final String NO_DESTINATION = "NO_DESTINATION";
    public static final String COLUMN_COUNT_MISMATCH = "COLUMN_COUNT_MISMATCH";
    public static final String EXTERNAL_SOURCE = "EXTERNAL_SOURCE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** A statement nested deeper than the resolver follows (thousands of levels of operators or parentheses). */
    public static final String TOO_DEEP = "TOO_DEEP";
    /** A column reference in the parsed statement that no part of the resolver accounted for. */
    public static final String COLUMN_NOT_TRACED = "COLUMN_NOT_TRACED";
    /** A call to a persistent routine the given routines lack: every argument is taken to flow. */
    public static final String UNKNOWN_ROUTINE = "UNKNOWN_ROUTINE";

    public Diagnostic {
        Objects.requireNonNull(level, "level is null");
        Objects.requireNonNull(code, "code is null");
        Objects.requireNonNull(message, "message is null");
        Objects.requireNonNull(line, "line is null");
        Objects.requireNonNull(column, "column is null");
    }

    public static Diagnostic of(Level level, String code, String message, int statement) {
        return new Diagnostic(level, code, message, statement, Optional.empty(), Optional.empty());
    }

    public Diagnostic at(int line, int column) {
        return new Diagnostic(level, code, message, statement, Optional.of(line), Optional.of(column));
    }
}
