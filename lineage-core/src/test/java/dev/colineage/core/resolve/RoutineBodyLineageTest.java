package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, routines inside analysis, beyond scalar functions: table functions traced through their
 * query with parameters bound, persistent procedures run by {@code CALL} with script semantics, and
 * {@code ML.PREDICT} passing its input through.
 */
class RoutineBodyLineageTest extends LineageTestSupport {

    private static String row(String type, String name, String ddl) {
        return "{\"routine_catalog\": \"p\", \"routine_schema\": \"r\", \"routine_name\": \"" + name + "\", \"routine_type\": \""
                + type + "\", \"routine_body\": \"SQL\", \"ddl\": " + TextNode.valueOf(ddl) + "}";
    }

    static final RoutineCatalog ROUTINES = RoutineCatalog.parse(List.of(
            row("TABLE FUNCTION", "orders_of", """
                    CREATE TABLE FUNCTION `p.r.orders_of`(wanted STRING, floor INT64)
                    RETURNS TABLE<order_id INT64, user_id INT64, amount NUMERIC> AS (
                      SELECT order_id, user_id, amount FROM p.d.orders WHERE status = wanted AND amount > floor
                    )"""),
            // a table function reading another one: the caller traces through both
            row("TABLE FUNCTION", "big_orders", "CREATE TABLE FUNCTION p.r.big_orders(s STRING) AS "
                    + "SELECT o.order_id, o.amount * 2 AS doubled, s AS label FROM p.r.orders_of(s, 100) AS o"),
            row("TABLE FUNCTION", "loop", "CREATE TABLE FUNCTION p.r.loop(x INT64) AS (SELECT * FROM p.r.loop(x))"),
            row("PROCEDURE", "refresh_contacts", """
                    CREATE PROCEDURE `p.r.refresh_contacts`(IN min_amount NUMERIC, OUT written INT64)
                    BEGIN
                      CREATE TEMP TABLE buyers AS SELECT user_id, SUM(amount) AS spent FROM p.d.orders GROUP BY user_id;
                      CREATE OR REPLACE TABLE p.d.contacts AS
                      SELECT u.user_id, u.email, b.spent FROM buyers AS b JOIN p.d.users AS u USING (user_id)
                      WHERE b.spent > min_amount;
                      SET written = (SELECT COUNT(*) FROM p.d.contacts);
                    END"""),
            row("PROCEDURE", "no_body", "CREATE PROCEDURE p.r.no_body()")));

    private static LineageResult analyzeWithRoutines(String sql) {
        return analyzer.analyze(sql, OPTIONS.withRoutines(ROUTINES));
    }

    @Test
    void tableFunctionColumnsTraceToTheTablesItReads() {
        LineageResult r = analyzeWithRoutines("CREATE TABLE p.d.t AS SELECT order_id, amount + 1 AS a FROM r.orders_of('paid', 10)");
        assertEdges(r,
                "p.d.orders.order_id -> p.d.t.order_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t.a DIRECT/TRANSFORMATION",
                "p.d.orders.status -> p.d.t INDIRECT/FILTER",
                "p.d.orders.amount -> p.d.t INDIRECT/FILTER");
        assertEquals(new LineageResult.RoutineCalls(1, 1), r.routineCalls());
    }

    @Test
    void aParameterBoundToAColumnCarriesThatColumn() {
        LineageResult r = analyzeWithRoutines("""
                CREATE TABLE p.d.t AS
                SELECT b.label, b.doubled FROM p.d.users AS u, p.r.big_orders(u.country) AS b
                """);
        assertEdges(r,
                "p.d.users.country -> p.d.t.label DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t.doubled DIRECT/TRANSFORMATION",
                "p.d.orders.status -> p.d.t INDIRECT/FILTER",
                "p.d.users.country -> p.d.t INDIRECT/FILTER",
                "p.d.orders.amount -> p.d.t INDIRECT/FILTER");
        assertEquals(new LineageResult.RoutineCalls(2, 2), r.routineCalls(), "big_orders and the orders_of it reads");
    }

    @Test
    void aTableFunctionOfTheScriptIsTracedToo() {
        LineageResult r = analyze("""
                CREATE TEMP TABLE FUNCTION named(n STRING) AS (SELECT user_id, n AS tag FROM p.d.users WHERE name = n);
                CREATE TABLE p.d.t AS SELECT user_id, tag FROM named('x');
                """);
        assertEdges(r, "p.d.users.user_id -> p.d.t.user_id DIRECT/IDENTITY", "p.d.users.name -> p.d.t INDIRECT/FILTER");
    }

    @Test
    void aTableFunctionReadingItselfIsCut() {
        LineageResult r = analyzeWithRoutines("CREATE TABLE p.d.t AS SELECT * FROM r.loop(1)");
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("reads itself more than 8 deep")), r.diagnostics().toString());
    }

    @Test
    void callRunsAPersistentProcedureWithScriptSemantics() {
        LineageResult r = analyzeWithRoutines("DECLARE n INT64; CALL r.refresh_contacts(500, n);");
        assertEdges(r,
                "p.d.users.user_id -> p.d.contacts.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.d.contacts.email DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.contacts.spent DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.contacts INDIRECT/JOIN",
                "p.d.users.user_id -> p.d.contacts INDIRECT/JOIN",
                "p.d.orders.amount -> p.d.contacts INDIRECT/FILTER",
                "p.d.orders.user_id -> p.d.contacts INDIRECT/GROUP_BY");
        assertTrue(r.transientTables().isEmpty(), "the TEMP table is collapsed inside the analysis: " + r.transientTables());
        assertEquals(new LineageResult.RoutineCalls(1, 1), r.routineCalls());
    }

    @Test
    void unknownProceduresAndTableFunctionsAreReported() {
        LineageResult r = analyzeWithRoutines("CALL r.gone(1); CREATE TABLE p.d.t AS SELECT x FROM r.missing_tvf(email)");
        assertEquals(List.of("routine p.r.gone is not in the routines given; every argument is taken to flow into its result",
                        "routine p.r.missing_tvf is not in the routines given; every argument is taken to flow into its result"),
                r.diagnostics().stream().filter(d -> d.code().equals(Diagnostic.UNKNOWN_ROUTINE)).map(Diagnostic::message).toList());
        assertEquals(List.of("line 5: p.r.no_body: the ddl declares no procedure body"), ROUTINES.problems());
    }

    @Test
    void mlPredictPassesItsInputThroughAndPredictsFromEveryInputColumn() {
        LineageResult r = analyze("""
                CREATE TABLE p.d.scored AS
                SELECT user_id, predicted_segment FROM ML.PREDICT(MODEL `p.d.segmenter`, (SELECT user_id, country FROM p.d.users))
                """);
        assertEdges(r,
                "p.d.users.user_id -> p.d.scored.user_id DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.scored.predicted_segment DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.scored.predicted_segment DIRECT/TRANSFORMATION");
        LineageResult table = analyze("""
                CREATE TABLE p.d.scored AS
                SELECT p.id, p.predicted_label FROM ML.PREDICT(MODEL d.m, TABLE p.d.customers, STRUCT(0.5 AS threshold)) AS p
                """);
        assertEdges(table,
                "p.d.customers.id -> p.d.scored.id DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.scored.predicted_label DIRECT/TRANSFORMATION",
                "p.d.customers.email -> p.d.scored.predicted_label DIRECT/TRANSFORMATION",
                "p.d.customers.segment -> p.d.scored.predicted_label DIRECT/TRANSFORMATION");
    }

    @Test
    void aRoutineOfAnotherProjectReadsItsBodyInItsOwnProject() {
        RoutineCatalog library = RoutineCatalog.parse(List.of(
                "{\"routine_catalog\": \"other-proj\", \"routine_schema\": \"raw\", \"routine_name\": \"owned_by\", \"routine_type\": "
                        + "\"TABLE FUNCTION\", \"ddl\": " + TextNode.valueOf("CREATE TABLE FUNCTION raw.owned_by(o STRING) AS "
                        + "(SELECT AccountId FROM raw.Accounts WHERE Owner = o)") + "}",
                "{\"routine_catalog\": \"other-proj\", \"routine_schema\": \"raw\", \"routine_name\": \"copy_accounts\", \"routine_type\": "
                        + "\"PROCEDURE\", \"ddl\": " + TextNode.valueOf("CREATE PROCEDURE raw.copy_accounts() BEGIN "
                        + "CREATE OR REPLACE TABLE `p.d.accounts` AS SELECT Owner FROM raw.Accounts; END") + "}"));
        LineageResult r = analyzer.analyze("""
                CREATE TABLE p.d.t AS SELECT AccountId FROM `other-proj`.raw.owned_by('me');
                CALL `other-proj.raw.copy_accounts`();
                """, OPTIONS.withRoutines(library));
        assertEdges(r,
                "other-proj.raw.Accounts.AccountId -> p.d.t.AccountId DIRECT/IDENTITY",
                "other-proj.raw.Accounts.Owner -> p.d.t INDIRECT/FILTER",
                "other-proj.raw.Accounts.Owner -> p.d.accounts.Owner DIRECT/IDENTITY");
    }
}
