package dev.colineage.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String next(String cron, String after) {
        return new CronExpression(cron, BERLIN).next(ZonedDateTime.parse(after)).toString();
    }

    @Test
    void fieldsRangesListsAndSteps() {
        assertEquals("2026-11-23T04:00+01:00[Europe/Berlin]", next("0 * * * *", "2026-11-23T03:00+01:00[Europe/Berlin]"));
        assertEquals("2026-11-23T03:15+01:00[Europe/Berlin]", next("*/15 * * * *", "2026-11-23T03:00+01:00[Europe/Berlin]"));
        assertEquals("2026-11-24T02:30+01:00[Europe/Berlin]", next("30 2 * * *", "2026-11-23T03:00+01:00[Europe/Berlin]"));
        assertEquals("2026-11-28T06:00+01:00[Europe/Berlin]", next("0 6 * * 6,0", "2026-11-23T03:00+01:00[Europe/Berlin]"));
        assertEquals("2026-12-01T00:00+01:00[Europe/Berlin]", next("0 0 1 * *", "2026-11-23T03:00+01:00[Europe/Berlin]"));
        assertEquals("2026-11-23T09:00+01:00[Europe/Berlin]", next("0 9-17/4 * * 1-5", "2026-11-23T03:00+01:00[Europe/Berlin]"));
    }

    @Test
    void theTimeZoneDecidesAndDaylightSavingIsFollowed() {
        // 02:30 does not exist in Berlin on 2026-03-29 (clocks go 02:00 -> 03:00): the next day's 02:30 fires
        assertEquals("2026-03-30T02:30+02:00[Europe/Berlin]", next("30 2 * * *", "2026-03-29T01:00+01:00[Europe/Berlin]"));
        assertEquals("2026-11-23T02:00Z", new CronExpression("0 3 * * *", BERLIN)
                .next(ZonedDateTime.parse("2026-11-23T00:00Z")).withZoneSameInstant(ZoneId.of("Z")).toString());
    }

    @Test
    void badExpressionsAreRejectedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> new CronExpression("* * * *", BERLIN));
        assertThrows(IllegalArgumentException.class, () -> new CronExpression("60 * * * *", BERLIN));
        assertThrows(IllegalArgumentException.class, () -> new CronExpression("a * * * *", BERLIN));
        assertThrows(IllegalArgumentException.class, () -> new CronExpression("0 0 31 2 *", BERLIN).next(ZonedDateTime.now(BERLIN)));
    }
}
