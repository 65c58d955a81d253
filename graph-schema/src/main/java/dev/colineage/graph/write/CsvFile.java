package dev.colineage.graph.write;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One input file of Neo4j's importer, written a field at a time: strings and arrays quoted (quotes
 * doubled, array elements joined by {@link #ARRAY_DELIMITER}), numbers and booleans bare, an absent value
 * as an empty unquoted field, which the importer reads as "no property" (a quoted {@code ""} is an empty
 * string). It notes whether any value held a line break: only such files need the importer's slower
 * multi-line parsing.
 */
final class CsvFile implements AutoCloseable {

    /** Separates array elements: a control character no fingerprint, user or date contains. */
    static final char ARRAY_DELIMITER = '\u001F';

    private final Path path;
    private final Writer out;
    private boolean lineStart = true;
    private boolean lineBreaks;

    CsvFile(Path path, String header) throws IOException {
        this.path = Objects.requireNonNull(path, "path is null");
        this.out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(path),
                StandardCharsets.UTF_8), 1 << 16);
        out.write(header);
        out.write('\n');
    }

    CsvFile id(long value) throws IOException {
        separate();
        out.write(Long.toString(value));
        return this;
    }

    CsvFile bool(boolean value) throws IOException {
        separate();
        out.write(value ? "true" : "false");
        return this;
    }

    CsvFile text(String value) throws IOException {
        separate();
        quoted(value);
        return this;
    }

    CsvFile text(Optional<String> value) throws IOException {
        separate();
        if (value.isPresent()) {
            quoted(value.get());
        }
        return this;
    }

    /** An instant as the importer's {@code datetime}, in UTC. */
    CsvFile time(Instant value) throws IOException {
        separate();
        out.write(value.toString());
        return this;
    }

    CsvFile array(List<String> values) throws IOException {
        separate();
        out.write('"');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(ARRAY_DELIMITER);
            }
            escaped(values.get(i));
        }
        out.write('"');
        return this;
    }

    void end() throws IOException {
        out.write('\n');
        lineStart = true;
    }

    /** Adds this file to {@code multiline} when a value in it spans lines. */
    void markIfMultiline(List<String> multiline) {
        if (lineBreaks) {
            multiline.add(path.toString());
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void separate() throws IOException {
        if (!lineStart) {
            out.write(',');
        }
        lineStart = false;
    }

    private void quoted(String value) throws IOException {
        out.write('"');
        escaped(value);
        out.write('"');
    }

    private void escaped(String value) throws IOException {
        if (value.indexOf('"') < 0) {
            out.write(value);
        } else {
            out.write(value.replace("\"", "\"\""));
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            lineBreaks = true;
        }
    }
}
