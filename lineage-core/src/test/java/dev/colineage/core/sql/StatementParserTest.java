package dev.colineage.core.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    @Test
    void timeLimitStopsALongParseAndTheParserStaysUsable() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < 20_000; i++) {
            sql.append("CASE WHEN c").append(i).append(" > 0 THEN COALESCE(a, b, c) END AS x").append(i).append(", ");
        }
        sql.append("1 FROM t");
        try (StatementParser parser = new StatementParser(Duration.ofMillis(1))) {
            ParseOutcome outcome = parser.parse(sql.toString());
            assertFalse(outcome.parsed());
            assertTrue(outcome.timedOut());
        }
        try (StatementParser parser = new StatementParser()) {
            assertTrue(parser.parse("SELECT 1").parsed());
        }
    }

    @Test
    void errorOffsetPointsIntoTheOriginalText() {
        try (StatementParser parser = new StatementParser()) {
            ParseOutcome outcome = parser.parse("SELECT a,\n  b FROM t WHERE ) x");
            assertFalse(outcome.parsed());
            assertTrue(outcome.errorOffset() > 10, "offset " + outcome.errorOffset());
        }
    }
}
