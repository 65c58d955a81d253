package dev.colineage.core.resolve;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lineage of the query constructs of a SELECT: expressions, joins, filters, grouping, subqueries, CTEs. */
class SelectLineageTest extends LineageTestSupport {

    @Test
    void bareColumnIsIdentity() {
        assertEdges("CREATE TABLE t2 AS SELECT email FROM users",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void functionIsTransformation() {
        assertEdges("""
                CREATE TABLE `p.d.t2` AS SELECT LOWER(email) AS e FROM `p.d.users`
                """,
                "p.d.users.email -> p.d.t2.e DIRECT/TRANSFORMATION");
    }

    @Test
    void arithmeticOverTwoColumnsFeedsBoth() {
        assertEdges("CREATE TABLE t2 AS SELECT amount * 1.2 + order_id AS x FROM orders",
                "p.d.orders.amount -> p.d.t2.x DIRECT/TRANSFORMATION",
                "p.d.orders.order_id -> p.d.t2.x DIRECT/TRANSFORMATION");
    }

    @Test
    void aliasRenamesTarget() {
        assertEdges("CREATE TABLE t2 AS SELECT name AS full_name FROM users",
                "p.d.users.name -> p.d.t2.full_name DIRECT/IDENTITY");
    }

    @Test
    void columnNamesComeOutInCatalogSpelling() {
        assertEdges("CREATE TABLE t2 AS SELECT EMAIL, User_Id FROM USERS",
                "p.d.users.email -> p.d.t2.EMAIL DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2.User_Id DIRECT/IDENTITY");
    }

    @Test
    void sumIsAggregation() {
        assertEdges("CREATE TABLE t2 AS SELECT SUM(amount) AS total FROM orders",
                "p.d.orders.amount -> p.d.t2.total DIRECT/AGGREGATION");
    }

    @Test
    void countIsMaskingAggregation() {
        assertEdges("CREATE TABLE t2 AS SELECT COUNT(DISTINCT email) AS n FROM users",
                "p.d.users.email -> p.d.t2.n DIRECT/AGGREGATION+masking");
    }

    @Test
    void countStarHasNoColumnSource() {
        assertEdges("CREATE TABLE t2 AS SELECT COUNT(*) AS n FROM users WHERE country = 'DE'",
                "p.d.users.country -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void sha256IsMaskingTransformation() {
        assertEdges("CREATE TABLE t2 AS SELECT TO_HEX(SHA256(email)) AS h FROM users",
                "p.d.users.email -> p.d.t2.h DIRECT/TRANSFORMATION+masking");
    }

    @Test
    void farmFingerprintMasks() {
        assertEdges("CREATE TABLE t2 AS SELECT FARM_FINGERPRINT(phone) AS f FROM users",
                "p.d.users.phone -> p.d.t2.f DIRECT/TRANSFORMATION+masking");
    }

    @Test
    void maskedAndUnmaskedUseOfOneSourceIsUnmasked() {
        assertEdges("CREATE TABLE t2 AS SELECT CONCAT(email, MD5(email)) AS x FROM users",
                "p.d.users.email -> p.d.t2.x DIRECT/TRANSFORMATION");
    }

    @Test
    void aggregationOverTransformationIsAggregation() {
        assertEdges("CREATE TABLE t2 AS SELECT MAX(LOWER(status)) AS s FROM orders",
                "p.d.orders.status -> p.d.t2.s DIRECT/AGGREGATION");
    }

    @Test
    void whereColumnsFilterTheWholeTable() {
        assertEdges("CREATE TABLE t2 AS SELECT order_id FROM orders WHERE status = 'paid' AND amount > 10",
                "p.d.orders.order_id -> p.d.t2.order_id DIRECT/IDENTITY",
                "p.d.orders.status -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.amount -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void joinOnKeysAreTableWideJoin() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT u.email, o.amount FROM users u JOIN orders o ON u.user_id = o.user_id
                """,
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.amount DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2 INDIRECT/JOIN",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void joinUsingMergesKeyAndTakesLeftSide() {
        assertEdges("CREATE TABLE t2 AS SELECT user_id, amount FROM users JOIN orders USING (user_id)",
                "p.d.users.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.amount DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2 INDIRECT/JOIN",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void fullJoinUsingKeyComesFromBothSides() {
        assertEdges("CREATE TABLE t2 AS SELECT user_id FROM users FULL OUTER JOIN orders USING (user_id)",
                "p.d.users.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2 INDIRECT/JOIN",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void selfJoinKeepsAliasesApart() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT a.name AS buyer, b.name AS referrer FROM users a JOIN users b ON a.country = b.country
                """,
                "p.d.users.name -> p.d.t2.buyer DIRECT/IDENTITY",
                "p.d.users.name -> p.d.t2.referrer DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2 INDIRECT/JOIN");
    }

    @Test
    void groupByPositionAndAliasResolveToSelectItems() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT DATE(created_at) AS day, country, COUNT(*) AS n FROM users GROUP BY 1, country
                """,
                "p.d.users.created_at -> p.d.t2.day DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.d.t2.country DIRECT/IDENTITY",
                "p.d.users.created_at -> p.d.t2 INDIRECT/GROUP_BY",
                "p.d.users.country -> p.d.t2 INDIRECT/GROUP_BY");
    }

    @Test
    void havingFilters() {
        assertEdges("CREATE TABLE t2 AS SELECT user_id FROM orders GROUP BY user_id HAVING SUM(amount) > 100",
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/GROUP_BY",
                "p.d.orders.amount -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void orderBySorts() {
        assertEdges("CREATE TABLE t2 AS SELECT name FROM users ORDER BY created_at DESC LIMIT 10",
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.created_at -> p.d.t2 INDIRECT/SORT");
    }

    @Test
    void caseConditionIsConditionalOnItsColumn() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT CASE WHEN country = 'DE' THEN name ELSE 'other' END AS label FROM users
                """,
                "p.d.users.name -> p.d.t2.label DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.label INDIRECT/CONDITIONAL");
    }

    @Test
    void ifConditionIsConditional() {
        assertEdges("CREATE TABLE t2 AS SELECT IF(amount > 0, status, NULL) AS s FROM orders",
                "p.d.orders.status -> p.d.t2.s DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.s INDIRECT/CONDITIONAL");
    }

    @Test
    void coalescePassesValuesThrough() {
        assertEdges("CREATE TABLE t2 AS SELECT COALESCE(phone, email) AS contact FROM users",
                "p.d.users.phone -> p.d.t2.contact DIRECT/IDENTITY",
                "p.d.users.email -> p.d.t2.contact DIRECT/IDENTITY");
    }

    @Test
    void windowPartitionAndOrderAreWindowOnTheColumn() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT SUM(amount) OVER (PARTITION BY user_id ORDER BY order_date) AS running FROM orders
                """,
                "p.d.orders.amount -> p.d.t2.running DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.t2.running INDIRECT/WINDOW",
                "p.d.orders.order_date -> p.d.t2.running INDIRECT/WINDOW");
    }

    @Test
    void rowNumberDependsOnlyOnItsWindow() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT order_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY amount DESC) AS rn FROM orders
                """,
                "p.d.orders.order_id -> p.d.t2.order_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2.rn INDIRECT/WINDOW",
                "p.d.orders.amount -> p.d.t2.rn INDIRECT/WINDOW");
    }

    @Test
    void namedWindowIsInlined() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT AVG(amount) OVER w AS avg_amount FROM orders WINDOW w AS (PARTITION BY status)
                """,
                "p.d.orders.amount -> p.d.t2.avg_amount DIRECT/AGGREGATION",
                "p.d.orders.status -> p.d.t2.avg_amount INDIRECT/WINDOW");
    }

    @Test
    void qualifyFilters() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT order_id FROM orders QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY order_date DESC) = 1
                """,
                "p.d.orders.order_id -> p.d.t2.order_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.order_date -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void cteIsResolvedThrough() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH paid AS (SELECT user_id, amount FROM orders WHERE status = 'paid')
                SELECT user_id, amount AS paid_amount FROM paid
                """,
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.paid_amount DIRECT/IDENTITY",
                "p.d.orders.status -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void chainedCtesComposeTransformations() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH a AS (SELECT LOWER(email) AS e FROM users),
                     b AS (SELECT e AS e2 FROM a)
                SELECT COUNT(e2) AS n FROM b
                """,
                "p.d.users.email -> p.d.t2.n DIRECT/AGGREGATION+masking");
    }

    @Test
    void recursiveCteTerminates() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH RECURSIVE chain AS (
                  SELECT user_id AS id, 1 AS depth FROM users
                  UNION ALL
                  SELECT id, depth + 1 FROM chain WHERE depth < 3
                )
                SELECT id FROM chain
                """,
                "p.d.users.user_id -> p.d.t2.id DIRECT/IDENTITY");
    }

    @Test
    void derivedTableInFrom() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT s.total FROM (SELECT user_id, SUM(amount) AS total FROM orders GROUP BY user_id) s
                """,
                "p.d.orders.amount -> p.d.t2.total DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/GROUP_BY");
    }

    @Test
    void scalarSubqueryInSelect() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT name, (SELECT MAX(amount) FROM orders) AS top FROM users
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.top DIRECT/AGGREGATION");
    }

    @Test
    void correlatedSubqueryFilterTargetsItsColumn() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT u.name, (SELECT SUM(o.amount) FROM orders o WHERE o.user_id = u.user_id) AS spent FROM users u
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.t2.spent DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.t2.spent INDIRECT/FILTER",
                "p.d.users.user_id -> p.d.t2.spent INDIRECT/FILTER");
    }

    @Test
    void inSubqueryInWhereFilters() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT name FROM users WHERE user_id IN (SELECT user_id FROM orders WHERE status = 'paid')
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.status -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void existsSubqueryFilters() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT name FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id)
                """,
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void unionAllMergesByPosition() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT email AS contact FROM users
                UNION ALL
                SELECT status FROM orders
                """,
                "p.d.users.email -> p.d.t2.contact DIRECT/IDENTITY",
                "p.d.orders.status -> p.d.t2.contact DIRECT/IDENTITY");
    }

    @Test
    void unionDistinctAndExceptDistinct() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT user_id FROM users
                UNION DISTINCT
                SELECT user_id FROM orders
                EXCEPT DISTINCT
                SELECT user_id FROM daily
                """,
                "p.d.users.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.daily.user_id -> p.d.t2.user_id DIRECT/IDENTITY");
    }

    @Test
    void literalsHaveNoSources() {
        assertEdges("CREATE TABLE t2 AS SELECT 1 AS one, 'x' AS s, CURRENT_DATE() AS d FROM users");
    }

    @Test
    void dateTruncPartIsNotAColumn() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT DATE_TRUNC(order_date, MONTH) AS m, DATE_TRUNC(order_date, WEEK(MONDAY)) AS w,
                       DATE_DIFF(order_date, DATE '2024-01-01', DAY) AS age,
                       EXTRACT(DAYOFWEEK FROM order_date) AS dow
                FROM orders
                """,
                "p.d.orders.order_date -> p.d.t2.m DIRECT/TRANSFORMATION",
                "p.d.orders.order_date -> p.d.t2.w DIRECT/TRANSFORMATION",
                "p.d.orders.order_date -> p.d.t2.age DIRECT/TRANSFORMATION",
                "p.d.orders.order_date -> p.d.t2.dow DIRECT/TRANSFORMATION");
    }

    @Test
    void intervalAndParametersCarryNoLineage() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT DATE_SUB(order_date, INTERVAL 1 DAY) AS prev FROM orders WHERE order_date = @submission_date AND amount > ?
                """,
                "p.d.orders.order_date -> p.d.t2.prev DIRECT/TRANSFORMATION",
                "p.d.orders.order_date -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.amount -> p.d.t2 INDIRECT/FILTER");
    }

    @Test
    void safePrefixIsTheSameFunction() {
        assertEdges("CREATE TABLE t2 AS SELECT SAFE.PARSE_DATE('%Y', status) AS d, SAFE_CAST(amount AS INT64) AS a FROM orders",
                "p.d.orders.status -> p.d.t2.d DIRECT/TRANSFORMATION",
                "p.d.orders.amount -> p.d.t2.a DIRECT/TRANSFORMATION");
    }

    @Test
    void castOfBooleanExpression() {
        assertEdges("CREATE TABLE t2 AS SELECT CAST(amount > 0 AS INT64) AS positive FROM orders",
                "p.d.orders.amount -> p.d.t2.positive DIRECT/TRANSFORMATION");
    }

    @Test
    void arrayAggWithOrderByAndOffset() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT user_id, ARRAY_AGG(status IGNORE NULLS ORDER BY order_date DESC LIMIT 1)[OFFSET(0)] AS last_status
                FROM orders GROUP BY user_id
                """,
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.status -> p.d.t2.last_status DIRECT/AGGREGATION",
                "p.d.orders.order_date -> p.d.t2.last_status INDIRECT/SORT",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/GROUP_BY");
    }

    @Test
    void rawAndTripleQuotedStringsAreLiterals() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT REGEXP_EXTRACT(email, r"@(.+)$") AS domain, \"""multi
                line\""" AS note, "double" AS d FROM users
                """,
                "p.d.users.email -> p.d.t2.domain DIRECT/TRANSFORMATION");
    }

    @Test
    void trailingCommaBeforeFrom() {
        assertEdges("CREATE TABLE t2 AS SELECT name, email, FROM users",
                "p.d.users.name -> p.d.t2.name DIRECT/IDENTITY",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void keywordNamedColumnsAreColumns() {
        assertEdges("CREATE TABLE t2 AS SELECT map, settings.final AS f FROM raw.things",
                "p.raw.things.map -> p.d.t2.map DIRECT/IDENTITY",
                "p.raw.things.settings.final -> p.d.t2.f DIRECT/IDENTITY");
    }

    @Test
    void jsonValueWithOneArgument() {
        assertEdges("CREATE TABLE t2 AS SELECT JSON_VALUE(status) AS s FROM orders",
                "p.d.orders.status -> p.d.t2.s DIRECT/TRANSFORMATION");
    }

    @Test
    void pivotFeedsEachPivotColumnAndGroupsByTheRest() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT * FROM sales PIVOT(SUM(revenue) FOR quarter IN ('Q1' AS q1, 'Q2' AS q2))
                """,
                "p.d.sales.region -> p.d.t2.region DIRECT/IDENTITY",
                "p.d.sales.region -> p.d.t2 INDIRECT/GROUP_BY",
                "p.d.sales.revenue -> p.d.t2.q1 DIRECT/AGGREGATION",
                "p.d.sales.quarter -> p.d.t2.q1 INDIRECT/CONDITIONAL",
                "p.d.sales.revenue -> p.d.t2.q2 DIRECT/AGGREGATION",
                "p.d.sales.quarter -> p.d.t2.q2 INDIRECT/CONDITIONAL");
    }

    @Test
    void maxByArgumentOnlyPicksTheRow() {
        assertEdges("CREATE TABLE t2 AS SELECT MAX_BY(status, order_date) AS s, MIN_BY(amount, order_date) AS a FROM orders",
                "p.d.orders.status -> p.d.t2.s DIRECT/AGGREGATION",
                "p.d.orders.order_date -> p.d.t2.s INDIRECT/CONDITIONAL",
                "p.d.orders.amount -> p.d.t2.a DIRECT/AGGREGATION",
                "p.d.orders.order_date -> p.d.t2.a INDIRECT/CONDITIONAL");
    }

    @Test
    void unaryOperatorsAndNullTestsAreTransformations() {
        assertEdges("CREATE TABLE t2 AS SELECT NOT (amount > 0) AS n, -amount AS m, status IS NULL AS i, (status IS NOT TRUE) AS b FROM orders",
                "p.d.orders.amount -> p.d.t2.n DIRECT/TRANSFORMATION",
                "p.d.orders.amount -> p.d.t2.m DIRECT/TRANSFORMATION",
                "p.d.orders.status -> p.d.t2.i DIRECT/TRANSFORMATION",
                "p.d.orders.status -> p.d.t2.b DIRECT/TRANSFORMATION");
    }

    @Test
    void qualifyOnASelectListAliasFiltersByTheWindow() {
        var result = analyze("""
                CREATE TABLE t2 AS
                SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY order_date DESC) AS rn FROM orders
                QUALIFY rn = 1
                """);
        assertEdges(result,
                "p.d.orders.user_id -> p.d.t2.user_id DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.t2.rn INDIRECT/WINDOW",
                "p.d.orders.order_date -> p.d.t2.rn INDIRECT/WINDOW",
                "p.d.orders.user_id -> p.d.t2 INDIRECT/FILTER",
                "p.d.orders.order_date -> p.d.t2 INDIRECT/FILTER");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), codes(result));
    }

    @Test
    void derivedTableSeesOnlyItsOwnFromItems() {
        // tab2 is not in the catalog: b.name is still tab2's name, never a sibling's
        assertEdgesInto("p.d.t3", """
                SELECT b.name AS n2 FROM (SELECT name FROM users) a, (SELECT name FROM raw.tab2) b
                """,
                "p.raw.tab2.name -> p.d.t3.n2 DIRECT/IDENTITY");
    }

    @Test
    void derivedTableSeesOnlyItsOwnFromItemsInAJoin() {
        assertEdgesInto("p.d.t3", """
                SELECT b.name AS n2 FROM (SELECT name FROM users) a JOIN (SELECT name FROM raw.tab2) b ON a.name = b.name
                """,
                "p.raw.tab2.name -> p.d.t3.n2 DIRECT/IDENTITY",
                "p.d.users.name -> p.d.t3 INDIRECT/JOIN",
                "p.raw.tab2.name -> p.d.t3 INDIRECT/JOIN");
    }

    @Test
    void fieldOfTheFirstAggregatedStructIsOnlyThatField() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT ARRAY_AGG(STRUCT(status, amount) ORDER BY order_date DESC LIMIT 1)[OFFSET(0)].status AS last_status
                FROM orders
                """,
                "p.d.orders.status -> p.d.t2.last_status DIRECT/AGGREGATION",
                "p.d.orders.order_date -> p.d.t2.last_status INDIRECT/SORT");
    }
}
