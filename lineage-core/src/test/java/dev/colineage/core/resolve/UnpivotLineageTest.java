package dev.colineage.core.resolve;

import org.junit.jupiter.api.Test;

/** UNPIVOT: value columns fed by the IN columns at their position; the name column carries no data. */
class UnpivotLineageTest extends LineageTestSupport {

    @Test
    void valueColumnIsFedByEveryInColumn() {
        assertEdges("CREATE TABLE t2 AS SELECT id, score FROM monthly UNPIVOT(score FOR month IN (jan, feb))",
                "p.d.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.monthly.jan -> p.d.t2.score DIRECT/IDENTITY",
                "p.d.monthly.feb -> p.d.t2.score DIRECT/IDENTITY");
    }

    @Test
    void aliasedUnpivotWithIncludeNulls() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT u.id, u.score, u.m FROM monthly UNPIVOT INCLUDE NULLS (score FOR m IN (jan AS 'J', feb AS 'F')) AS u
                """,
                "p.d.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.monthly.jan -> p.d.t2.score DIRECT/IDENTITY",
                "p.d.monthly.feb -> p.d.t2.score DIRECT/IDENTITY");
    }

    @Test
    void multiColumnUnpivotPairsByPosition() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT id, a, b, s FROM monthly UNPIVOT((a, b) FOR s IN ((q1, q2) AS 'h1', (q3, q4) AS 'h2'))
                """,
                "p.d.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.monthly.q1 -> p.d.t2.a DIRECT/IDENTITY",
                "p.d.monthly.q3 -> p.d.t2.a DIRECT/IDENTITY",
                "p.d.monthly.q2 -> p.d.t2.b DIRECT/IDENTITY",
                "p.d.monthly.q4 -> p.d.t2.b DIRECT/IDENTITY");
    }

    @Test
    void starOverUnpivotReplacesTheUnpivotedColumns() {
        assertEdges("CREATE TABLE t2 AS SELECT * FROM monthly UNPIVOT(score FOR month IN (jan, feb))",
                "p.d.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.monthly.q1 -> p.d.t2.q1 DIRECT/IDENTITY",
                "p.d.monthly.q2 -> p.d.t2.q2 DIRECT/IDENTITY",
                "p.d.monthly.q3 -> p.d.t2.q3 DIRECT/IDENTITY",
                "p.d.monthly.q4 -> p.d.t2.q4 DIRECT/IDENTITY",
                "p.d.monthly.jan -> p.d.t2.score DIRECT/IDENTITY",
                "p.d.monthly.feb -> p.d.t2.score DIRECT/IDENTITY");
    }

    @Test
    void unpivotOverASubquery() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT id, score FROM (SELECT id, jan + 1 AS jan, feb FROM monthly WHERE q1 > 0)
                UNPIVOT(score FOR month IN (jan, feb))
                """,
                "p.d.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.monthly.jan -> p.d.t2.score DIRECT/TRANSFORMATION",
                "p.d.monthly.feb -> p.d.t2.score DIRECT/IDENTITY",
                "p.d.monthly.q1 -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void unpivotWithoutACatalog() {
        assertEdges("CREATE TABLE t2 AS SELECT id, score FROM raw.monthly UNPIVOT(score FOR month IN (jan, feb))",
                "p.raw.monthly.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.raw.monthly.jan -> p.d.t2.score DIRECT/IDENTITY",
                "p.raw.monthly.feb -> p.d.t2.score DIRECT/IDENTITY");
    }
}
