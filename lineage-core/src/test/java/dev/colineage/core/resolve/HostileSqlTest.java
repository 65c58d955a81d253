package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.sql.StatementParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's pathological statements: each gives its lineage or a clear diagnostic, never an
 * INTERNAL_ERROR, a stack overflow on the caller's thread or a parse without a time limit.
 */
class HostileSqlTest extends LineageTestSupport {

    @Test
    void trimWithoutArgumentsIsNoInternalError() {
        LineageResult r = analyzeInto("p.d.t", "SELECT TRIM() AS x");
        assertTrue(!codes(r).contains(Diagnostic.INTERNAL_ERROR), r.diagnostics().toString());
        assertEdgesInto("p.d.t", "SELECT TRIM(name) AS a, TRIM('x' FROM country) AS b FROM users",
                "p.d.users.name -> p.d.t.a DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.t.b DIRECT/TRANSFORMATION");
    }

    @Test
    void aBracketInsideABackQuotedNameIsPartOfTheName() {
        // fuzz mutant #19651 (seed 12): `[language` was cut at its bracket, as if it were a subscript
        assertEdges("CREATE TABLE t2 AS SELECT `[name`, `a[b]` AS x, tags[OFFSET(0)] AS first_tag FROM d.unknown",
                "p.d.unknown.[name -> p.d.t2.[name DIRECT/IDENTITY",
                "p.d.unknown.a[b] -> p.d.t2.x DIRECT/IDENTITY",
                "p.d.unknown.tags -> p.d.t2.first_tag DIRECT/TRANSFORMATION");
        LineageResult empty = analyzeInto("p.d.t", "SELECT `` AS x FROM users");
        assertTrue(!codes(empty).contains(Diagnostic.INTERNAL_ERROR), empty.diagnostics().toString());
        assertTrue(codes(empty).contains(Diagnostic.UNKNOWN_COLUMN), empty.diagnostics().toString());
    }

    @Test
    void longOperatorChainsAreResolved() {
        assertEdges("CREATE TABLE t2 AS SELECT " + String.join(" + ", java.util.Collections.nCopies(4000, "user_id")) + " AS x FROM users",
                "p.d.users.user_id -> p.d.t2.x DIRECT/TRANSFORMATION");
        assertEdges("CREATE TABLE t2 AS SELECT " + String.join(" || ", java.util.Collections.nCopies(4000, "name")) + " AS x FROM users",
                "p.d.users.name -> p.d.t2.x DIRECT/TRANSFORMATION");
        assertEdges("CREATE TABLE t2 AS SELECT name FROM users WHERE " + String.join(" AND ", java.util.Collections.nCopies(4000, "country = 'x'")),
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void aControlCharacterInsideReplaceIsAWarningNotACrash() {
        LineageResult r = analyze("CREATE TABLE t2 AS SELECT * REPLACE (name \u0001 AS name) FROM users");
        assertTrue(!codes(r).contains(Diagnostic.INTERNAL_ERROR), r.diagnostics().toString());
    }

    @Test
    void deepNestingInsideReplaceIsParsedUnderTheTimeLimit() {
        try (LineageAnalyzer quick = new LineageAnalyzer(new StatementParser(Duration.ofMillis(500)))) {
            long start = System.nanoTime();
            LineageResult r = quick.analyze("CREATE TABLE t2 AS SELECT * REPLACE (" + "(".repeat(5000) + "name" + ")".repeat(5000)
                    + " AS name) FROM users", OPTIONS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "took " + millis + " ms");
            assertTrue(!codes(r).contains(Diagnostic.INTERNAL_ERROR), r.diagnostics().toString());
            assertTrue(r.hasErrors() || codes(r).contains(Diagnostic.PARSE_ERROR), r.diagnostics().toString());
        }
    }

    @Test
    void unterminatedStringsCommentsAndNamesAreParseErrors() {
        for (String sql : List.of("SELECT 'abc FROM t", "SELECT a /* x FROM t", "SELECT `a FROM t", "SELECT \"\"\"abc FROM t")) {
            LineageResult r = analyzeInto("p.d.x", sql);
            assertEquals(List.of(Diagnostic.PARSE_ERROR), codes(r), sql);
            assertTrue(r.diagnostics().get(0).message().startsWith("unterminated "), r.diagnostics().toString());
        }
        assertEquals(List.of(), codes(analyzeInto("p.d.x", "SELECT '''a''' AS s, r'\\d' AS b -- no newline at the end")));
    }
}
