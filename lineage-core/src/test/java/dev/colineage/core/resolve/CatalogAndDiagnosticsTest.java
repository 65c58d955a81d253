package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Name resolution against the catalog and what is reported when SQL or names are bad. */
class CatalogAndDiagnosticsTest extends LineageTestSupport {

    @Test
    void backtickedProjectWithDashesAndMixedCase() {
        assertEdges("CREATE TABLE t2 AS SELECT accountid FROM `other-proj`.raw.accounts",
                "other-proj.raw.Accounts.AccountId -> p.d.t2.accountid DIRECT/IDENTITY");
    }

    @Test
    void datasetTableResolvesToDefaultProject() {
        assertEdges("CREATE TABLE t2 AS SELECT email FROM d.users",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void fullyQualifiedColumnReference() {
        assertEdges("CREATE TABLE t2 AS SELECT d.users.email FROM d.users",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void unknownTableStillYieldsEdgesAsWritten() {
        LineageResult result = analyze("CREATE TABLE t2 AS SELECT a, b AS bee FROM raw.mystery");
        assertEdges(result,
                "p.raw.mystery.a -> p.d.t2.a DIRECT/IDENTITY",
                "p.raw.mystery.b -> p.d.t2.bee DIRECT/IDENTITY");
        assertTrue(codes(result).contains(Diagnostic.UNKNOWN_TABLE));
    }

    @Test
    void unknownColumnOfKnownTableIsReportedAndKeptAsWritten() {
        LineageResult result = analyze("CREATE TABLE t2 AS SELECT u.nickname FROM users u");
        assertEdges(result, "p.d.users.nickname -> p.d.t2.nickname DIRECT/IDENTITY");
        assertTrue(codes(result).contains(Diagnostic.UNKNOWN_COLUMN));
    }

    @Test
    void ambiguousUnqualifiedColumnIsADiagnosticNotAGuess() {
        LineageResult result = analyze("CREATE TABLE t2 AS SELECT user_id FROM users, orders");
        assertEdges(result);
        assertTrue(codes(result).contains(Diagnostic.AMBIGUOUS_COLUMN));
    }

    @Test
    void columnOfTwoUnknownTablesIsAmbiguous() {
        LineageResult result = analyze("CREATE TABLE t2 AS SELECT x FROM raw.a1, raw.a2");
        assertEdges(result);
        assertTrue(codes(result).contains(Diagnostic.AMBIGUOUS_COLUMN));
    }

    @Test
    void columnMissingFromKnownTableGoesToTheUnknownOne() {
        assertEdges("CREATE TABLE t2 AS SELECT email, extra FROM users JOIN raw.side ON TRUE",
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY",
                "p.raw.side.extra -> p.d.t2.extra DIRECT/IDENTITY");
    }

    @Test
    void parseErrorIsReportedWithPositionAndOtherStatementsContinue() {
        LineageResult result = analyze("""
                CREATE TABLE t2 AS SELECT email FROM users;
                CREATE TABLE t3 AS SELECT FROM WHERE;
                CREATE TABLE t4 AS SELECT name FROM users;
                """);
        assertEdges(result,
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY",
                "p.d.users.name -> p.d.t4.name DIRECT/IDENTITY");
        Diagnostic error = result.diagnostics().stream().filter(d -> d.code().equals(Diagnostic.PARSE_ERROR)).findFirst().orElseThrow();
        assertEquals(2, error.statement());
        assertEquals(Optional.of(2), error.line());
        assertEquals(3, result.statements());
        assertEquals(2, result.parsedStatements());
    }

    @Test
    void garbageNeverThrows() {
        for (String sql : new String[]{"", ";;;", "SELECT (((", "`unterminated", "'x", "CREATE TABLE", "MERGE", "\u0000\u0001"}) {
            LineageResult result = analyze(sql);
            assertTrue(result.edges().isEmpty(), sql);
        }
    }

    @Test
    void emptyInputIsAnError() {
        LineageResult result = analyze("  -- only a comment\n");
        assertTrue(result.hasErrors());
        assertEquals(0, result.statements());
    }

    @Test
    void dynamicSqlIsReportedUnsupported() {
        LineageResult result = analyze("EXECUTE IMMEDIATE CONCAT('SELECT ', col_name, ' FROM t')");
        assertTrue(codes(result).contains(Diagnostic.UNSUPPORTED_STATEMENT));
        assertFalse(result.parsedStatements() > 0);
    }

    @Test
    void pseudoColumnsAreNotUnknownColumns() {
        LineageResult result = analyze("CREATE TABLE t2 AS SELECT email FROM users WHERE _PARTITIONTIME IS NOT NULL");
        assertEdges(result, "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
        assertFalse(codes(result).contains(Diagnostic.UNKNOWN_COLUMN));
    }
}
