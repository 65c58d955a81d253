package dev.colineage.graph.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.graph.GraphTestSupport;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.read.EdgeLifetime;
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
        planner = new RerunPlanner(new dev.colineage.graph.memory.LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO));
    }

    @Test
    void aDiamondInWavesWithTheEdgeThatBringsEachTableIn() {
        RerunPlan plan = planner.plan(Set.of("p.d.a.amount"), Set.of());
        assertEquals(List.of(List.of("p.d.b", "p.d.c"), List.of("p.d.d")), plan.waves());
        assertEquals(List.of(), plan.cycles());
        PlannedTable d = plan.tables().get(2);
        assertEquals("p.d.d", d.table());
        assertEquals(List.of("p.d.b", "p.d.c"), d.dependsOn());
        assertEquals(GraphEdge.lineage("p.d.a.amount", "p.d.b.amount", GraphEdge.Relation.FEEDS, Transformation.Subtype.IDENTITY, false)
                        .living(EdgeLifetime.of(T, T, java.util.Optional.empty())),
                plan.tables().get(0).reason(), "the reason carries its lifetime: seen once at T, current");
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
        assertEquals(GraphEdge.Relation.INFLUENCES, plan.tables().get(0).reason().relation());
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
        assertTrue(py.indexOf("p_d_b = BashOperator(task_id=\"p_d_b\", bash_command='echo re-run \"$COLINEAGE_TABLE\"', "
                + "env={\"COLINEAGE_TABLE\": \"{{ params.table }}\"}, append_env=True, params={\"table\": \"p.d.b\"})")
                < py.indexOf("p_d_d = "), py);
        compiles(py);
    }

    /**
     * Names from query logs are untrusted: a table named {@code x$(touch ...)}, or with a newline, a quote
     * or Jinja braces, stays a Python value, never shell, template or code; the DAG compiles.
     */
    @Test
    void hostileTableNamesStayValues() throws Exception {
        emptyGraph();
        dev.colineage.core.model.TableRef source = new dev.colineage.core.model.TableRef("p", "d", "a");
        List<String> names = List.of("x$(touch /tmp/PWNED)", "y\nimport os; os.system('id')", "z\"; rm -rf / #", "w{{ 7*7 }}`id`");
        List<dev.colineage.graph.write.QueryRecord> records = new java.util.ArrayList<>();
        for (String name : names) {
            dev.colineage.core.model.TableRef target = new dev.colineage.core.model.TableRef("p", "d", name);
            records.add(new dev.colineage.graph.write.QueryRecord("fp-" + records.size(), "-- hostile", "QUERY", T, T, "j",
                    java.util.Map.of(), Set.of("u"), Set.of(source), Set.of(target),
                    List.of(new dev.colineage.core.model.Edge(source.column("amount"), target.column("amount"),
                            dev.colineage.core.model.Transformation.IDENTITY))));
        }
        new LineageGraphWriter(driver()).write(records, Catalog.empty());
        RerunPlan plan = new RerunPlanner(new dev.colineage.graph.memory.LineageGraphs(driver(), Duration.ofSeconds(10), Duration.ZERO)).plan(Set.of("p.d.a.amount"), Set.of());
        assertEquals(4, plan.tables().size());
        String py = AirflowDag.render(plan, "hostile", AirflowDag.DEFAULT_OPERATOR, AirflowDag.DEFAULT_IMPORT);
        assertTrue(py.contains("params={\"table\": \"p.d.x$(touch /tmp/PWNED)\"})"), py);
        assertTrue(py.contains("params={\"table\": \"p.d.y\\u000aimport os; os.system('id')\"})"), py);
        assertTrue(py.contains("params={\"table\": \"p.d.z\\\"; rm -rf / #\"})"), py);
        assertEquals(-1, py.indexOf("echo re-run p.d"), "no name is pasted into a shell line");
        for (String line : py.split("\n")) {
            assertTrue(!line.startsWith("import os"), "a newline in a name cannot start a line of code: " + py);
        }
        Path file = compiles(py);
        // the strings Python reads back are exactly the names
        Process read = new ProcessBuilder("python3", "-c", """
                import ast, sys
                tree = ast.parse(open(sys.argv[1]).read())
                for d in ast.walk(tree):
                    if isinstance(d, ast.Dict):
                        for v in d.values:
                            if isinstance(v, ast.Constant) and v.value.startswith('p.d.'):
                                print(v.value.encode('unicode_escape').decode())
                """, file.toString()).redirectErrorStream(true).start();
        String values = new String(read.getInputStream().readAllBytes());
        assertEquals(0, read.waitFor(), values);
        for (String name : names) {
            assertTrue(values.contains(("p.d." + name).replace("\\", "\\\\").replace("\n", "\\n")), name + " in " + values);
        }
    }

    @Test
    void aTemplateThatQuotesAPlaceholderIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AirflowDag.checkTemplate(
                "BashOperator(task_id={task_id}, bash_command=\"echo re-run {table}\")"));
        assertTrue(e.getMessage().contains("{table} inside a quoted string"), e.getMessage());
        AirflowDag.checkTemplate(AirflowDag.DEFAULT_OPERATOR);
    }

    /** The DAG file compiles with python3; returns the file. */
    private static Path compiles(String py) throws Exception {
        Path file = Files.createTempFile("colineage-dag", ".py");
        file.toFile().deleteOnExit();
        Files.writeString(file, py);
        Process compile = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true).start();
        String out = new String(compile.getInputStream().readAllBytes());
        assertEquals(0, compile.waitFor(), out);
        return file;
    }
}
