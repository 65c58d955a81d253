package dev.colineage.graph.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.metadata.WarehouseMetadata;
import dev.colineage.graph.change.LineageHistoryStore;
import dev.colineage.graph.extract.LocalExtraction;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/**
 * Lifetimes are derived data: the sample warehouse written through the real writer as one log, as three
 * windows in order, and as the same windows in another order with one of them written twice, gives the same
 * lifetime for every query and the same first seen, last seen and current state for every edge.
 */
class LifetimesOverWindowsTest {

    private static String resource(String name) {
        try (InputStream in = LifetimesOverWindowsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every query's intervals and every edge's lifetime, as text that compares whole. */
    private record Answer(Map<String, String> queries, Map<String, String> edges) {
    }

    private static Answer written(List<List<String>> windows) {
        Catalog catalog = CatalogLoader.parse(resource("sample/catalog.json"));
        WarehouseMetadata metadata = WarehouseMetadata.parse(resource("sample/metadata.jsonl").lines().toList());
        try (GraphStore store = GraphStore.openTemporary("colineage-lifetimes", 32L * 1024 * 1024)) {
            for (List<String> window : windows) {
                // every run reads the warehouse's metadata again, as extraction runs do
                LocalExtraction.load(store.driver(), window, metadata, catalog);
            }
            Map<String, String> queries = new TreeMap<>();
            var lifetimes = new LineageHistoryStore(store.driver()).lifetimes(Lifetimes.DEFAULT_WINDOW);
            new LineageHistoryStore(store.driver()).activities().forEach(a -> queries.put(a.fingerprint(),
                    lifetimes.of(a.fingerprint()).toString()));
            LineageGraph graph;
            try (Session session = store.driver().session()) {
                graph = session.executeRead(tx -> LineageGraph.load(tx, Lifetimes.DEFAULT_WINDOW));
            }
            Map<String, String> edges = new TreeMap<>();
            for (int e = 0; e < graph.edgeCount(); e++) {
                var edge = graph.graphEdge(e);
                edges.put(edge.source() + " -> " + edge.target(), edge.lifetime().toString());
            }
            return new Answer(queries, edges);
        }
    }

    @Test
    void theSameLifetimesWhateverTheWindowsAndTheirOrder() {
        List<String> log = resource("sample/jobs.jsonl").lines().toList();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        List<String> third = new ArrayList<>();
        for (String line : log) {
            String day = line.substring(line.indexOf("\"creation_time\": \"") + 18).substring(0, 10);
            (day.compareTo("2026-10-11") < 0 ? first : day.compareTo("2026-10-21") < 0 ? second : third).add(line);
        }
        Answer whole = written(List.of(log));
        assertTrue(whole.edges().size() > 150, "the sample's edges: " + whole.edges().size());
        assertTrue(whole.edges().values().stream().anyMatch(l -> l.contains("current=Optional[false]")), "some lineage retired");
        assertEquals(whole, written(List.of(first, second, third)), "windows in order");
        assertEquals(whole, written(List.of(third, second, first, second)), "windows out of order, one written twice");
    }
}
