package dev.colineage.graph.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.extract.LocalExtraction;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.store.GraphStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check's rules on a small warehouse written through the real extraction: a struct column dropped with its
 * fields, names matched as BigQuery matches them, the query a new version replaces chosen among a table's
 * writers, a plain SELECT into its destination, and SQL the check cannot read.
 */
class SchemaChangeCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GraphStore store;
    private static SchemaChangeCheck check;

    private static String job(String id, String statementType, String sql, String destination) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("job_id", id);
        row.put("project_id", "p");
        row.put("user_email", "etl@p.iam.gserviceaccount.com");
        row.put("creation_time", "2026-11-20 03:00:00.000 UTC");
        row.put("job_type", "QUERY");
        row.put("state", "DONE");
        row.put("statement_type", statementType);
        row.put("query", sql);
        if (destination != null) {
            String[] d = destination.split("\\.");
            row.put("destination_table", Map.of("project_id", d[0], "dataset_id", d[1], "table_id", d[2]));
        }
        return JSON.writeValueAsString(row);
    }

    @BeforeAll
    static void warehouse() throws Exception {
        store = GraphStore.openTemporary("colineage-check", 32L * 1024 * 1024);
        List<String> log = List.of(
                job("j1", "SELECT", "SELECT id, address.city AS city, UPPER(name) AS name FROM p.raw.users", "p.s.users_clean"),
                job("j2", "INSERT", "INSERT INTO p.m.t (id, city) SELECT id, city FROM p.s.users_clean", null),
                job("j3", "INSERT", "INSERT INTO p.m.t (id, city) SELECT user_id, town FROM p.raw.legacy WHERE active", null));
        LocalExtraction.load(store.driver(), log, CatalogLoader.parse("""
                {"p.raw.users": [{"name": "id", "type": "INT64"}, {"name": "name", "type": "STRING"},
                   {"name": "address", "type": "RECORD", "fields": [{"name": "city", "type": "STRING"}, {"name": "zip", "type": "STRING"}]}],
                 "p.raw.legacy": [{"name": "user_id", "type": "INT64"}, {"name": "town", "type": "STRING"}, {"name": "active", "type": "BOOL"}]}"""));
        check = new SchemaChangeCheck(new LineageGraphs(store.driver(), Duration.ofSeconds(30), Duration.ZERO));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static CheckReport run(String sql) {
        return check.check(List.of(new ChangeFile("change.sql", sql, Optional.empty())), CheckOptions.defaults());
    }

    private static List<String> columns(List<ChangedColumn> changed) {
        List<String> out = new ArrayList<>();
        changed.forEach(c -> out.add(c.column() + " " + c.change()));
        return out;
    }

    @Test
    void aStructColumnIsDroppedWithItsFieldsWhateverTheCaseOfItsName() {
        CheckReport r = run("ALTER TABLE p.raw.users DROP COLUMN ADDRESS");
        assertEquals(List.of("p.raw.users.address.city DROPPED"), columns(r.changedColumns()));
        assertEquals(Severity.BREAKING, r.severity());
        assertEquals(1, r.breakingQueries().size());
        assertEquals(List.of(new QueryImpact.Reason("p.raw.users.address.city", ColumnUse.SELECT)), r.breakingQueries().get(0).reasons());
        // the failing SELECT writes users_clean: all its columns go stale, and what they feed
        assertEquals(List.of("p.s.users_clean.city", "p.s.users_clean.id", "p.s.users_clean.name", "p.m.t.city", "p.m.t.id"),
                r.affectedColumns().stream().map(AffectedColumn::column).toList());
        assertTrue(r.affectedColumns().stream().allMatch(c -> c.effect() == Effect.STALE));
    }

    @Test
    void aNewVersionReplacesTheWriterItSharesMostLineageWith() {
        CheckReport r = run("INSERT INTO p.m.t (id, city) SELECT user_id, UPPER(town) FROM p.raw.legacy");
        // j3 (from legacy), not j2 (from users_clean): city rewritten, the filter gone
        assertEquals(List.of("p.m.t.city REWRITTEN", "p.m.t ROWS_CHANGED"), columns(r.changedColumns()));
        ChangedColumn city = r.changedColumns().get(0);
        assertEquals(List.of(new LineageInput("p.raw.legacy.town", Transformation.Type.DIRECT, Transformation.Subtype.IDENTITY, false)),
                city.before());
        assertEquals(List.of(new LineageInput("p.raw.legacy.town", Transformation.Type.DIRECT, Transformation.Subtype.TRANSFORMATION,
                false)), city.after());
        assertEquals(List.of(new LineageInput("p.raw.legacy.active", Transformation.Type.INDIRECT, Transformation.Subtype.FILTER, false)),
                r.changedColumns().get(1).before());
        assertEquals(Severity.CHANGING, r.severity());
    }

    @Test
    void aPlainSelectWritesItsDestinationAndAColumnItNoLongerMakesIsDropped() {
        CheckReport r = check.check(List.of(new ChangeFile("users_clean.sql", "SELECT id, UPPER(name) AS name FROM p.raw.users",
                Optional.of(new TableRef("p", "s", "users_clean")))), CheckOptions.defaults());
        assertEquals(List.of("p.s.users_clean.city DROPPED"), columns(r.changedColumns()));
        // j2 reads city: it fails
        assertEquals(List.of(new QueryImpact.Reason("p.s.users_clean.city", ColumnUse.SELECT)), r.breakingQueries().get(0).reasons());
        assertEquals(Severity.BREAKING, r.severity());
    }

    @Test
    void whatTheCheckCannotReadIsAnErrorNamingTheFile() {
        String unparsed = assertThrows(CheckInputException.class, () -> run("SELEC id FROM p.raw.users")).getMessage();
        assertTrue(unparsed.startsWith("change.sql: statement 1 line 1: the SQL does not parse: "), unparsed);
        assertEquals("change.sql: statement 1: a SELECT writes no table: give its destination (--destination P.D.T)",
                assertThrows(CheckInputException.class, () -> run("SELECT id FROM p.raw.users")).getMessage());
        assertEquals("more than 2000 statements in one check: check the files in parts", assertThrows(CheckInputException.class,
                () -> run("ALTER TABLE p.raw.users SET OPTIONS (description = 'x');\n".repeat(2_001))).getMessage());
        assertEquals("change.sql: statement 1: RENAME COLUMN id of p.raw.users needs TO and the new name",
                assertThrows(CheckInputException.class, () -> run("ALTER TABLE p.raw.users RENAME COLUMN id")).getMessage());
    }
}
