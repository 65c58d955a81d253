package dev.colineage.graph.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WavesTest {

    @Test
    void aDiamondRunsItsMiddleInParallel() {
        Waves w = Waves.of(List.of("a", "b", "c", "d"), Map.of("b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c")));
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d")), w.waves());
        assertEquals(List.of(), w.cycles());
    }

    @Test
    void aDeepChainIsOneTablePerWave() {
        List<String> nodes = new ArrayList<>();
        Map<String, List<String>> deps = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String n = String.format("t%05d", i);
            nodes.add(n);
            if (i > 0) {
                deps.put(n, List.of(String.format("t%05d", i - 1)));
            }
        }
        Waves w = Waves.of(nodes, deps);
        assertEquals(20_000, w.waves().size());
        assertEquals(List.of("t19999"), w.waves().get(19_999));
    }

    @Test
    void aCycleIsReportedWithItsMembersAndBlocksWhatFollows() {
        // a -> b -> c -> b (cycle b,c), c -> d; e independent; f depends on itself
        Waves w = Waves.of(List.of("a", "b", "c", "d", "e", "f"),
                Map.of("b", List.of("a", "c"), "c", List.of("b"), "d", List.of("c"), "f", List.of("f")));
        assertEquals(List.of(List.of("a", "e")), w.waves());
        assertEquals(List.of(List.of("b", "c"), List.of("f")), w.cycles());
        assertEquals(Set.of("b", "c", "d", "f"), w.blocked());
    }

    @Test
    void dependenciesOutsideTheGraphAreIgnored() {
        Waves w = Waves.of(List.of("x", "y"), Map.of("x", List.of("outside"), "y", List.of("x")));
        assertEquals(List.of(List.of("x"), List.of("y")), w.waves());
    }
}
