package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.Edge;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.TransientCollapse;
import dev.colineage.graph.write.TransientEdgeStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Transient tables across jobs: dbt's scratch table written by one job and merged by the next gives
 * the same edges in the graph as one script with a TEMP table, whatever order the jobs are written in.
 */
class TransientCollapseTest extends GraphTestSupport {

    private static final Instant T1 = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-20T03:05:00Z");

    private static final String DBT_TMP = """
            create or replace table `p`.`d`.`x__dbt_tmp`
            OPTIONS(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 12 hour))
            as (select a, b, f from `p`.`d`.`src` where f > 0)
            """;
    private static final String DBT_MERGE = """
            merge into `p`.`d`.`x` as DBT_INTERNAL_DEST
            using (select a, b from `p`.`d`.`x__dbt_tmp` where b > 1) as DBT_INTERNAL_SOURCE
            on DBT_INTERNAL_SOURCE.a = DBT_INTERNAL_DEST.a
            when matched then update set b = DBT_INTERNAL_SOURCE.b
            when not matched then insert (a, b) values (DBT_INTERNAL_SOURCE.a, DBT_INTERNAL_SOURCE.b)
            """;
    private static final String WITH_TEMP = """
            CREATE TEMP TABLE tmp AS SELECT a, b, f FROM p.d.src WHERE f > 0;
            MERGE p.d.x T USING (SELECT a, b FROM tmp WHERE b > 1) S ON S.a = T.a
            WHEN MATCHED THEN UPDATE SET b = S.b
            WHEN NOT MATCHED THEN INSERT (a, b) VALUES (S.a, S.b);
            """;
    /** A hand-written staging step: not named by dbt, but created to expire in six hours. */
    private static final String STAGE = """
            CREATE OR REPLACE TABLE p.d.stage OPTIONS(expiration_timestamp = CURRENT_TIMESTAMP() + INTERVAL 6 HOUR)
            AS SELECT email, country FROM p.d.users
            """;
    private static final String FROM_STAGE = "INSERT INTO p.d.contacts (h) SELECT SHA256(email) FROM p.d.stage WHERE country = 'DE'";

    private static void write(QueryRecord... records) {
        new LineageGraphWriter(driver()).write(List.of(records), Catalog.empty());
        new TransientCollapse(new TransientEdgeStore(driver())).run();
    }

    /** Every traversed lineage edge (FEEDS, INFLUENCES), as lineage-core prints edges. */
    private static Set<String> lineage() {
        return rows("""
                MATCH (a:Column)-[f:FEEDS|INFLUENCES]->(b)
                RETURN a.fqn + ' -> ' + b.fqn + ' ' + f.type + '/' + f.subtype + CASE WHEN f.masking THEN '+masking' ELSE '' END AS e
                """).stream().map(r -> (String) r.get("e")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aTableGivenAShortExpirationByItsOwnAlterJobIsCollapsed() {
        write(record("q-stage", STAGE.replace(" OPTIONS(expiration_timestamp = CURRENT_TIMESTAMP() + INTERVAL 6 HOUR)", ""),
                "job-1", T1, "etl@x"));
        write(record("q-alter", "ALTER TABLE p.d.stage SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 6 HOUR))",
                "job-2", T1, "etl@x"));
        write(record("q-read", FROM_STAGE, "job-3", T2, "etl@x"));
        assertEquals(List.of(Map.of("kind", "TRANSIENT")), rows("MATCH (t:Table {fqn: 'p.d.stage'}) RETURN t.kind AS kind"));
        assertEquals(new TreeSet<>(List.of("p.d.users.email -> p.d.contacts.h DIRECT/TRANSFORMATION+masking",
                "p.d.users.country -> p.d.contacts INDIRECT/FILTER")), lineage());
    }

    @Test
    void acrossJobsTheGraphHoldsTheTempTableEdges() {
        write(record("q-tmp", DBT_TMP, "job-1", T1, "dbt@x"));
        write(record("q-merge", DBT_MERGE, "job-2", T2, "dbt@x"));
        Set<String> expected = record("q-temp", WITH_TEMP, "job-3", T1, "u").edges().stream().map(Edge::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, lineage());
        assertEquals(List.of(Map.of("kind", "TRANSIENT")), rows("MATCH (t:Table {fqn: 'p.d.x__dbt_tmp'}) RETURN t.kind AS kind"));
        // the scratch table's own edges are kept, with their queries, out of every answer
        assertEquals(8L, count("MATCH ()-[r:TRANSIENT_FEEDS|TRANSIENT_INFLUENCES]->() RETURN count(r)"));
        assertEquals(List.of(Map.of("fingerprints", List.of("q-merge", "q-tmp"), "through", List.of("p.d.x__dbt_tmp"),
                        "first", "2026-11-20T03:00:00Z", "last", "2026-11-20T03:05:00Z", "job", "job-2")),
                rows("""
                        MATCH (:Column {fqn: 'p.d.src.a'})-[f:FEEDS]->(:Column {fqn: 'p.d.x.a'})
                        RETURN f.fingerprints AS fingerprints, f.through_transient AS through, f.last_job_id AS job,
                               toString(f.first_seen) AS first, toString(f.last_seen) AS last
                        """));
        assertEquals(List.of(Map.of("s", "p.d.src", "t", "p.d.x", "direct", true)), rows("""
                MATCH (s:Table)-[f:FEEDS_TABLE]->(t:Table) WHERE s.fqn <> t.fqn
                RETURN s.fqn AS s, t.fqn AS t, f.direct AS direct
                """));
    }

    @Test
    void noAnswerHasTheTransientTableAsANode() {
        write(record("q-tmp", DBT_TMP, "job-1", T1, "dbt@x"), record("q-merge", DBT_MERGE, "job-2", T2, "dbt@x"));
        LineageGraphReader reader = new LineageGraphReader(driver());
        Set<String> down = reader.columnLineage("p.d.src.a", Direction.DOWNSTREAM, TraversalOptions.defaults()).orElseThrow()
                .hits().stream().map(Hit::fqn).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("p.d.x", "p.d.x.a", "p.d.x.b"), down);
        Set<String> up = reader.columnLineage("p.d.x.b", Direction.UPSTREAM, TraversalOptions.defaults()).orElseThrow()
                .hits().stream().map(Hit::fqn).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("p.d.src.a", "p.d.src.b", "p.d.src.f", "p.d.x.a"), up);
        assertEquals(List.of(), reader.searchTables("dbt_tmp", 10));
        assertEquals(List.of(), reader.searchColumns("dbt_tmp", 10));
        assertEquals(List.of("p.d.src"), reader.searchTables("src", 10));
    }

    @Test
    void theOrderOfWritingAndRewritingChangesNothing() {
        QueryRecord stage = record("q-stage", STAGE, "job-1", T1, "ana@x");
        QueryRecord reader = record("q-read", FROM_STAGE, "job-2", T2, "ana@x");
        write(stage);
        write(reader);
        List<String> inOrder = snapshot(driver());
        assertEquals(new TreeSet<>(List.of("p.d.users.country -> p.d.contacts INDIRECT/FILTER",
                "p.d.users.email -> p.d.contacts.h DIRECT/TRANSFORMATION+masking")), lineage());

        emptyGraph();
        // the reader's run first: the stage table is an ordinary table until its writer shows it expires
        write(reader);
        assertEquals(new TreeSet<>(List.of("p.d.stage.country -> p.d.contacts INDIRECT/FILTER",
                "p.d.stage.email -> p.d.contacts.h DIRECT/TRANSFORMATION+masking")), lineage());
        write(stage);
        assertEquals(inOrder, snapshot(driver()));
        // the same windows again, and the pass on its own: idempotent
        write(stage, reader);
        new TransientCollapse(new TransientEdgeStore(driver())).run();
        assertEquals(inOrder, snapshot(driver()));
    }

    @Test
    void withoutTransientTablesThePassDoesNothing() {
        write(record("q1", "CREATE TABLE p.d.b AS SELECT x FROM p.d.a", "job-1", T1, "u"));
        List<String> before = snapshot(driver());
        TransientCollapse.Summary s = new TransientCollapse(new TransientEdgeStore(driver())).run();
        assertEquals(0, s.transientTables());
        assertEquals(before, snapshot(driver()));
    }
}
