package dev.colineage.graph.extract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a JOBS {@code creation_time} in the forms exports and the API write it: ISO-8601
 * ({@code 2026-11-20T03:00:00.123Z}), BigQuery's text form ({@code 2026-11-20 03:00:00.123 UTC}), or
 * epoch seconds as the REST API returns timestamps ({@code 1.7636E9}). A time outside BigQuery's TIMESTAMP range
 * (years 0001 to 9999) is no job's: unreadable (a malformed row), never a run the graph cannot store.
 */
public final class CreationTime {

    private static final DateTimeFormatter BIGQUERY_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS][.S]");

    private CreationTime() {
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    public static Optional<Instant> parse(String text) {
        return read(text).filter(t -> !t.isBefore(FIRST) && t.isBefore(END));
    }

    private static Optional<Instant> read(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            // not ISO-8601 with a zone: try the other forms
        }
        try {
            String local = t.endsWith(" UTC") ? t.substring(0, t.length() - 4) : t.endsWith("+00") ? t.substring(0, t.length() - 3) : t;
            return Optional.of(LocalDateTime.parse(local.replace('T', ' '), BIGQUERY_TEXT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // nor BigQuery's text form
        }
        try {
            BigDecimal seconds = new BigDecimal(t);
            return Optional.of(Instant.ofEpochSecond(0, seconds.movePointRight(9).longValueExact()));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
