package dev.colineage.core.sql;

import java.util.Objects;

/**
 * One statement of a (possibly multi-statement) BigQuery script.
 *
 * @param index  1-based position in the script, as diagnostics report it
 * @param text   the statement text without its terminating semicolon or control-flow prefix
 * @param offset offset of {@code text} in the whole script, for mapping positions
 */
public record ScriptStatement(int index, String text, int offset) {
    public ScriptStatement {
        Objects.requireNonNull(text, "text is null");
        if (index < 1) {
            throw new IllegalArgumentException("index must be 1-based: " + index);
        }
    }
}
