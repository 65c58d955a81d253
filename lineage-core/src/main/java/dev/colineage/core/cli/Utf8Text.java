package dev.colineage.core.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text read the way BigQuery logs must be read: as UTF-8, where a byte that is not valid UTF-8 becomes
 * U+FFFD with a warning, instead of failing the whole input. A job row with one bad byte in its query
 * still counts, and every row after it is still read.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    /** The bytes as text; when some are not UTF-8, says so on {@code err} (naming {@code source}). */
    static String decode(byte[] bytes, String source, PrintStream err) {
        try {
            return strict(bytes, 0, bytes.length);
        } catch (CharacterCodingException e) {
            err.printf("%s: invalid UTF-8 replaced by U+FFFD%n", source);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String strict(byte[] bytes, int from, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, length)).toString();
    }

    /** Lines split at {@code \n} on the bytes (a bad byte never hides a line break), each decoded alone. */
    static final class Lines implements AutoCloseable {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        private boolean replaced;

        Lines(InputStream in) {
            this.in = new BufferedInputStream(in, 1 << 16);
        }

        /** The next line without its terminator ({@code \r\n} too), or null at the end. */
        String next() throws IOException {
            line.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) != -1) {
                any = true;
                if (b == '\n') {
                    break;
                }
                line.write(b);
            }
            if (!any) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            try {
                replaced = false;
                return strict(bytes, 0, length);
            } catch (CharacterCodingException e) {
                replaced = true;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
        }

        /** Whether the last line held bytes that are not UTF-8. */
        boolean replacedBytes() {
            return replaced;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
