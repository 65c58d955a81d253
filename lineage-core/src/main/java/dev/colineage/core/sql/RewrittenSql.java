package dev.colineage.core.sql;

import java.util.Objects;

/**
 * The result of rewriting one BigQuery statement for JSqlParser.
 *
 * @param original  the statement as the user wrote it
 * @param text      what JSqlParser is given
 * @param facts     lineage facts the rewrite removed from {@code text}
 * @param positions maps offsets in {@code text} back to {@code original}
 */
public record RewrittenSql(String original, String text, RewriteFacts facts, PositionMap positions) {
    public RewrittenSql {
        Objects.requireNonNull(original, "original is null");
        Objects.requireNonNull(text, "text is null");
        Objects.requireNonNull(facts, "facts is null");
        Objects.requireNonNull(positions, "positions is null");
    }
}
