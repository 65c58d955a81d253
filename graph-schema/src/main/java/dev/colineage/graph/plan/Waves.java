package dev.colineage.graph.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders a dependency graph into waves (Kahn's algorithm): wave 0 has no dependency inside the graph,
 * wave n depends only on earlier waves, so each wave's members can run in parallel. What Kahn cannot
 * order sits on or behind a cycle; the cycles themselves are reported as their strongly connected
 * components (Tarjan), never looped on.
 *
 * @param waves   members of each wave, sorted
 * @param cycles  each cycle's members, sorted (a self-loop is a cycle of one)
 * @param blocked nodes in no wave: on a cycle, or downstream of one
 */
public record Waves(List<List<String>> waves, List<List<String>> cycles, Set<String> blocked) {

    public Waves {
        waves = List.copyOf(waves);
        cycles = List.copyOf(cycles);
        blocked = Set.copyOf(blocked);
    }

    /** {@code dependsOn}: node -> the nodes it waits for (only nodes of {@code nodes} count). */
    public static Waves of(Collection<String> nodes, Map<String, ? extends Collection<String>> dependsOn) {
        Set<String> all = new TreeSet<>(nodes);
        Map<String, List<String>> dependents = new HashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        for (String n : all) {
            int count = 0;
            for (String d : of(dependsOn, n)) {
                if (all.contains(d)) {
                    count++;
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
                }
            }
            waiting.put(n, count);
        }
        List<List<String>> waves = new ArrayList<>();
        List<String> ready = all.stream().filter(n -> waiting.get(n) == 0).toList();
        Set<String> placed = new java.util.HashSet<>();
        while (!ready.isEmpty()) {
            waves.add(ready);
            placed.addAll(ready);
            Set<String> next = new TreeSet<>();
            for (String n : ready) {
                for (String d : dependents.getOrDefault(n, List.of())) {
                    if (waiting.merge(d, -1, Integer::sum) == 0) {
                        next.add(d);
                    }
                }
            }
            ready = List.copyOf(next);
        }
        Set<String> blocked = new TreeSet<>(all);
        blocked.removeAll(placed);
        return new Waves(waves, cycles(blocked, dependsOn), blocked);
    }

    /** Strongly connected components of the blocked nodes with more than one member, or a self-loop. */
    private static List<List<String>> cycles(Set<String> blocked, Map<String, ? extends Collection<String>> dependsOn) {
        List<List<String>> out = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        int[] counter = {0};
        for (String start : blocked) {
            if (index.containsKey(start)) {
                continue;
            }
            // iterative Tarjan: a deep chain must not overflow the call stack
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[]{start, 0});
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String v = (String) frame[0];
                int i = (Integer) frame[1];
                if (i == 0 && !index.containsKey(v)) {
                    index.put(v, counter[0]);
                    low.put(v, counter[0]);
                    counter[0]++;
                    stack.push(v);
                    onStack.add(v);
                }
                List<String> next = of(dependsOn, v).stream().filter(blocked::contains).sorted().toList();
                if (i < next.size()) {
                    frame[1] = i + 1;
                    String w = next.get(i);
                    if (!index.containsKey(w)) {
                        work.push(new Object[]{w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    boolean selfLoop = of(dependsOn, v).contains(v);
                    if (component.size() > 1 || selfLoop) {
                        component.sort(null);
                        out.add(List.copyOf(component));
                    }
                }
            }
        }
        out.sort(java.util.Comparator.comparing(c -> c.get(0)));
        return out;
    }

    private static Collection<String> of(Map<String, ? extends Collection<String>> dependsOn, String node) {
        Collection<String> c = dependsOn.get(node);
        return c == null ? List.of() : c;
    }
}
