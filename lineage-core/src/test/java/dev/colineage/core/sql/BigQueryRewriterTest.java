package dev.colineage.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each rewrite on its own: the text JSqlParser gets, the facts kept aside, positions mapped back. */
class BigQueryRewriterTest {

    private static String rewrite(String sql) {
        return BigQueryRewriter.rewrite(sql).text();
    }

    @Test
    void trailingCommaBeforeFromIsDropped() {
        assertEquals("SELECT a, b FROM t", rewrite("SELECT a, b, FROM t"));
    }

    @Test
    void offsetAccessorBecomesPlainIndex() {
        assertEquals("SELECT arr[(0)], arr[(1)] FROM t", rewrite("SELECT arr[OFFSET(0)], arr[SAFE_ORDINAL(1)] FROM t"));
    }

    @Test
    void stringsBecomeSingleQuoted() {
        assertEquals("SELECT 'a''b', '/d+', 'x y' FROM t", rewrite("SELECT \"a'b\", r'\\d+', '''x\ny''' FROM t"));
    }

    @Test
    void commentsAndBlankLinesFold() {
        assertEquals("SELECT a  \nFROM t", rewrite("SELECT a -- c\n\n\n\nFROM t"));
    }

    @Test
    void safePrefixIsDropped() {
        assertEquals("SELECT PARSE_DATE('%Y', s) FROM t", rewrite("SELECT SAFE.PARSE_DATE('%Y', s) FROM t"));
    }

    @Test
    void mergeGetsInto() {
        assertTrue(rewrite("MERGE t USING s ON t.a = s.a WHEN MATCHED THEN DELETE").startsWith("MERGE INTO t"));
    }

    @Test
    void notMatchedBySourceClauseIsDropped() {
        assertEquals("MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE ",
                rewrite("MERGE t USING s ON t.a = s.a WHEN NOT MATCHED BY SOURCE THEN DELETE WHEN MATCHED THEN DELETE "));
    }

    @Test
    void castOfComparisonIsParenthesised() {
        assertEquals("SELECT CAST((a > 0) AS INT64) FROM t", rewrite("SELECT CAST(a > 0 AS INT64) FROM t"));
    }

    @Test
    void ignoreNullsIsDropped() {
        assertEquals("SELECT ARRAY_AGG(x  ORDER BY y) FROM t", rewrite("SELECT ARRAY_AGG(x IGNORE NULLS ORDER BY y) FROM t"));
    }

    @Test
    void oneArgumentJsonValueGetsRootPath() {
        assertEquals("SELECT JSON_VALUE(j, '$') FROM t", rewrite("SELECT JSON_VALUE(j) FROM t"));
    }

    @Test
    void unnestWithOffsetIsEncodedInAlias() {
        assertEquals("SELECT x FROM t, UNNEST(t.a) AS cl_unnest__x__offset__pos",
                rewrite("SELECT x FROM t, UNNEST(t.a) AS x WITH OFFSET AS pos"));
    }

    @Test
    void namedWindowIsInlined() {
        assertEquals("SELECT SUM(a) OVER (PARTITION BY b) FROM t ",
                rewrite("SELECT SUM(a) OVER w FROM t WINDOW w AS (PARTITION BY b)"));
    }

    @Test
    void typedArrayOfStructTuplesGetsNamedStructs() {
        assertEquals("SELECT [STRUCT('a' AS `k`, 1 AS `v`), STRUCT('b' AS `k`, 2 AS `v`)]",
                rewrite("SELECT ARRAY<STRUCT<k STRING, v INT64>>[('a', 1), ('b', 2)]"));
    }

    @Test
    void nestedTypeInCastBecomesJson() {
        assertEquals("SELECT CAST(NULL AS JSON)", rewrite("SELECT CAST(NULL AS ARRAY<STRUCT<a INT64, b ARRAY<STRING>>>)"));
    }

    @Test
    void expressionStarKeepsExceptAndReplaceAsFacts() {
        RewrittenSql r = BigQueryRewriter.rewrite("SELECT (SELECT AS STRUCT a, b, c).* EXCEPT (b) REPLACE (a + 1 AS a) FROM t");
        assertEquals("SELECT (SELECT AS STRUCT a, b, c) AS cl_struct_star_0 FROM t", r.text());
        RewriteFacts.StructStar star = r.facts().structStars().get("cl_struct_star_0");
        assertEquals(List.of("b"), star.except());
        assertEquals(Map.of("a", "a + 1"), star.replace());
    }

    @Test
    void ddlOptionsAndPartitioningAreDropped() {
        assertEquals("CREATE TABLE t AS SELECT 1 AS a",
                rewrite("CREATE TABLE t PARTITION BY DATE(ts) CLUSTER BY a OPTIONS(description='x')\nAS SELECT 1 AS a"));
    }

    @Test
    void keywordColumnNamesAreQuoted() {
        assertEquals("SELECT `map`, s.`final` FROM t `window`", rewrite("SELECT map, s.final FROM t window"));
    }

    @Test
    void stringContentIsNeverRewritten() {
        assertEquals("SELECT 'a, FROM b[OFFSET(1)]' FROM t", rewrite("SELECT 'a, FROM b[OFFSET(1)]' FROM t"));
    }

    @Test
    void positionsMapBackToTheOriginal() {
        String original = "SELECT \"x\", -- note\n  SAFE.LOWER(bad  bad) FROM t";
        RewrittenSql r = BigQueryRewriter.rewrite(original);
        int rewrittenOffset = r.text().indexOf("bad");
        assertEquals(original.indexOf("bad"), r.positions().toOriginal(rewrittenOffset));
    }

    @Test
    void appliedRewritesAreListed() {
        assertEquals(List.of("trailing-comma"), BigQueryRewriter.rewrite("SELECT a, FROM t").facts().rewritesApplied());
    }
}
