package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.colineage.core.model.Diagnostic;
import org.junit.jupiter.api.Test;

/** Date parts and columns named like them: a date part carries no lineage, a column always does. */
class DatePartLineageTest extends LineageTestSupport {

    @Test
    void dateOfAColumnInsideDateTruncIsTraced() {
        assertEdges("CREATE TABLE t2 AS SELECT DATE_TRUNC(DATE(created_at), MONTH) AS m FROM users",
                "p.d.users.created_at -> p.d.t2.m DIRECT/TRANSFORMATION");
    }

    @Test
    void dateOfAColumnInsideDateArithmeticIsTraced() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT DATE_ADD(DATE(created_at), INTERVAL 1 DAY) AS a,
                       DATE_SUB(DATE(created_at), INTERVAL user_id DAY) AS b,
                       LAST_DAY(DATE(created_at), MONTH) AS c
                FROM users
                WHERE DATE_DIFF(DATE(created_at), DATE(TIMESTAMP '2024-01-01'), DAY) > 7
                """,
                "p.d.users.created_at -> p.d.t2.a DIRECT/TRANSFORMATION",
                "p.d.users.created_at -> p.d.t2.b DIRECT/TRANSFORMATION",
                "p.d.users.user_id -> p.d.t2.b DIRECT/TRANSFORMATION",
                "p.d.users.created_at -> p.d.t2.c DIRECT/TRANSFORMATION",
                "p.d.users.created_at -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void columnNamedDayIsAColumnInSelectAndGroupBy() {
        assertEdges("CREATE TABLE t2 AS SELECT day, SUM(total) AS total FROM daily GROUP BY day",
                "p.d.daily.day -> p.d.t2.day DIRECT/IDENTITY",
                "p.d.daily.total -> p.d.t2.total DIRECT/AGGREGATION",
                "p.d.daily.day -> p.d.t2 INDIRECT/GROUP_BY");
    }

    @Test
    void dateUnitWordsAreColumnsOfATableWithoutSchema() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT year, month, day, hour, minute, second, week, quarter FROM raw.calendar WHERE day > 1
                """,
                "p.raw.calendar.year -> p.d.t2.year DIRECT/IDENTITY",
                "p.raw.calendar.month -> p.d.t2.month DIRECT/IDENTITY",
                "p.raw.calendar.day -> p.d.t2.day DIRECT/IDENTITY",
                "p.raw.calendar.hour -> p.d.t2.hour DIRECT/IDENTITY",
                "p.raw.calendar.minute -> p.d.t2.minute DIRECT/IDENTITY",
                "p.raw.calendar.second -> p.d.t2.second DIRECT/IDENTITY",
                "p.raw.calendar.week -> p.d.t2.week DIRECT/IDENTITY",
                "p.raw.calendar.quarter -> p.d.t2.quarter DIRECT/IDENTITY",
                "p.raw.calendar.day -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void columnNamedDayInsideDateFunctionsIsTheValueNotThePart() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT DATE_TRUNC(day, MONTH) AS m, DATE_DIFF(day, DATE '2024-01-01', DAY) AS n,
                       EXTRACT(DAY FROM day) AS d, TIMESTAMP_TRUNC(TIMESTAMP(day), HOUR, 'UTC') AS h,
                       DATE_ADD(day, INTERVAL CAST(total AS INT64) DAY) AS later
                FROM daily
                """,
                "p.d.daily.day -> p.d.t2.m DIRECT/TRANSFORMATION",
                "p.d.daily.day -> p.d.t2.n DIRECT/TRANSFORMATION",
                "p.d.daily.day -> p.d.t2.d DIRECT/TRANSFORMATION",
                "p.d.daily.day -> p.d.t2.h DIRECT/TRANSFORMATION",
                "p.d.daily.day -> p.d.t2.later DIRECT/TRANSFORMATION",
                "p.d.daily.total -> p.d.t2.later DIRECT/TRANSFORMATION");
    }

    @Test
    void weekdayPartsAreNotColumns() {
        var result = analyze("CREATE TABLE t2 AS SELECT DATE_TRUNC(day, WEEK(MONDAY)) AS w, DATE_DIFF(day, day, ISOWEEK) AS i FROM daily");
        assertEdges(result,
                "p.d.daily.day -> p.d.t2.w DIRECT/TRANSFORMATION",
                "p.d.daily.day -> p.d.t2.i DIRECT/TRANSFORMATION");
        assertFalse(codes(result).contains(Diagnostic.UNKNOWN_COLUMN), () -> result.diagnostics().toString());
        assertFalse(codes(result).contains(Diagnostic.COLUMN_NOT_TRACED), () -> result.diagnostics().toString());
    }

    @Test
    void intervalRangeKeepsItsParts() {
        assertEdges("CREATE TABLE t2 AS SELECT day + INTERVAL '1-2' YEAR TO MONTH AS later FROM daily",
                "p.d.daily.day -> p.d.t2.later DIRECT/TRANSFORMATION");
    }

    @Test
    void aliasNamedLikeADatePart() {
        assertEdges("CREATE TABLE t2 AS SELECT DATE(created_at) AS day FROM users ORDER BY day",
                "p.d.users.created_at -> p.d.t2.day DIRECT/TRANSFORMATION",
                "p.d.users.created_at -> p.d.t2 INDIRECT/SORT");
    }
}
