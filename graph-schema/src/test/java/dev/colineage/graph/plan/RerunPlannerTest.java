package dev.colineage.graph.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.GraphTestSupport;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.write.LineageGraphWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plans on a real graph written from real SQL: a diamond, an untouched column, a cycle, a join key. */
class RerunPlannerTest extends GraphTestSupport {

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");
    private RerunPlanner planner;

    @BeforeEach
    void graph() {
        new LineageGraphWriter(driver()).write(List.of(
                record("q1", "CREATE TABLE b AS SELECT id, amount FROM a", "j1", T, "u"),
                record("q2", "CREATE TABLE c AS SELECT id, amount * 2 AS doubled FROM a", "j2", T, "u"),
                record("q3", "CREATE TABLE d AS SELECT b.id, b.amount + c.doubled AS total FROM b JOIN c USING (id)", "j3", T, "u"),
                record("q4", "CREATE TABLE e AS SELECT note FROM a", "j4", T, "u"),
                record("q5", "CREATE TABLE x AS SELECT v FROM y", "j5", T, "u"),
                record("q6", "CREATE TABLE y AS SELECT v FROM x", "j6", T, "u"),
                record("q7", "CREATE TABLE z AS SELECT v FROM y", "j7", T, "u"),
                record("q8", "CREATE TABLE w AS SELECT v FROM s", "j8", T, "u"),
                record("q9", "CREATE TABLE s2 AS SELECT v FROM s WHERE flag", "j9", T, "u")), Catalog.empty());
        planner = new RerunPlanner(driver(), Duration.ofSeconds(10));
    }

    @Test
    void aDiamondInWavesWithTheEdgeThatBringsEachTableIn() {
        RerunPlan plan = planner.plan(Set.of("p.d.a.amount"), Set.of());
        assertEquals(List.of(List.of("p.d.b", "p.d.c"), List.of("p.d.d")), plan.waves());
        assertEquals(List.of(), plan.cycles());
        PlannedTable d = plan.tables().get(2);
        assertEquals("p.d.d", d.table());
        assertEquals(List.of("p.d.b", "p.d.c"), d.dependsOn());
        assertEquals(new GraphEdge("p.d.a.amount", "p.d.b.amount", "FEEDS", "DIRECT", "IDENTITY", false),
                plan.tables().get(0).reason());
    }

    @Test
    void newLineageIsSeenByTheNextPlan() {
        assertEquals(List.of(), planner.plan(Set.of("p.d.e.note"), Set.of()).tables());
        new LineageGraphWriter(driver()).write(List.of(record("q-new", "CREATE TABLE f AS SELECT note FROM e", "j-new", T, "u")),
                Catalog.empty());
        assertEquals(List.of("p.d.f"), planner.plan(Set.of("p.d.e.note"), Set.of()).tables().stream()
                .map(PlannedTable::table).toList(), "the in-memory snapshot is reloaded when lineage was added");
    }

    @Test
    void aColumnThatFeedsNothingDownstreamAffectsNothing() {
        RerunPlan plan = planner.plan(Set.of("p.d.e.note"), Set.of());
        assertEquals(List.of(), plan.tables());
        assertEquals(List.of(), plan.waves());
        // note feeds e only: b, c and d never read it
        assertEquals(List.of("p.d.e"), planner.plan(Set.of("p.d.a.note"), Set.of()).tables().stream().map(PlannedTable::table).toList());
    }

    @Test
    void aJoinKeyAffectsEveryColumnOfTheJoinedTable() {
        RerunPlan plan = planner.plan(Set.of("p.d.c.id"), Set.of());
        assertEquals(List.of(List.of("p.d.d")), plan.waves());
        assertEquals("INFLUENCES", plan.tables().get(0).reason().relation());
    }

    @Test
    void aCycleIsReportedNotLoopedOn() {
        RerunPlan plan = planner.plan(Set.of("p.d.x.v"), Set.of());
        assertEquals(List.of(List.of("p.d.x", "p.d.y")), plan.cycles());
        assertTrue(plan.tables().stream().allMatch(t -> t.wave() == -1), plan.tables().toString());
        assertEquals(Set.of("p.d.x", "p.d.y", "p.d.z"), Set.copyOf(plan.tables().stream().map(PlannedTable::table).toList()));
    }

    @Test
    void aFailedTableAffectsWhatItsColumnsFeed() {
        RerunPlan plan = planner.plan(Set.of(), Set.of("p.d.s"));
        assertEquals(List.of(List.of("p.d.s2", "p.d.w")), plan.waves());
        assertThrows(IllegalArgumentException.class, () -> planner.plan(Set.of("p.d.a.nope"), Set.of("p.d.nope")));
    }

    @Test
    void theAirflowDagIsValidPythonWithTheTasksInOrder() throws Exception {
        RerunPlan plan = planner.plan(Set.of("p.d.a.amount"), Set.of());
        String py = AirflowDag.render(plan, "colineage_rerun", AirflowDag.DEFAULT_OPERATOR, AirflowDag.DEFAULT_IMPORT);
        assertTrue(py.contains("    p_d_b >> p_d_d\n    p_d_c >> p_d_d\n"), py);
        assertTrue(py.indexOf("p_d_b = BashOperator(task_id=\"p_d_b\", bash_command=\"echo re-run p.d.b\")") < py.indexOf("p_d_d = "), py);
        Path file = Files.createTempFile("colineage-dag", ".py");
        file.toFile().deleteOnExit();
        Files.writeString(file, py);
        Process compile = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
        String out = new String(compile.getInputStream().readAllBytes());
        assertEquals(0, compile.waitFor(), out);
    }
}
