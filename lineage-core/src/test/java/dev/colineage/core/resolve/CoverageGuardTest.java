package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every column reference of a statement is traced, recognised or reported: nothing is lost silently. */
class CoverageGuardTest extends LineageTestSupport {

    private static List<String> notTraced(LineageResult result) {
        return result.diagnostics().stream().filter(d -> d.code().equals(Diagnostic.COLUMN_NOT_TRACED))
                .map(Diagnostic::message).toList();
    }

    @Test
    void everyReferenceOfAWideStatementIsAccountedFor() {
        var result = analyze("""
                CREATE TABLE t2 AS
                WITH x (a, b) AS (SELECT user_id, email FROM users)
                SELECT * EXCEPT (b) REPLACE (a + 1 AS a), o.amount, f(o.status).field AS g
                FROM x JOIN orders o ON o.user_id = x.a JOIN daily USING (user_id)
                WHERE DATE_TRUNC(day, MONTH) > '2024-01-01'
                GROUP BY 1, 2, 3 HAVING SUM(total) > 0
                ORDER BY g
                """);
        assertEquals(List.of(), notTraced(result));
    }

    @Test
    void targetColumnListsAreNotReferences() {
        var result = analyze("""
                INSERT INTO orders (order_id, user_id) SELECT user_id, user_id FROM users;
                UPDATE orders SET status = 'x' WHERE order_id = 1;
                MERGE orders t USING users s ON t.user_id = s.user_id
                WHEN NOT MATCHED THEN INSERT (order_id, user_id) VALUES (s.user_id, s.user_id)
                WHEN NOT MATCHED BY SOURCE THEN DELETE;
                CREATE VIEW v (k) AS SELECT user_id FROM users
                """);
        assertEquals(List.of(), notTraced(result));
    }

    @Test
    void referencesNoResolverPartVisitedAreReportedByName() {
        // the guard on its own: a parsed statement that nothing resolved leaves every reference over
        try (var parser = new dev.colineage.core.sql.StatementParser()) {
            var statement = parser.parse("SELECT a, t.b, DATE_TRUNC(c, MONTH) FROM t WHERE day > 1").statement().orElseThrow();
            var context = new AnalysisContext(new dev.colineage.core.catalog.TableNameResolver(
                    java.util.Optional.empty(), java.util.Optional.empty(), CATALOG), new ScriptState(), parser);
            CoverageGuard.check(statement, context);
            assertEquals(List.of("MONTH", "a", "c", "day", "t.b"), context.diagnostics().stream()
                    .filter(d -> d.code().equals(Diagnostic.COLUMN_NOT_TRACED))
                    .map(d -> d.message().split(" ")[2]).toList());
        }
    }
}
