package dev.colineage.core.resolve;

import org.junit.jupiter.api.Test;

/** Valid BigQuery that JSqlParser rejects as written: the rewriter makes it parse, with its lineage intact. */
class BigQuerySyntaxLineageTest extends LineageTestSupport {

    @Test
    void unquotedDashedProjectInFromAndJoin() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT a.x, b.y FROM my-project-123.raw.a AS a JOIN moz-fx-data-shared-prod.raw.b AS b USING (k)
                """,
                "my-project-123.raw.a.x -> p.d.t2.x DIRECT/IDENTITY",
                "moz-fx-data-shared-prod.raw.b.y -> p.d.t2.y DIRECT/IDENTITY",
                "my-project-123.raw.a.k -> p.d.t2 INDIRECT/JOIN",
                "moz-fx-data-shared-prod.raw.b.k -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void unquotedDashedProjectAsEveryKindOfTarget() {
        assertEdges("""
                INSERT INTO my-project.mart.t (x) SELECT x FROM my-project.raw.a;
                MERGE my-project.mart.m T USING my-project.raw.a S ON T.k = S.k WHEN MATCHED THEN UPDATE SET y = S.y;
                UPDATE my-project.mart.u SET y = 1 WHERE x - y > 0;
                DELETE FROM my-project.mart.u WHERE TRUE;
                CREATE OR REPLACE TABLE my-project.mart.c AS SELECT x FROM my-project.raw.a
                """,
                "my-project.raw.a.x -> my-project.mart.t.x DIRECT/IDENTITY",
                "my-project.raw.a.y -> my-project.mart.m.y DIRECT/IDENTITY",
                "my-project.raw.a.k -> my-project.mart.m INDIRECT/JOIN",
                "my-project.mart.m.k -> my-project.mart.m INDIRECT/JOIN",
                "my-project.mart.u.x -> my-project.mart.u INDIRECT/FILTER",
                "my-project.mart.u.y -> my-project.mart.u INDIRECT/FILTER",
                "my-project.raw.a.x -> my-project.mart.c.x DIRECT/IDENTITY");
    }

    @Test
    void subtractionWithSpacesIsNotAProjectName() {
        assertEdges("CREATE TABLE t2 AS SELECT amount - order_id AS d FROM orders",
                "p.d.orders.amount -> p.d.t2.d DIRECT/TRANSFORMATION",
                "p.d.orders.order_id -> p.d.t2.d DIRECT/TRANSFORMATION");
    }

    @Test
    void namedWindowDefinedOnAnother() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT SUM(amount) OVER w2 AS running, RANK() OVER w1 AS r FROM orders
                WINDOW w1 AS (PARTITION BY user_id), w2 AS (w1 ORDER BY order_date)
                """,
                "p.d.orders.amount -> p.d.t2.running DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.t2.running INDIRECT/WINDOW",
                "p.d.orders.order_date -> p.d.t2.running INDIRECT/WINDOW",
                "p.d.orders.user_id -> p.d.t2.r INDIRECT/WINDOW");
    }

    @Test
    void outputIsAnOrdinaryName() {
        assertEdges("CREATE TABLE t2 AS SELECT output, email AS output2, u.output AS o FROM raw.logs AS l, users AS u",
                "p.raw.logs.output -> p.d.t2.output DIRECT/IDENTITY",
                "p.d.users.email -> p.d.t2.output2 DIRECT/IDENTITY",
                "p.d.users.output -> p.d.t2.o DIRECT/IDENTITY");
    }
}
