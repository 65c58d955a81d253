package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, routines inside analysis: calls to persistent SQL functions, given as
 * {@code INFORMATION_SCHEMA.ROUTINES} rows, are traced through their bodies like TEMP functions.
 */
class PersistentRoutineLineageTest extends LineageTestSupport {

    private static String row(String project, String dataset, String name, String body, String ddl) {
        return "{\"routine_catalog\": \"" + project + "\", \"routine_schema\": \"" + dataset + "\", \"routine_name\": \"" + name
                + "\", \"routine_type\": \"FUNCTION\", \"routine_body\": \"" + body + "\", \"external_language\": "
                + (body.equals("EXTERNAL") ? "\"js\"" : "null") + ", \"ddl\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(ddl)
                + "}";
    }

    static final RoutineCatalog ROUTINES = RoutineCatalog.parse(List.of(
            // hashes its argument: PII is masked through it
            row("p", "udf", "pseudonymise", "SQL", "CREATE OR REPLACE FUNCTION udf.pseudonymise(x STRING) AS (TO_HEX(SHA256(x)))"),
            // reads only its first argument
            row("p", "udf", "pick_first", "SQL", "CREATE FUNCTION udf.pick_first(a STRING, b STRING) RETURNS STRING AS (UPPER(a))"),
            // masks through the routine it calls (a dataset.name inside a body is in the routine's own project)
            row("p", "udf", "email_key", "SQL", "CREATE FUNCTION udf.email_key(e STRING) AS (udf.pseudonymise(LOWER(e)))"),
            // two routines calling each other: the cycle is cut, no recursion without end
            row("p", "udf", "ping", "SQL", "CREATE FUNCTION udf.ping(x INT64) AS (udf.pong(x))"),
            row("p", "udf", "pong", "SQL", "CREATE FUNCTION udf.pong(x INT64) AS (udf.ping(x))"),
            // JavaScript: unreadable, every argument flows
            row("mozfun", "js", "decode", "EXTERNAL", "CREATE FUNCTION js.decode(a STRING, b STRING) RETURNS STRING LANGUAGE js AS \"\"\"return 1;\"\"\""),
            "{\"routine_catalog\": \"p\", \"routine_schema\": \"udf\", \"routine_name\": \"broken\", \"ddl\": 5}",
            "not json"));

    private static LineageResult analyzeWithRoutines(String sql) {
        return analyzer.analyze(sql, OPTIONS.withRoutines(ROUTINES));
    }

    @Test
    void aHashingRoutineMasksAndAnIgnoredArgumentGivesNoEdge() {
        LineageResult r = analyzeWithRoutines("""
                CREATE TABLE p.d.t AS
                SELECT udf.pseudonymise(email) AS h, `p.udf.pick_first`(name, country) AS n, p.udf.email_key(email) AS k
                FROM p.d.users
                """);
        assertEdges(r,
                "p.d.users.email -> p.d.t.h DIRECT/TRANSFORMATION+masking",
                "p.d.users.name -> p.d.t.n DIRECT/TRANSFORMATION",
                "p.d.users.email -> p.d.t.k DIRECT/TRANSFORMATION+masking");
        assertEquals(new dev.colineage.core.model.LineageResult.RoutineCalls(3, 3), r.routineCalls());
        assertTrue(!codes(r).contains(Diagnostic.COLUMN_NOT_TRACED), "country is known to be ignored: " + r.diagnostics());
    }

    @Test
    void withoutTheRoutinesEveryArgumentFlowsAsBefore() {
        LineageResult r = analyze("CREATE TABLE p.d.t AS SELECT udf.pick_first(name, country) AS n FROM p.d.users");
        assertEdges(r, "p.d.users.name -> p.d.t.n DIRECT/TRANSFORMATION", "p.d.users.country -> p.d.t.n DIRECT/TRANSFORMATION");
        assertEquals(new dev.colineage.core.model.LineageResult.RoutineCalls(1, 0), r.routineCalls());
        assertTrue(!codes(r).contains(Diagnostic.UNKNOWN_ROUTINE), "no routines given, none reported: " + r.diagnostics());
    }

    @Test
    void cyclesJavaScriptAndUnknownRoutines() {
        LineageResult r = analyzeWithRoutines("""
                CREATE TABLE p.d.t AS
                SELECT udf.ping(user_id) AS a, mozfun.js.decode(name, country) AS b, udf.missing(phone) AS c, NET.HOST(email) AS d
                FROM p.d.users
                """);
        assertEdges(r,
                "p.d.users.user_id -> p.d.t.a DIRECT/TRANSFORMATION",
                "p.d.users.name -> p.d.t.b DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.t.b DIRECT/TRANSFORMATION",
                "p.d.users.phone -> p.d.t.c DIRECT/TRANSFORMATION",
                "p.d.users.email -> p.d.t.d DIRECT/TRANSFORMATION");
        assertEquals(new dev.colineage.core.model.LineageResult.RoutineCalls(3, 2), r.routineCalls(), "NET.HOST is BigQuery's own");
        assertEquals(List.of("routine p.udf.missing is not in the routines given; every argument is taken to flow into its result"),
                r.diagnostics().stream().filter(d -> d.code().equals(Diagnostic.UNKNOWN_ROUTINE)).map(Diagnostic::message).toList());
    }

    @Test
    void rowsThatCannotBeReadAreReportedNotFatal() {
        assertEquals(6, ROUTINES.size());
        assertEquals(List.of("line 7: 'ddl' is missing or not a string", "line 8: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"), ROUTINES.problems());
    }

    @Test
    void theSharedCorpusRoutinesLoad() {
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("user.dir")).resolve("../../shared/corpus/bigquery-etl/routines.jsonl")
                .normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "shared corpus at " + file);
        RoutineCatalog corpus = RoutineCatalog.load(file);
        assertEquals(310, corpus.size(), "289 SQL and 21 JavaScript functions");
        // the corpus keeps only the head of its 6 procedures' ddl (up to the first statement): no body to run
        assertEquals(6, corpus.problems().size(), corpus.problems().toString());
        assertTrue(corpus.problems().stream().allMatch(p -> p.endsWith(": the ddl declares no procedure body")), corpus.problems().toString());
        assertTrue(corpus.function("moz-fx-data-shared-prod.udf.hmac_sha256").orElseThrow().masking());
    }
}
