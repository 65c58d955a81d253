package dev.colineage.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.RoutineCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 13: INFORMATION_SCHEMA rows of several views gathered into definitions and routines. */
class WarehouseMetadataTest {

    private static final List<String> ROWS = List.of(
            // a view: its text from VIEWS, its time from TABLES, in either order
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"v\","
                    + " \"table_type\": \"VIEW\", \"creation_time\": \"2026-09-14 08:00:00.000000 UTC\"}",
            "{\"information_schema_view\": \"VIEWS\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"v\","
                    + " \"view_definition\": \"SELECT a FROM `p.d.t`\", \"use_standard_sql\": \"YES\"}",
            // a view with no TABLES row: untimed
            "{\"information_schema_view\": \"views\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"untimed\","
                    + " \"view_definition\": \"SELECT 1 AS one\"}",
            "{\"information_schema_view\": \"VIEWS\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"legacy\","
                    + " \"view_definition\": \"SELECT a FROM [p:d.t]\", \"use_standard_sql\": \"NO\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"mv\","
                    + " \"table_type\": \"MATERIALIZED VIEW\", \"creation_time\": \"2026-09-20 08:00:00 UTC\","
                    + " \"ddl\": \"CREATE MATERIALIZED VIEW `p.m.mv` AS SELECT a, COUNT(*) AS n FROM `p.d.t` GROUP BY a\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"mv_no_ddl\","
                    + " \"table_type\": \"MATERIALIZED VIEW\"}",
            // a snapshot: base table and time from TABLE_SNAPSHOTS; a clone from TABLES alone
            "{\"information_schema_view\": \"TABLE_SNAPSHOTS\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"snap\","
                    + " \"base_table_catalog\": \"p\", \"base_table_schema\": \"d\", \"base_table_name\": \"t\","
                    + " \"snapshot_time\": \"2026-09-30 23:00:00 UTC\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"snap\","
                    + " \"table_type\": \"SNAPSHOT\", \"creation_time\": \"2026-09-30 23:00:05 UTC\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"m\", \"table_name\": \"copy\","
                    + " \"table_type\": \"CLONE\", \"creation_time\": \"2026-09-29 10:00:00 UTC\", \"base_table_catalog\": \"p\","
                    + " \"base_table_schema\": \"d\", \"base_table_name\": \"t\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"d\", \"table_name\": \"t\","
                    + " \"table_type\": \"BASE TABLE\"}",
            "{\"information_schema_view\": \"TABLES\", \"table_catalog\": \"p\", \"table_schema\": \"d\", \"table_name\": \"gcs\","
                    + " \"table_type\": \"EXTERNAL\"}",
            // a routine with ddl, and one whose ddl is built from its body and PARAMETERS rows
            "{\"information_schema_view\": \"ROUTINES\", \"routine_catalog\": \"p\", \"routine_schema\": \"u\", \"routine_name\": \"h\","
                    + " \"routine_type\": \"FUNCTION\", \"routine_body\": \"SQL\", \"ddl\": \"CREATE FUNCTION u.h(x STRING) AS (SHA256(x))\"}",
            "{\"information_schema_view\": \"PARAMETERS\", \"specific_catalog\": \"p\", \"specific_schema\": \"u\", \"specific_name\": \"tf\","
                    + " \"ordinal_position\": 2, \"parameter_name\": \"b\", \"data_type\": \"INT64\"}",
            "{\"information_schema_view\": \"PARAMETERS\", \"specific_catalog\": \"p\", \"specific_schema\": \"u\", \"specific_name\": \"tf\","
                    + " \"ordinal_position\": 1, \"parameter_name\": \"a\", \"data_type\": \"STRING\"}",
            "{\"information_schema_view\": \"ROUTINES\", \"routine_catalog\": \"p\", \"routine_schema\": \"u\", \"routine_name\": \"tf\","
                    + " \"routine_type\": \"TABLE FUNCTION\", \"routine_body\": \"SQL\", \"routine_definition\": \"SELECT a AS x FROM p.d.t WHERE n > b\"}",
            "{\"information_schema_view\": \"JOBS\", \"job_id\": \"j\"}",
            "",
            "[1, 2]");

    @Test
    void rowsOfOneTableFromSeveralViewsMakeOneDefinition() {
        WarehouseMetadata m = WarehouseMetadata.parse(ROWS);
        TableRef base = new TableRef("p", "d", "t");
        assertEquals(List.of(
                new Definition(DefinitionKind.CLONE, new TableRef("p", "m", "copy"), "CREATE TABLE `p.m.copy` CLONE `p.d.t`",
                        Optional.of("2026-09-29 10:00:00 UTC"), List.of(base)),
                new Definition(DefinitionKind.MATERIALIZED_VIEW, new TableRef("p", "m", "mv"),
                        "CREATE MATERIALIZED VIEW `p.m.mv` AS SELECT a, COUNT(*) AS n FROM `p.d.t` GROUP BY a",
                        Optional.of("2026-09-20 08:00:00 UTC"), List.of()),
                new Definition(DefinitionKind.SNAPSHOT, new TableRef("p", "m", "snap"), "CREATE SNAPSHOT TABLE `p.m.snap` CLONE `p.d.t`",
                        Optional.of("2026-09-30 23:00:00 UTC"), List.of(base)),
                new Definition(DefinitionKind.VIEW, new TableRef("p", "m", "untimed"), "CREATE OR REPLACE VIEW `p.m.untimed` AS\nSELECT 1 AS one",
                        Optional.empty(), List.of()),
                new Definition(DefinitionKind.VIEW, new TableRef("p", "m", "v"), "CREATE OR REPLACE VIEW `p.m.v` AS\nSELECT a FROM `p.d.t`",
                        Optional.of("2026-09-14 08:00:00.000000 UTC"), List.of())), m.definitions());
        assertEquals("definition:VIEW:p.m.v", m.definitions().get(4).jobId());
        assertEquals("CREATE_VIEW", m.definitions().get(4).toJobRecord().statementType());
        assertEquals(1, m.externalTables());
        assertEquals(Map.of(DefinitionKind.VIEW, 1, DefinitionKind.MATERIALIZED_VIEW, 1), m.unusable());
        assertEquals(Map.of(MetadataView.TABLES, 7, MetadataView.VIEWS, 3, MetadataView.TABLE_SNAPSHOTS, 1, MetadataView.ROUTINES, 2,
                MetadataView.PARAMETERS, 2), m.rowsByView());
        assertEquals(List.of(
                "line 16: 'information_schema_view' must be VIEWS, TABLES, TABLE_SNAPSHOTS, ROUTINES or PARAMETERS, not 'JOBS'",
                "line 18: not a JSON object",
                "line 4: p.m.legacy: a legacy SQL view; only GoogleSQL views are analysed",
                "line 6: p.m.mv_no_ddl: a materialized view without its ddl"), m.problems());
    }

    @Test
    void aRoutineWithoutDdlGetsOneFromItsBodyAndParameters() {
        WarehouseMetadata m = WarehouseMetadata.parse(ROWS);
        assertEquals(2, m.routineRows().size());
        assertTrue(m.routineRows().get(1).contains("CREATE TABLE FUNCTION `p.u.tf`(a STRING, b INT64) AS (\\nSELECT a AS x FROM p.d.t WHERE n > b\\n)"),
                m.routineRows().get(1));
        RoutineCatalog routines = RoutineCatalog.parse(m.routineRows());
        assertEquals(List.of("a", "b"), routines.tableFunction("p.u.tf").orElseThrow().parameters());
        assertTrue(routines.function("p.u.h").orElseThrow().masking());
    }
}
