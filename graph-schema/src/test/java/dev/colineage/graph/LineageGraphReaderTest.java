package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.Transformation;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageGraphReader;
import dev.colineage.graph.read.TableDependency;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.write.LineageGraphWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traversals on a small warehouse with a cycle: a.x -> b.x -> c.x -> d.x -> a.x, a filter a.f on b,
 * a grouping key b.x on c, a count b.y -> c.n and a hash b.x -> e.h.
 */
class LineageGraphReaderTest extends GraphTestSupport {

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");
    private LineageGraphReader reader;

    @BeforeEach
    void load() {
        new LineageGraphWriter(driver()).write(List.of(
                record("q1", "CREATE TABLE b AS SELECT x, y FROM a WHERE f = 1", "j1", T, "u"),
                record("q2", "CREATE TABLE c AS SELECT UPPER(x) AS x, COUNT(y) AS n FROM b GROUP BY 1", "j2", T, "u"),
                record("q3", "CREATE TABLE d AS SELECT x FROM c", "j3", T, "u"),
                record("q4", "INSERT INTO a (x) SELECT x FROM d", "j4", T, "u"),
                record("q5", "CREATE TABLE e AS SELECT SHA256(x) AS h FROM b", "j5", T, "u")), Catalog.empty());
        reader = new LineageGraphReader(driver());
    }

    /** fqn -> depth of each hit. */
    private static Map<String, Integer> depths(Traversal t) {
        return t.hits().stream().collect(Collectors.toMap(Hit::fqn, Hit::depth, (a, b) -> a, TreeMap::new));
    }

    private Traversal down(String column, TraversalOptions options) {
        return reader.columnLineage(column, Direction.DOWNSTREAM, options).orElseThrow();
    }

    @Test
    void downstreamUnboundedStopsAtTheCycle() {
        Traversal t = down("p.d.a.x", TraversalOptions.defaults());
        assertEquals(Map.of("p.d.b.x", 1, "p.d.c.x", 2, "p.d.e.h", 2, "p.d.c", 2, "p.d.c.n", 2, "p.d.d.x", 3), depths(t));
        assertEquals(false, t.truncated());
    }

    @Test
    void downstreamDepthOneAndThree() {
        assertEquals(Map.of("p.d.b.x", 1), depths(down("p.d.a.x", TraversalOptions.defaults().withMaxDepth(1))));
        assertEquals(6, down("p.d.a.x", TraversalOptions.defaults().withMaxDepth(3)).hits().size());
        assertEquals(Map.of("p.d.b.x", 1, "p.d.c.x", 2, "p.d.e.h", 2, "p.d.c", 2, "p.d.c.n", 2),
                depths(down("p.d.a.x", TraversalOptions.defaults().withMaxDepth(2))));
    }

    @Test
    void explainingPathsFollowTheShortestRoute() {
        Traversal t = down("p.d.a.x", TraversalOptions.defaults());
        Hit d = t.hits().stream().filter(h -> h.fqn().equals("p.d.d.x")).findFirst().orElseThrow();
        assertEquals(List.of(
                GraphEdge.lineage("p.d.a.x", "p.d.b.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.IDENTITY, false),
                GraphEdge.lineage("p.d.b.x", "p.d.c.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.TRANSFORMATION, false),
                GraphEdge.lineage("p.d.c.x", "p.d.d.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.IDENTITY, false)), d.path());
        Hit n = t.hits().stream().filter(h -> h.fqn().equals("p.d.c.n")).findFirst().orElseThrow();
        assertEquals(List.of(GraphEdge.Relation.FEEDS, GraphEdge.Relation.INFLUENCES, GraphEdge.Relation.HAS_COLUMN),
                n.path().stream().map(GraphEdge::relation).toList());
        assertEquals("GROUP_BY", n.path().get(1).subtype());
        assertTrue(t.edges().contains(GraphEdge.lineage("p.d.d.x", "p.d.a.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.IDENTITY, false)),
                "the edge closing the cycle is reported");
    }

    @Test
    void directOnlyAndSubtypeAndMaskingFilters() {
        assertEquals(Set.of("p.d.b.x", "p.d.c.x", "p.d.e.h", "p.d.d.x"),
                depths(down("p.d.a.x", TraversalOptions.defaults().directOnly())).keySet());
        assertEquals(Set.of("p.d.b.x"),
                depths(down("p.d.a.x", TraversalOptions.defaults().withSubtypes(Set.of(Transformation.Subtype.IDENTITY)))).keySet());
        assertEquals(Set.of("p.d.c.n"),
                depths(reader.columnLineage("p.d.b.y", Direction.DOWNSTREAM, TraversalOptions.defaults().withMasking(true)).orElseThrow()).keySet());
        assertEquals(Set.of(), depths(reader.columnLineage("p.d.b.y", Direction.DOWNSTREAM,
                TraversalOptions.defaults().withMasking(false)).orElseThrow()).keySet());
    }

    @Test
    void upstreamIncludesTableWideInputs() {
        Traversal t = reader.columnLineage("p.d.d.x", Direction.UPSTREAM, TraversalOptions.defaults()).orElseThrow();
        assertEquals(Map.of("p.d.c.x", 1, "p.d.b.x", 2, "p.d.a.x", 3, "p.d.a.f", 3), depths(t));
        Hit f = t.hits().stream().filter(h -> h.fqn().equals("p.d.a.f")).findFirst().orElseThrow();
        assertEquals(List.of(GraphEdge.lineage("p.d.c.x", "p.d.d.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.IDENTITY, false),
                GraphEdge.lineage("p.d.b.x", "p.d.c.x", GraphEdge.Relation.FEEDS, Transformation.Subtype.TRANSFORMATION, false),
                GraphEdge.hasColumn("p.d.b", "p.d.b.x"),
                GraphEdge.lineage("p.d.a.f", "p.d.b", GraphEdge.Relation.INFLUENCES, Transformation.Subtype.FILTER, false)), f.path());
        assertEquals(Set.of("q1", "q2", "q3", "q4"), t.fingerprints(),
                "the queries behind the edges among the result, read on the way (q4 closes the cycle d.x -> a.x)");
        assertEquals(Map.of("p.d.c.x", 1, "p.d.b.x", 2, "p.d.a.x", 3),
                depths(reader.columnLineage("p.d.d.x", Direction.UPSTREAM, TraversalOptions.defaults().directOnly()).orElseThrow()));
    }

    @Test
    void limitTruncates() {
        Traversal t = down("p.d.a.x", TraversalOptions.defaults().withLimit(2));
        assertEquals(2, t.hits().size());
        assertTrue(t.truncated());
    }

    @Test
    void unknownStartIsEmpty() {
        assertEquals(Optional.empty(), reader.columnLineage("p.d.nope.x", Direction.DOWNSTREAM, TraversalOptions.defaults()));
        assertEquals(Optional.empty(), reader.tableLineage("p.d.nope", Direction.DOWNSTREAM, TraversalOptions.defaults()));
    }

    @Test
    void tableLevelLineageIsCollapsedFromColumns() {
        Traversal t = reader.tableLineage("p.d.a", Direction.DOWNSTREAM, TraversalOptions.defaults()).orElseThrow();
        assertEquals(Map.of("p.d.b", 1, "p.d.c", 2, "p.d.e", 2, "p.d.d", 3), depths(t));
        Traversal up = reader.tableLineage("p.d.c", Direction.UPSTREAM, TraversalOptions.defaults().withMaxDepth(1)).orElseThrow();
        assertEquals(Map.of("p.d.b", 1), depths(up));
    }

    @Test
    void tableDependencyDagForASetOfTables() {
        assertEquals(List.of(new TableDependency("p.d.a", "p.d.b", true), new TableDependency("p.d.b", "p.d.c", true),
                        new TableDependency("p.d.c", "p.d.d", true), new TableDependency("p.d.d", "p.d.a", true)),
                reader.tableDependencies(Set.of("p.d.a", "p.d.b", "p.d.c", "p.d.d")));
    }

    @Test
    void searchByNameFragmentIgnoresCase() {
        assertEquals(List.of("p.d.b.x", "p.d.b.y"), reader.searchColumns("D.B.", 10));
        assertEquals(List.of("p.d.e"), reader.searchTables(".E", 10));
        assertEquals(Optional.of("p.d.c"), reader.column("p.d.c.n").map(c -> c.table()));
    }
}
