package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.compose.TransientComposition;
import dev.colineage.core.compose.TransientTables;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.sql.ShortLivedTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Transient tables (dbt's {@code __dbt_tmp}, tables created to expire within a day): lineage goes from
 * their sources straight to their readers, inside a script and, composed the same way, across jobs.
 */
class TransientTableLineageTest extends LineageTestSupport {

    /** What dbt-bigquery runs for an incremental model with the merge strategy, as two jobs. */
    private static final String DBT_TMP = """
            create or replace table `p`.`d`.`x__dbt_tmp`
            partition by date(ts)
            OPTIONS(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 12 hour))
            as (select a, b, f, ts from `p`.`d`.`src` where f > 0);
            """;
    private static final String DBT_MERGE = """
            merge into `p`.`d`.`x` as DBT_INTERNAL_DEST
            using (select a, b from `p`.`d`.`x__dbt_tmp` where b > 1) as DBT_INTERNAL_SOURCE
            on DBT_INTERNAL_SOURCE.a = DBT_INTERNAL_DEST.a
            when matched then update set b = DBT_INTERNAL_SOURCE.b
            when not matched then insert (a, b) values (DBT_INTERNAL_SOURCE.a, DBT_INTERNAL_SOURCE.b);
            """;
    /** The same lineage with a TEMP table, which lineage-core has always resolved through. */
    private static final String WITH_TEMP = """
            CREATE TEMP TABLE tmp AS SELECT a, b, f, ts FROM p.d.src WHERE f > 0;
            MERGE p.d.x T USING (SELECT a, b FROM tmp WHERE b > 1) S ON S.a = T.a
            WHEN MATCHED THEN UPDATE SET b = S.b
            WHEN NOT MATCHED THEN INSERT (a, b) VALUES (S.a, S.b);
            """;

    private static final String[] THROUGH = {
        "p.d.src.a -> p.d.x INDIRECT/JOIN",
        "p.d.src.b -> p.d.x INDIRECT/FILTER",
        "p.d.src.f -> p.d.x INDIRECT/FILTER",
        "p.d.x.a -> p.d.x INDIRECT/JOIN",
        "p.d.src.a -> p.d.x.a DIRECT/IDENTITY",
        "p.d.src.b -> p.d.x.b DIRECT/IDENTITY"};

    private static final String[] INTO_TMP = {
        "p.d.src.f -> p.d.x__dbt_tmp INDIRECT/FILTER",
        "p.d.src.a -> p.d.x__dbt_tmp.a DIRECT/IDENTITY",
        "p.d.src.b -> p.d.x__dbt_tmp.b DIRECT/IDENTITY",
        "p.d.src.f -> p.d.x__dbt_tmp.f DIRECT/IDENTITY",
        "p.d.src.ts -> p.d.x__dbt_tmp.ts DIRECT/IDENTITY"};

    @Test
    void aTempTableGivesTheReferenceEdges() {
        assertEdges(WITH_TEMP, THROUGH);
    }

    @Test
    void dbtScriptIsResolvedThroughItsScratchTableAndKeepsTheEdgesIntoIt() {
        LineageResult r = analyze(DBT_TMP + DBT_MERGE);
        List<String> expected = new ArrayList<>(List.of(THROUGH));
        expected.addAll(List.of(INTO_TMP));
        assertEdges(r, expected.toArray(String[]::new));
        assertEquals(List.of("p.d.x__dbt_tmp"), r.transientTables().stream().map(TableRef::fqn).toList());
    }

    @Test
    void acrossJobsTheComposedEdgesAreTheTempTableEdges() {
        LineageResult writer = analyze(DBT_TMP);
        LineageResult reader = analyze(DBT_MERGE);
        // the reader alone keeps its edges out of the scratch table: another job wrote it
        assertEdges(reader,
                "p.d.x__dbt_tmp.a -> p.d.x INDIRECT/JOIN",
                "p.d.x__dbt_tmp.b -> p.d.x INDIRECT/FILTER",
                "p.d.x.a -> p.d.x INDIRECT/JOIN",
                "p.d.x__dbt_tmp.a -> p.d.x.a DIRECT/IDENTITY",
                "p.d.x__dbt_tmp.b -> p.d.x.b DIRECT/IDENTITY");
        assertEquals(List.of("p.d.x__dbt_tmp"), reader.transientTables().stream().map(TableRef::fqn).toList());
        List<Edge> all = new ArrayList<>(writer.edges());
        all.addAll(reader.edges());
        Set<String> lasting = all.stream().filter(e -> !TransientTables.isDbtTemporary(e.source().table())
                        && !TransientTables.isDbtTemporary(e.target().table()))
                .map(Edge::toString).collect(Collectors.toCollection(TreeSet::new));
        TransientComposition.compose(all, TransientTables::isDbtTemporary).forEach(e -> lasting.add(e.toString()));
        assertEquals(new TreeSet<>(List.of(THROUGH)), lasting);
    }

    @Test
    void aShortLivedTableIsResolvedThroughInItsScript() {
        assertEdges("""
                CREATE TABLE p.d.stage OPTIONS(expiration_timestamp = CURRENT_TIMESTAMP() + INTERVAL 6 HOUR)
                AS SELECT a, f FROM p.d.src;
                INSERT INTO p.d.out (k) SELECT SHA256(a) FROM p.d.stage WHERE f = 1;
                """,
                "p.d.src.a -> p.d.stage.a DIRECT/IDENTITY",
                "p.d.src.f -> p.d.stage.f DIRECT/IDENTITY",
                "p.d.src.a -> p.d.out.k DIRECT/TRANSFORMATION+masking",
                "p.d.src.f -> p.d.out INDIRECT/FILTER");
    }

    @Test
    void aTableGivenAShortExpirationByAlterTableIsTransient() {
        LineageResult r = analyze("""
                CREATE TABLE p.d.stage AS SELECT a, f FROM p.d.src;
                ALTER TABLE p.d.stage SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 3 HOUR));
                INSERT INTO p.d.out (k) SELECT a FROM p.d.stage WHERE f = 1;
                """);
        assertEdges(r,
                "p.d.src.a -> p.d.stage.a DIRECT/IDENTITY",
                "p.d.src.f -> p.d.stage.f DIRECT/IDENTITY",
                "p.d.src.a -> p.d.out.k DIRECT/IDENTITY",
                "p.d.src.f -> p.d.out INDIRECT/FILTER");
        assertEquals(List.of("p.d.stage"), r.transientTables().stream().map(TableRef::fqn).toList());
        // the ALTER alone, as its own job, names the table transient for the graph to collapse
        assertEquals(List.of("p.d.stage"), analyze(
                "ALTER TABLE IF EXISTS p.d.stage SET OPTIONS(expiration_timestamp = CURRENT_TIMESTAMP() + INTERVAL 30 MINUTE)")
                .transientTables().stream().map(TableRef::fqn).toList());
        assertEquals(Optional.empty(), ShortLivedTables.shortLivedTable(
                "ALTER TABLE p.d.stage SET OPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 7 DAY))"));
        assertEquals(Optional.empty(), ShortLivedTables.shortLivedTable("ALTER TABLE p.d.stage ADD COLUMN expiration_timestamp TIMESTAMP"));
    }

    @Test
    void aLongerLivedTableIsAnOrdinaryTable() {
        LineageResult r = analyze("""
                CREATE TABLE p.d.stage OPTIONS(expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 2 DAY))
                AS SELECT a FROM p.d.src;
                INSERT INTO p.d.out (k) SELECT a FROM p.d.stage;
                """);
        assertEdges(r, "p.d.src.a -> p.d.stage.a DIRECT/IDENTITY", "p.d.stage.a -> p.d.out.k DIRECT/IDENTITY");
        assertEquals(List.of(), r.transientTables());
    }

    @Test
    void expirationsAreReadFromTheOptions() {
        assertEquals(Optional.of("`p.d.t`"), ShortLivedTables.shortLivedTable(
                "CREATE OR REPLACE TABLE `p.d.t` OPTIONS(description='x', expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL '30' MINUTE)) AS SELECT 1 AS a"));
        assertEquals(Optional.of("my-proj.d.t"), ShortLivedTables.shortLivedTable(
                "create table if not exists my-proj.d.t (a INT64) options (expiration_timestamp = current_timestamp() + interval 24 hour)"));
        assertEquals(Optional.empty(), ShortLivedTables.shortLivedTable(
                "CREATE TABLE p.d.t OPTIONS(expiration_timestamp=TIMESTAMP '2026-01-01 00:00:00 UTC') AS SELECT 1 AS a"));
        assertEquals(Optional.empty(), ShortLivedTables.shortLivedTable(
                "CREATE TABLE p.d.t OPTIONS(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 25 HOUR)) AS SELECT 1 AS a"));
        // an expiration inside the query is not the table's
        assertEquals(Optional.empty(), ShortLivedTables.shortLivedTable(
                "CREATE TABLE p.d.t AS SELECT TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR) AS expiration_timestamp"));
    }

    @Test
    void chainsOfTransientTablesCarryTheirFilters() {
        LineageResult r = analyze("""
                CREATE OR REPLACE TABLE p.d.a__dbt_tmp AS SELECT a, f FROM p.d.src WHERE f > 0;
                CREATE OR REPLACE TABLE p.d.b__dbt_tmp AS SELECT a AS k FROM p.d.a__dbt_tmp;
                INSERT INTO p.d.out (k) SELECT k FROM p.d.b__dbt_tmp;
                """);
        Set<String> outOnly = r.edges().stream().filter(e -> e.target().table().name().equals("out"))
                .map(Edge::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("p.d.src.a -> p.d.out.k DIRECT/IDENTITY", "p.d.src.f -> p.d.out INDIRECT/FILTER")),
                outOnly);
    }

    @Test
    void starsAndStructsMeetByName() {
        LineageResult r = analyze("""
                CREATE OR REPLACE TABLE p.d.y__dbt_tmp AS SELECT * FROM p.d.unknown_src;
                CREATE OR REPLACE TABLE p.d.z__dbt_tmp AS SELECT s FROM p.d.structs;
                INSERT INTO p.d.out (k, v) SELECT y.a, z.s.x FROM p.d.y__dbt_tmp y CROSS JOIN p.d.z__dbt_tmp z;
                """);
        Set<String> outOnly = r.edges().stream().filter(e -> e.target().table().name().equals("out"))
                .map(Edge::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("p.d.unknown_src.a -> p.d.out.k DIRECT/IDENTITY",
                "p.d.structs.s.x -> p.d.out.v DIRECT/IDENTITY")), outOnly);
    }
}
