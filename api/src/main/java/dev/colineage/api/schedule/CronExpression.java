package dev.colineage.api.schedule;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Objects;

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) in a time zone: {@code *},
 * numbers, ranges {@code a-b}, lists {@code a,b} and steps {@code * /n}, {@code a-b/n}; day-of-week 0-7
 * (0 and 7 are Sunday). As in classic cron, when both day fields are restricted a day matching either
 * one fires.
 */
public final class CronExpression {

    private final String text;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    public CronExpression(String text, ZoneId zone) {
        this.text = Objects.requireNonNull(text, "text is null").strip();
        this.zone = Objects.requireNonNull(zone, "zone is null");
        String[] f = this.text.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("a cron expression has five fields (minute hour day month weekday): '" + text + "'");
        }
        minutes = field(f[0], 0, 59, "minute");
        hours = field(f[1], 0, 23, "hour");
        days = field(f[2], 1, 31, "day of month");
        months = field(f[3], 1, 12, "month");
        weekdays = field(f[4], 0, 7, "day of week");
        if (weekdays.get(7)) {
            weekdays.set(0);
        }
        daysRestricted = !f[2].equals("*");
        weekdaysRestricted = !f[4].equals("*");
    }

    /** The first fire time strictly after {@code after}, in the expression's zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime t = after.withZoneSameInstant(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t;
        }
        throw new IllegalArgumentException("cron expression '" + text + "' never fires");
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return text + " (" + zone + ")";
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean day = days.get(t.getDayOfMonth());
        boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) {
            return day || weekday;
        }
        return day && weekday;
    }

    private static BitSet field(String spec, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, name);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ab = range.split("-", 2);
                from = number(ab[0], min, max, name);
                to = number(ab[1], min, max, name);
            } else {
                from = number(range, min, max, name);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("empty " + name + " range '" + part + "'");
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int number(String s, int min, int max, String name) {
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " " + v + " is outside " + min + "-" + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a " + name + ": '" + s + "'");
        }
    }
}
