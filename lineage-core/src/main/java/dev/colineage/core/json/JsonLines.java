package dev.colineage.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads JSON lines of {@code INFORMATION_SCHEMA} rows one object at a time: blank lines are skipped, and
 * a line that is not a JSON object, or that its reader rejects with an {@link IllegalArgumentException},
 * becomes a problem ({@code line N: reason}) instead of stopping the rest.
 */
public final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Takes one row; throws IllegalArgumentException for a row it cannot use. */
    @FunctionalInterface
    public interface RowReader {
        void read(int lineNumber, JsonNode row);
    }

    private JsonLines() {
    }

    /** Each row to {@code reader}; the problems, in line order. */
    public static List<String> read(List<String> lines, RowReader reader) {
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode row = JSON.readTree(line);
                if (!row.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                reader.read(n + 1, row);
            } catch (IOException | IllegalArgumentException e) {
                problems.add("line " + (n + 1) + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return problems;
    }
}
