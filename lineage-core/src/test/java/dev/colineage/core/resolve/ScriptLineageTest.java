package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-statement scripts: temp tables resolved through, created tables, variables, temp functions. */
class ScriptLineageTest extends LineageTestSupport {

    @Test
    void tempTableNeverAppearsAsNode() {
        assertEdges("""
                CREATE TEMP TABLE recent AS SELECT user_id, email FROM users WHERE created_at > '2024-01-01';
                CREATE TABLE mart.contacts AS SELECT email FROM recent;
                """,
                "p.d.users.email -> p.mart.contacts.email DIRECT/IDENTITY",
                "p.d.users.created_at -> p.mart.contacts INDIRECT/FILTER");
    }

    @Test
    void insertIntoTempTableAddsSources() {
        assertEdges("""
                CREATE TEMPORARY TABLE contacts (value STRING);
                INSERT INTO contacts SELECT email FROM users;
                INSERT INTO contacts SELECT phone FROM users;
                INSERT INTO daily (user_id) SELECT CAST(value AS INT64) FROM contacts;
                """,
                "p.d.users.email -> p.d.daily.user_id DIRECT/TRANSFORMATION",
                "p.d.users.phone -> p.d.daily.user_id DIRECT/TRANSFORMATION");
    }

    @Test
    void tableCreatedEarlierInScriptExtendsCatalog() {
        assertEdges("""
                CREATE TABLE mart.stage AS SELECT user_id, email FROM users;
                CREATE TABLE mart.final AS SELECT * FROM mart.stage;
                """,
                "p.d.users.user_id -> p.mart.stage.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.mart.stage.email DIRECT/IDENTITY",
                "p.mart.stage.user_id -> p.mart.final.user_id DIRECT/IDENTITY",
                "p.mart.stage.email -> p.mart.final.email DIRECT/IDENTITY");
    }

    @Test
    void variableSetFromQueryCarriesItsSources() {
        assertEdges("""
                DECLARE max_day DATE DEFAULT (SELECT MAX(order_date) FROM orders);
                CREATE TABLE t2 AS SELECT user_id FROM users WHERE DATE(created_at) > max_day;
                """,
                "p.d.users.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.users.created_at -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.order_date -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void setVariableThenUseInSelectList() {
        assertEdges("""
                DECLARE top_amount FLOAT64;
                SET top_amount = (SELECT MAX(amount) FROM orders);
                CREATE TABLE t2 AS SELECT name, top_amount AS ceiling FROM users;
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.ceiling DIRECT/AGGREGATION");
    }

    @Test
    void tempFunctionDependsOnUsedArgumentsOnly() {
        assertEdges("""
                CREATE TEMP FUNCTION pick(a STRING, b STRING) RETURNS STRING AS (UPPER(a));
                CREATE TABLE t2 AS SELECT pick(name, email) AS x FROM users;
                """,
                "p.d.users.name -> p.d.t2.x DIRECT/TRANSFORMATION");
    }

    @Test
    void tempFunctionThatHashesMasks() {
        assertEdges("""
                CREATE TEMP FUNCTION anon(x STRING) AS (TO_HEX(SHA256(x)));
                CREATE TABLE t2 AS SELECT anon(email) AS e FROM users;
                """,
                "p.d.users.email -> p.d.t2.e DIRECT/TRANSFORMATION+masking");
    }

    @Test
    void javascriptTempFunctionBodyIsSearchedForParameters() {
        assertEdges("""
                CREATE TEMP FUNCTION js(a STRING, unused STRING) RETURNS STRING LANGUAGE js AS \"""
                  return a.toUpperCase();
                \""";
                CREATE TABLE t2 AS SELECT js(name, email) AS x FROM users;
                """,
                "p.d.users.name -> p.d.t2.x DIRECT/TRANSFORMATION");
    }

    @Test
    void controlFlowBranchesAreAllAnalysed() {
        var result = analyze("""
                BEGIN
                  IF (SELECT COUNT(*) FROM users) > 0 THEN
                    INSERT INTO daily (user_id) SELECT user_id FROM users;
                  ELSE
                    INSERT INTO daily (total) SELECT amount FROM orders;
                  END IF;
                EXCEPTION WHEN ERROR THEN
                  SELECT @@error.message;
                END;
                """);
        assertEdges(result,
                "p.d.users.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.daily.total DIRECT/IDENTITY");
        assertEquals(result.statements(), result.parsedStatements());
    }

    @Test
    void transactionAndCallStatementsAreUnderstood() {
        var result = analyze("""
                BEGIN TRANSACTION;
                CALL `p.d.refresh`();
                INSERT INTO daily (user_id) SELECT user_id FROM users;
                COMMIT TRANSACTION;
                """);
        assertEdges(result, "p.d.users.user_id -> p.d.daily.user_id DIRECT/IDENTITY");
        assertEquals(result.statements(), result.parsedStatements());
    }

    @Test
    void blankLinesDoNotSplitAStatement() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT email


                FROM users
                """,
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void procedureBodyIsOneStatementAndRunsWhereItIsCalled() {
        var result = analyze("""
                CREATE TEMP PROCEDURE refresh(IN since TIMESTAMP)
                BEGIN
                  DECLARE cutoff TIMESTAMP DEFAULT since;
                  IF cutoff IS NOT NULL THEN
                    INSERT INTO daily (user_id) SELECT user_id FROM users WHERE created_at > cutoff;
                  END IF;
                END;
                CALL refresh(TIMESTAMP '2024-01-01');
                """);
        assertEdges(result,
                "p.d.users.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.users.created_at -> p.d.daily INDIRECT/FILTER");
        assertEquals(List.of(), codes(result), () -> result.diagnostics().toString());
    }

    @Test
    void outArgumentCarriesTheProcedureQueryAfterCall() {
        assertEdges("""
                CREATE TEMP PROCEDURE biggest(OUT top FLOAT64)
                BEGIN
                  SET top = (SELECT MAX(amount) FROM orders);
                END;
                DECLARE best FLOAT64;
                CALL biggest(best);
                INSERT INTO daily (total) SELECT best;
                """,
                "p.d.orders.amount -> p.d.daily.total DIRECT/AGGREGATION");
    }

    @Test
    void forLoopVariableIsARowOfItsQuery() {
        assertEdges("""
                FOR rec IN (SELECT user_id, email AS e FROM users WHERE country = 'DE') DO
                  INSERT INTO customers (id, email) VALUES (rec.user_id, LOWER(rec.e));
                END FOR;
                """,
                "p.d.users.user_id -> p.d.customers.id DIRECT/IDENTITY",
                "p.d.users.email -> p.d.customers.email DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.customers.id INDIRECT/FILTER",
                "p.d.users.country -> p.d.customers.email INDIRECT/FILTER");
    }

    @Test
    void executeImmediateOfALiteralIsAnalysed() {
        var result = analyze("""
                EXECUTE IMMEDIATE "INSERT INTO daily (user_id) SELECT user_id FROM users WHERE country = ?" USING 'DE';
                EXECUTE IMMEDIATE CONCAT('DELETE FROM ', 'x');
                """);
        assertEdges(result,
                "p.d.users.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.users.country -> p.d.daily INDIRECT/FILTER");
        assertEquals(List.of(dev.colineage.core.model.Diagnostic.UNSUPPORTED_STATEMENT), codes(result));
    }

    @Test
    void tableCreatedAndDroppedByTheScriptIsResolvedThrough() {
        assertEdges("""
                CREATE OR REPLACE TABLE scratch.stage AS SELECT user_id, email FROM users WHERE country = 'DE';
                INSERT INTO p.scratch.stage (user_id, email) SELECT id, email FROM customers;
                CREATE OR REPLACE TABLE mart.contacts AS SELECT user_id, LOWER(email) AS email FROM scratch.stage;
                DROP TABLE IF EXISTS scratch.stage;
                """,
                "p.d.users.user_id -> p.mart.contacts.user_id DIRECT/IDENTITY",
                "p.d.customers.id -> p.mart.contacts.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.mart.contacts.email DIRECT/TRANSFORMATION",
                "p.d.customers.email -> p.mart.contacts.email DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.mart.contacts INDIRECT/FILTER");
    }

    @Test
    void tableTheScriptKeepsIsANode() {
        assertEdges("""
                CREATE OR REPLACE TABLE scratch.stage AS SELECT user_id FROM users;
                CREATE OR REPLACE TABLE mart.ids AS SELECT user_id FROM scratch.stage;
                """,
                "p.d.users.user_id -> p.scratch.stage.user_id DIRECT/IDENTITY",
                "p.scratch.stage.user_id -> p.mart.ids.user_id DIRECT/IDENTITY");
    }
}
