package dev.colineage.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryFingerprintTest {

    private static JobRecord job(String sql, String project, Optional<TableRef> destination, List<TableRef> refs,
                                 Optional<String> session) {
        return new JobRecord("j", project, sql, "SELECT", destination, refs, session, Optional.empty(), Optional.empty());
    }

    private static JobRecord job(String sql) {
        return job(sql, "p", Optional.empty(), List.of(), Optional.empty());
    }

    @Test
    void whitespaceCommentsAndLiteralsFold() {
        assertEquals("SELECT a , ? FROM d . t WHERE x = ? AND y > ?",
                QueryFingerprint.normalize("SELECT a, 'lit'  -- note\nFROM d.t\n\tWHERE x = \"v\" AND y > 42 /* c */"));
        String fingerprint = QueryFingerprint.of(job("SELECT a FROM d.t WHERE day = '2026-01-01' LIMIT 10"));
        assertEquals(32, fingerprint.length());
        assertEquals(fingerprint, QueryFingerprint.of(job("SELECT a\n  FROM d.t WHERE day = '2026-11-22' LIMIT 500")));
    }

    @Test
    void identifiersKeepTheirCase() {
        assertNotEquals(QueryFingerprint.of(job("SELECT a FROM d.Orders")), QueryFingerprint.of(job("SELECT a FROM d.orders")));
    }

    @Test
    void contextOutsideTheTextSeparatesQueries() {
        String sql = "SELECT a FROM t";
        String base = QueryFingerprint.of(job(sql));
        assertNotEquals(base, QueryFingerprint.of(job(sql, "other", Optional.empty(), List.of(), Optional.empty())));
        assertNotEquals(base, QueryFingerprint.of(job(sql, "p", Optional.of(new TableRef("p", "mart", "x")), List.of(),
                Optional.empty())));
        assertNotEquals(base, QueryFingerprint.of(job(sql, "p", Optional.empty(), List.of(new TableRef("p", "raw", "t")),
                Optional.empty())));
        assertNotEquals(base, QueryFingerprint.of(job(sql, "p", Optional.empty(), List.of(), Optional.of("s1"))));
        // an anonymous result table is no destination: every ad-hoc run of a SELECT gets a new one
        assertEquals(base, QueryFingerprint.of(job(sql, "p", Optional.of(new TableRef("p", "_a1b2", "anon9")), List.of(),
                Optional.empty())));
    }

    @Test
    void externalQueryKeepsItsSqlLiteral() {
        String a = "SELECT * FROM EXTERNAL_QUERY('conn', 'SELECT id FROM users')";
        String b = "SELECT * FROM EXTERNAL_QUERY('conn', 'SELECT id FROM orders')";
        assertNotEquals(QueryFingerprint.of(job(a)), QueryFingerprint.of(job(b)));
        assertEquals(QueryFingerprint.of(job(a)), QueryFingerprint.of(job("SELECT * FROM EXTERNAL_QUERY('conn', '''SELECT id\n    FROM users''')"
                .replace("'''", "'"))), "layout inside the external SQL does not matter");
    }
}
