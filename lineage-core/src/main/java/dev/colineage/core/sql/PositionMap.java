package dev.colineage.core.sql;

import java.util.Arrays;

/**
 * Maps offsets in rewritten SQL back to the original text, so a parse error is reported where the
 * user wrote the construct, not where the rewriter moved it. Built from anchors: each emitted piece of
 * rewritten text remembers the original offset it came from.
 */
public final class PositionMap {

    private final int[] rewrittenOffsets;
    private final int[] originalOffsets;
    private final String original;

    PositionMap(int[] rewrittenOffsets, int[] originalOffsets, String original) {
        this.rewrittenOffsets = rewrittenOffsets.clone();
        this.originalOffsets = originalOffsets.clone();
        this.original = original;
    }

    /** Original offset of a rewritten offset: the anchor at or before it, plus the distance into it. */
    public int toOriginal(int rewrittenOffset) {
        int i = Arrays.binarySearch(rewrittenOffsets, rewrittenOffset);
        if (i < 0) {
            i = -i - 2;
        }
        if (i < 0) {
            return 0;
        }
        return Math.min(original.length(), originalOffsets[i] + (rewrittenOffset - rewrittenOffsets[i]));
    }

    /** 1-based line and column in the original text of an offset in the original text. */
    public static LineColumn lineColumnOf(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new LineColumn(line, column);
    }

    /** Offset in {@code text} of a 1-based line and column (as JSqlParser reports them). */
    public static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int l = 1; l < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                l++;
            }
        }
        return Math.min(text.length(), offset + Math.max(0, column - 1));
    }

    /** A 1-based position in a text. */
    public record LineColumn(int line, int column) {
    }
}
