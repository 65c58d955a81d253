package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SELECT * expansion, STRUCT fields, UNNEST of arrays of STRUCTs. */
class StructAndStarLineageTest extends LineageTestSupport {

    @Test
    void starExpandsFromCatalog() {
        assertEdges("CREATE TABLE t2 AS SELECT * FROM sales",
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY",
                "p.d.sales.quarter -> p.d.t2.quarter DIRECT/IDENTITY",
                "p.d.sales.revenue -> p.d.t2.revenue DIRECT/IDENTITY");
    }

    @Test
    void starExceptDropsColumns() {
        assertEdges("CREATE TABLE t2 AS SELECT * EXCEPT (quarter, revenue) FROM sales",
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY");
    }

    @Test
    void starReplaceKeepsPositionAndName() {
        assertEdges("CREATE TABLE t2 AS SELECT * REPLACE (ROUND(revenue) AS revenue) FROM sales",
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY",
                "p.d.sales.quarter -> p.d.t2.quarter DIRECT/IDENTITY",
                "p.d.sales.revenue -> p.d.t2.revenue DIRECT/TRANSFORMATION");
    }

    @Test
    void tableStarWithExcept() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT s.* EXCEPT (revenue), c.segment FROM sales s JOIN customers c ON s.region = c.segment
                """,
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY",
                "p.d.sales.quarter -> p.d.t2.quarter DIRECT/IDENTITY",
                "p.d.customers.segment -> p.d.t2.segment DIRECT/IDENTITY",
                "p.d.sales.region -> p.d.t2 INDIRECT/JOIN",
                "p.d.customers.segment -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void starOverCteExpandsItsColumns() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH x AS (SELECT region, revenue * 2 AS double_revenue FROM sales)
                SELECT * FROM x
                """,
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY",
                "p.d.sales.revenue -> p.d.t2.double_revenue DIRECT/TRANSFORMATION");
    }

    @Test
    void starWithUsingJoinListsKeyOnce() {
        assertEdges("CREATE TABLE t2 AS SELECT * FROM daily JOIN customers ON daily.user_id = customers.id",
                "p.d.daily.day -> p.d.t2.day DIRECT/IDENTITY",
                "p.d.daily.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.daily.total -> p.d.t2.total DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.t2.id DIRECT/IDENTITY",
                "p.d.customers.email -> p.d.t2.email DIRECT/IDENTITY",
                "p.d.customers.segment -> p.d.t2.segment DIRECT/IDENTITY",
                "p.d.daily.user_id -> p.d.t2 INDIRECT/JOIN",
                "p.d.customers.id -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void starOverUnknownTablePassesThroughUnlisted() {
        var result = analyze("CREATE TABLE t2 AS SELECT * FROM raw.events_stable");
        assertEdges(result, "p.raw.events_stable.* -> p.d.t2.* DIRECT/IDENTITY");
        assertTrue(codes(result).contains("STAR_NOT_EXPANDED"));
        assertTrue(codes(result).contains("UNKNOWN_TABLE"));
    }

    @Test
    void unknownStarExpandsIntoKnownTargetSchema() {
        assertEdgesInto("p.d.daily", "SELECT * EXCEPT (x), x * 100 AS total FROM raw.agg",
                "p.raw.agg.day -> p.d.daily.day DIRECT/IDENTITY",
                "p.raw.agg.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.raw.agg.x -> p.d.daily.total DIRECT/TRANSFORMATION");
    }

    @Test
    void columnThroughCteOverUnknownTableKeepsItsName() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH extracted AS (SELECT *, DATE(submission_timestamp) AS submission_date FROM raw.pings)
                SELECT client_id, submission_date FROM extracted
                """,
                "p.raw.pings.client_id -> p.d.t2.client_id DIRECT/IDENTITY",
                "p.raw.pings.submission_timestamp -> p.d.t2.submission_date DIRECT/TRANSFORMATION");
    }

    @Test
    void structFieldAccessKeepsPath() {
        assertEdges("CREATE TABLE t2 AS SELECT shipping.city AS city FROM orders",
                "p.d.orders.shipping.city -> p.d.t2.city DIRECT/IDENTITY");
    }

    @Test
    void structFieldAccessWithAlias() {
        assertEdges("CREATE TABLE t2 AS SELECT o.shipping.zip FROM orders o",
                "p.d.orders.shipping.zip -> p.d.t2.zip DIRECT/IDENTITY");
    }

    @Test
    void wholeStructColumnPassesAsOneColumn() {
        assertEdges("CREATE TABLE t2 AS SELECT shipping FROM orders",
                "p.d.orders.shipping -> p.d.t2.shipping DIRECT/IDENTITY");
    }

    @Test
    void structConstructorTargetsEachField() {
        assertEdges("CREATE TABLE t2 AS SELECT STRUCT(name AS n, UPPER(country) AS c) AS info FROM users",
                "p.d.users.name -> p.d.t2.info.n DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.info.c DIRECT/TRANSFORMATION");
    }

    @Test
    void typedStructConstructorNamesFieldsFromType() {
        assertEdges("CREATE TABLE t2 AS SELECT STRUCT<n STRING, c STRING>(name, country) AS info FROM users",
                "p.d.users.name -> p.d.t2.info.n DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.info.c DIRECT/IDENTITY");
    }

    @Test
    void structBuiltInCteIsReadByField() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH c AS (SELECT STRUCT(email AS e, phone AS p) AS contact FROM users)
                SELECT contact.p AS phone FROM c
                """,
                "p.d.users.phone -> p.d.t2.phone DIRECT/IDENTITY");
    }

    @Test
    void structStarExpandsCatalogFields() {
        assertEdges("CREATE TABLE t2 AS SELECT shipping.* FROM orders",
                "p.d.orders.shipping.city -> p.d.t2.city DIRECT/IDENTITY",
                "p.d.orders.shipping.zip -> p.d.t2.zip DIRECT/IDENTITY");
    }

    @Test
    void parenthesisedExpressionStarWithExcept() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT (SELECT AS STRUCT name, email, country FROM users LIMIT 1).* EXCEPT (email) FROM orders
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.country DIRECT/IDENTITY");
    }

    @Test
    void conditionalRowStarTakesFieldsFromBothBranches() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT IF(a.user_id IS NOT NULL, a, b).* REPLACE (LEAST(a.created_at, b.created_at) AS created_at)
                FROM users a FULL JOIN users b USING (email)
                """,
                "p.d.users.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY",
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.country DIRECT/IDENTITY",
                "p.d.users.phone -> p.d.t2.phone DIRECT/IDENTITY",
                "p.d.users.created_at -> p.d.t2.created_at DIRECT/TRANSFORMATION",
                "p.d.users.user_id -> p.d.t2.email INDIRECT/CONDITIONAL",
                "p.d.users.user_id -> p.d.t2.user_id INDIRECT/CONDITIONAL",
                "p.d.users.user_id -> p.d.t2.name INDIRECT/CONDITIONAL",
                "p.d.users.user_id -> p.d.t2.country INDIRECT/CONDITIONAL",
                "p.d.users.user_id -> p.d.t2.phone INDIRECT/CONDITIONAL",
                "p.d.users.email -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void arrayAggOffsetStarWithReplace() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT ARRAY_AGG(STRUCT(status, amount) ORDER BY order_date DESC LIMIT 1)[OFFSET(0)].* REPLACE (0 AS amount)
                FROM orders
                """,
                "p.d.orders.status -> p.d.t2.status DIRECT/AGGREGATION",
                "p.d.orders.order_date -> p.d.t2.status INDIRECT/SORT");
    }

    @Test
    void unnestArrayOfStructsKeepsNestedPath() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT o.order_id, item.sku, item.qty * item.price AS line_total
                FROM orders o, UNNEST(o.items) AS item
                """,
                "p.d.orders.order_id -> p.d.t2.order_id DIRECT/IDENTITY",
                "p.d.orders.items.sku -> p.d.t2.sku DIRECT/IDENTITY",
                "p.d.orders.items.qty -> p.d.t2.line_total DIRECT/TRANSFORMATION",
                "p.d.orders.items.price -> p.d.t2.line_total DIRECT/TRANSFORMATION");
    }

    @Test
    void unnestFieldsAreColumnsWithoutAlias() {
        assertEdges("CREATE TABLE t2 AS SELECT sku FROM orders CROSS JOIN UNNEST(items)",
                "p.d.orders.items.sku -> p.d.t2.sku DIRECT/IDENTITY");
    }

    @Test
    void unnestWithOffsetColumnHasNoSource() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT item.sku, pos FROM orders, UNNEST(items) AS item WITH OFFSET AS pos WHERE pos < 3
                """,
                "p.d.orders.items.sku -> p.d.t2.sku DIRECT/IDENTITY");
    }

    @Test
    void implicitUnnestOfCorrelatedPath() {
        assertEdges("CREATE TABLE t2 AS SELECT i.sku FROM orders o, o.items AS i",
                "p.d.orders.items.sku -> p.d.t2.sku DIRECT/IDENTITY");
    }

    @Test
    void unnestOfScalarArrayIsTheArray() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT tag FROM users, UNNEST(SPLIT(name, ' ')) AS tag
                """,
                "p.d.users.name -> p.d.t2.tag DIRECT/TRANSFORMATION");
    }

    @Test
    void arraySubqueryOverUnnest() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT ARRAY(SELECT x.sku FROM UNNEST(items) AS x WHERE x.qty > 0) AS skus FROM orders
                """,
                "p.d.orders.items.sku -> p.d.t2.skus DIRECT/TRANSFORMATION",
                "p.d.orders.items.qty -> p.d.t2.skus INDIRECT/FILTER");
    }

    @Test
    void typedArrayOfStructsNamesTupleFields() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT kv.k, kv.v FROM users, UNNEST(ARRAY<STRUCT<k STRING, v STRING>>[('name', name), ('country', country)]) AS kv
                """,
                "p.d.users.name -> p.d.t2.v DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.t2.v DIRECT/TRANSFORMATION");
    }

    @Test
    void wildcardTableTakesSchemaOfMatchingShard() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT * EXCEPT (ts) FROM `p.d.events_*` WHERE _TABLE_SUFFIX BETWEEN '20240101' AND '20240102'
                """,
                "p.d.events_*.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.events_*.event_name -> p.d.t2.event_name DIRECT/IDENTITY");
    }
}
