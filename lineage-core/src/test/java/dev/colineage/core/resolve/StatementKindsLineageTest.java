package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets of each statement kind: destination SELECT, CTAS, VIEW, INSERT, UPDATE, MERGE. */
class StatementKindsLineageTest extends LineageTestSupport {

    @Test
    void selectWritesToGivenDestination() {
        assertEdgesInto("p.mart.user_emails", "SELECT user_id, email FROM users",
                "p.d.users.user_id -> p.mart.user_emails.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.mart.user_emails.email DIRECT/IDENTITY");
    }

    @Test
    void selectWithoutDestinationHasNoEdgesAndSaysWhy() {
        var result = analyze("SELECT user_id FROM users");
        assertEdges(result);
        assertTrue(codes(result).contains("NO_DESTINATION"));
    }

    @Test
    void createOrReplaceTableWithPartitionClusterOptions() {
        assertEdges("""
                CREATE OR REPLACE TABLE `p.mart.orders_by_day`
                PARTITION BY order_date
                CLUSTER BY user_id
                OPTIONS (description = "daily orders", labels = [("team", "data")])
                AS SELECT order_date, user_id, amount FROM orders
                """,
                "p.d.orders.order_date -> p.mart.orders_by_day.order_date DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.mart.orders_by_day.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.mart.orders_by_day.amount DIRECT/IDENTITY");
    }

    @Test
    void createTableWithColumnListMapsByPosition() {
        assertEdges("CREATE TABLE t2 (a STRING, b STRING) AS SELECT name, country FROM users",
                "p.d.users.name -> p.d.t2.a DIRECT/IDENTITY",
                "p.d.users.country -> p.d.t2.b DIRECT/IDENTITY");
    }

    @Test
    void createViewTargetsTheView() {
        assertEdges("""
                CREATE OR REPLACE VIEW `p.views.active_users` OPTIONS (description = 'x') AS
                SELECT user_id, LOWER(email) AS email FROM users WHERE country IS NOT NULL
                """,
                "p.d.users.user_id -> p.views.active_users.user_id DIRECT/IDENTITY",
                "p.d.users.email -> p.views.active_users.email DIRECT/TRANSFORMATION",
                "p.d.users.country -> p.views.active_users INDIRECT/FILTER");
    }

    @Test
    void createViewWithColumnNames() {
        assertEdges("CREATE VIEW v (uid, mail) AS SELECT user_id, email FROM users",
                "p.d.users.user_id -> p.d.v.uid DIRECT/IDENTITY",
                "p.d.users.email -> p.d.v.mail DIRECT/IDENTITY");
    }

    @Test
    void insertWithColumnListIsPositional() {
        assertEdges("INSERT INTO daily (user_id, total) SELECT user_id, SUM(amount) FROM orders GROUP BY user_id",
                "p.d.orders.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.daily.total DIRECT/AGGREGATION",
                "p.d.orders.user_id -> p.d.daily INDIRECT/GROUP_BY");
    }

    @Test
    void insertWithoutColumnListUsesTargetSchemaOrder() {
        assertEdges("INSERT daily SELECT order_date, user_id, amount FROM orders",
                "p.d.orders.order_date -> p.d.daily.day DIRECT/IDENTITY",
                "p.d.orders.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.daily.total DIRECT/IDENTITY");
    }

    @Test
    void insertWithCte() {
        assertEdges("""
                INSERT INTO daily (user_id)
                WITH big AS (SELECT user_id FROM orders WHERE amount > 100)
                SELECT user_id FROM big
                """,
                "p.d.orders.user_id -> p.d.daily.user_id DIRECT/IDENTITY",
                "p.d.orders.amount -> p.d.daily INDIRECT/FILTER");
    }

    @Test
    void updateSetFromJoin() {
        assertEdges("""
                UPDATE customers c SET email = u.email, segment = UPPER(u.country)
                FROM users u WHERE c.id = u.user_id
                """,
                "p.d.users.email -> p.d.customers.email DIRECT/IDENTITY",
                "p.d.users.country -> p.d.customers.segment DIRECT/TRANSFORMATION",
                "p.d.customers.id -> p.d.customers INDIRECT/FILTER",
                "p.d.users.user_id -> p.d.customers INDIRECT/FILTER");
    }

    @Test
    void mergeUpdateAndInsertBranches() {
        assertEdges("""
                MERGE customers c
                USING users u
                ON c.id = u.user_id
                WHEN MATCHED THEN UPDATE SET email = u.email
                WHEN NOT MATCHED THEN INSERT (id, email, segment) VALUES (u.user_id, u.email, 'new')
                """,
                "p.d.users.email -> p.d.customers.email DIRECT/IDENTITY",
                "p.d.users.user_id -> p.d.customers.id DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.customers INDIRECT/JOIN",
                "p.d.users.user_id -> p.d.customers INDIRECT/JOIN");
    }

    @Test
    void mergeBranchConditionIsConditionalOnItsColumns() {
        assertEdges("""
                MERGE INTO customers c USING users u ON c.id = u.user_id
                WHEN MATCHED AND u.country = 'DE' THEN UPDATE SET segment = 'de'
                """,
                "p.d.users.country -> p.d.customers.segment INDIRECT/CONDITIONAL",
                "p.d.customers.id -> p.d.customers INDIRECT/JOIN",
                "p.d.users.user_id -> p.d.customers INDIRECT/JOIN");
    }

    @Test
    void mergeFromUnionSubqueryWithBySourceDelete() {
        assertEdges("""
                MERGE customers t
                USING (SELECT user_id AS id, email FROM users UNION ALL SELECT id, email FROM customers) s
                ON t.id = s.id
                WHEN NOT MATCHED BY SOURCE THEN DELETE
                WHEN NOT MATCHED BY TARGET THEN INSERT (id, email) VALUES (s.id, s.email)
                """,
                "p.d.users.user_id -> p.d.customers.id DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.customers.id DIRECT/IDENTITY",
                "p.d.users.email -> p.d.customers.email DIRECT/IDENTITY",
                "p.d.customers.email -> p.d.customers.email DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.customers INDIRECT/JOIN",
                "p.d.users.user_id -> p.d.customers INDIRECT/JOIN");
    }

    @Test
    void mergeInsertRowCopiesSourceByPosition() {
        assertEdges("""
                MERGE customers t USING (SELECT user_id, email, country FROM users) s ON t.id = s.user_id
                WHEN NOT MATCHED THEN INSERT ROW
                """,
                "p.d.users.user_id -> p.d.customers.id DIRECT/IDENTITY",
                "p.d.users.email -> p.d.customers.email DIRECT/IDENTITY",
                "p.d.users.country -> p.d.customers.segment DIRECT/IDENTITY",
                "p.d.customers.id -> p.d.customers INDIRECT/JOIN",
                "p.d.users.user_id -> p.d.customers INDIRECT/JOIN");
    }

    @Test
    void mergeInsertNamesMeanSourceColumnsEvenWhenTargetSchemaIsUnknown() {
        assertEdges("""
                MERGE INTO raw.base_union AS dest
                USING (SELECT * FROM raw.prep_ios UNION ALL SELECT * FROM raw.prep_web) AS src
                ON FALSE
                WHEN NOT MATCHED BY SOURCE AND dest.pt < '2018-01-01' THEN DELETE
                WHEN NOT MATCHED THEN INSERT (platform, pt) VALUES (platform, pt)
                """,
                "p.raw.prep_ios.platform -> p.raw.base_union.platform DIRECT/IDENTITY",
                "p.raw.prep_web.platform -> p.raw.base_union.platform DIRECT/IDENTITY",
                "p.raw.prep_ios.pt -> p.raw.base_union.pt DIRECT/IDENTITY",
                "p.raw.prep_web.pt -> p.raw.base_union.pt DIRECT/IDENTITY");
    }

    @Test
    void cloneCopiesEveryColumnAndExtendsTheCatalog() {
        assertEdges("""
                CREATE OR REPLACE TABLE mart.sales_backup CLONE sales FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01';
                CREATE TABLE mart.regions AS SELECT DISTINCT region FROM mart.sales_backup;
                """,
                "p.d.sales.region -> p.mart.sales_backup.region DIRECT/IDENTITY",
                "p.d.sales.quarter -> p.mart.sales_backup.quarter DIRECT/IDENTITY",
                "p.d.sales.revenue -> p.mart.sales_backup.revenue DIRECT/IDENTITY",
                "p.mart.sales_backup.region -> p.mart.regions.region DIRECT/IDENTITY");
    }

    @Test
    void aTableNamedCopyIsNoTableCopy() {
        assertEdges("CREATE TABLE mart.copy AS SELECT region FROM sales",
                "p.d.sales.region -> p.mart.copy.region DIRECT/IDENTITY");
        assertEdges("CREATE TABLE `p.mart.clone` COPY sales",
                "p.d.sales.region -> p.mart.clone.region DIRECT/IDENTITY",
                "p.d.sales.quarter -> p.mart.clone.quarter DIRECT/IDENTITY",
                "p.d.sales.revenue -> p.mart.clone.revenue DIRECT/IDENTITY");
    }

    @Test
    void insertValuesTakesSourcesByPosition() {
        assertEdges("INSERT INTO daily (user_id, total) VALUES (42, (SELECT SUM(amount) FROM orders))",
                "p.d.orders.amount -> p.d.daily.total DIRECT/AGGREGATION");
        assertEquals(List.of(), codes(analyze("INSERT INTO daily (user_id, total) VALUES (1, 2.0), (3, 4.0)")));
    }

    @Test
    void tableFunctionDefinitionIsRecognised() {
        var result = analyze("CREATE TABLE FUNCTION d.f(x INT64) AS SELECT name FROM users WHERE user_id = x");
        assertEdges(result);
        assertEquals(1, result.parsedStatements());
    }

    @Test
    void deleteAndDropCarryNoLineageButAreUnderstood() {
        var result = analyze("DELETE FROM users WHERE country = 'XX'; DROP TABLE IF EXISTS t2");
        assertEdges(result);
        assertEquals(2, result.parsedStatements());
    }
}
