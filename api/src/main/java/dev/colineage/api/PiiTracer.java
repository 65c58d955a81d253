package dev.colineage.api;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.colineage.graph.memory.EdgeKind;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.read.PiiColumnStore;

/**
 * Where personal data flows. From each PII column, every column reached over DIRECT, unmasked edges is
 * exposed (it holds the data itself); a DIRECT masking edge (a hash, a count) out of the PII column or an
 * exposed one leads to a masked column, and the flow stops there: what is derived from a hash is not
 * PII. INDIRECT edges (filters, joins) carry no values and are not followed. Each result carries the
 * path that explains it.
 */
final class PiiTracer {

    private final PiiColumnStore store;
    private final InMemoryLineageReader reader;
    private final LineageGraphs graphs;
    private final PiiRules rules;

    PiiTracer(PiiColumnStore store, InMemoryLineageReader reader, LineageGraphs graphs, PiiRules rules) {
        this.store = store;
        this.reader = reader;
        this.graphs = graphs;
        this.rules = rules;
    }

    /** PII columns (fqn -> why), sorted by name; {@code only} narrows to one column. */
    Map<String, List<String>> piiColumns(Optional<String> only) {
        return store.columns(only, new PiiColumnStore.Criteria(rules.names(), rules.notNames(), PiiRules.TAG, PiiRules.NOT_TAG));
    }

    /** The flows of every PII column (or of one), with a summary. */
    Map<String, Object> flows(Optional<String> only, int limit) {
        Map<String, List<String>> pii = piiColumns(only);
        List<Map<String, Object>> columns = new ArrayList<>();
        java.util.Set<String> allExposed = new java.util.TreeSet<>();
        java.util.Set<String> allMasked = new java.util.TreeSet<>();
        for (Map.Entry<String, List<String>> e : pii.entrySet()) {
            Map<String, Object> flow = flow(e.getKey(), limit);
            flow.put("reasons", e.getValue());
            columns.add(flow);
            ((List<?>) flow.get("exposed")).forEach(x -> allExposed.add((String) ((Map<?, ?>) x).get("column")));
            ((List<?>) flow.get("masked")).forEach(x -> allMasked.add((String) ((Map<?, ?>) x).get("column")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rules", Map.of("names", rules.names(), "not_names", rules.notNames(), "tag", PiiRules.TAG,
                "not_tag", PiiRules.NOT_TAG, "policy_tags", "any"));
        out.put("summary", Map.of("pii_columns", pii.size(), "exposed_columns", allExposed.size(),
                "masked_columns", allMasked.size()));
        out.put("columns", columns);
        return out;
    }

    private Map<String, Object> flow(String column, int limit) {
        Traversal exposed = reader.columnLineage(column, Direction.DOWNSTREAM,
                TraversalOptions.defaults().directOnly().withMasking(false).withLimit(limit)).orElseThrow();
        Map<String, Hit> reached = new LinkedHashMap<>();
        for (Hit h : exposed.hits()) {
            if (h.kind() == Hit.Kind.COLUMN) {
                reached.put(h.fqn(), h);
            }
        }
        List<String> sources = new ArrayList<>();
        sources.add(column);
        sources.addAll(reached.keySet());
        List<Map<String, Object>> masked = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(sources);
        // a DIRECT masking edge out of the PII column or an exposed one: read from the process's read model
        LineageGraph g = graphs.current();
        java.util.TreeMap<String, java.util.TreeMap<String, Integer>> bySourceOfTarget = new java.util.TreeMap<>();
        for (String source : sources) {
            java.util.OptionalInt c = g.column(source);
            if (c.isEmpty()) {
                continue;
            }
            for (int e = g.firstOut(c.getAsInt()); e < g.endOut(c.getAsInt()); e++) {
                if (g.kind(e) == EdgeKind.FEEDS && g.direct(e) && g.masking(e)) {
                    bySourceOfTarget.computeIfAbsent(g.columnName(g.target(e)), k -> new java.util.TreeMap<>())
                            .put(source, e);
                }
            }
        }
        bySourceOfTarget.forEach((target, bySource) -> {
            if (!seen.add(target)) {
                return;
            }
            Map.Entry<String, Integer> first = bySource.firstEntry();
            Hit via = reached.get(first.getKey());
            List<GraphEdge> path = new ArrayList<>(via == null ? List.of() : via.path());
            path.add(g.graphEdge(first.getValue()));
            masked.add(entry(target, path.size(), path));
        });
        List<Map<String, Object>> exposedList = new ArrayList<>();
        reached.values().stream().sorted(java.util.Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn))
                .forEach(h -> exposedList.add(entry(h.fqn(), h.depth(), h.path())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column);
        out.put("exposed", exposedList);
        out.put("masked", masked);
        out.put("truncated", exposed.truncated());
        return out;
    }

    private static Map<String, Object> entry(String column, int depth, List<GraphEdge> path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("depth", depth);
        m.put("path", Json.edges(path));
        return m;
    }
}
