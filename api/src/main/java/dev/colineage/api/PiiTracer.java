package dev.colineage.api;

import dev.colineage.api.answer.PiiFlowsAnswer;
import dev.colineage.graph.memory.EdgeKind;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.memory.PiiColumns;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.LineageTime;
import dev.colineage.graph.read.PiiColumnStore;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where personal data flows. From each PII column, every column reached over DIRECT, unmasked edges is
 * exposed (it holds the data itself); a DIRECT masking edge (a hash, a count) out of the PII column or an
 * exposed one leads to a masked column, and the flow stops there: what is derived from a hash is not
 * PII. INDIRECT edges (filters, joins) carry no values and are not followed. Each result carries the
 * path that explains it, over the current lineage, as of an instant, or over every edge ever seen. Everything is read from the process's read model: which columns are PII
 * ({@link PiiColumns}) and the walks.
 */
final class PiiTracer {

    private final PiiColumns piiColumns;
    private final InMemoryLineageReader reader;
    private final LineageGraphs graphs;
    private final PiiRules rules;

    PiiTracer(InMemoryLineageReader reader, LineageGraphs graphs, PiiRules rules) {
        this.piiColumns = new PiiColumns(new PiiColumnStore.Criteria(rules.names(), rules.notNames(), PiiRules.TAG, PiiRules.NOT_TAG));
        this.reader = reader;
        this.graphs = graphs;
        this.rules = rules;
    }

    /** The PII columns of one graph instance, by name. */
    private record PiiNames(LineageGraph graph, Set<String> names) {
    }

    /** Answers mark their nodes from it; null until first asked. */
    private volatile PiiNames piiNames;

    /** Whether the column holds personal data itself (a policy tag, the tag {@code pii}, or the name rule). */
    boolean isPii(String column) {
        LineageGraph g = graphs.current();
        PiiNames names = piiNames;
        if (names == null || names.graph() != g) {
            Set<String> all = new HashSet<>();
            piiColumns.all(g).forEach(c -> all.add(c.column()));
            names = new PiiNames(g, Set.copyOf(all));
            piiNames = names;
        }
        return names.names().contains(column);
    }

    /**
     * The flows of every PII column, or of {@code only} (no flows when it holds no PII); empty when
     * {@code only} names a column the graph does not know.
     */
    Optional<PiiFlowsAnswer> flows(Optional<String> only, int limit, LineageTime time) {
        LineageGraph g = graphs.current();
        if (only.isPresent() && g.column(only.get()).isEmpty()) {
            return Optional.empty();
        }
        List<PiiColumns.PiiColumn> pii = only.isPresent()
                ? piiColumns.one(g, only.get()).map(List::of).orElse(List.of())
                : piiColumns.all(g);
        List<PiiFlowsAnswer.Flow> flows = new ArrayList<>();
        Set<String> allExposed = new TreeSet<>();
        Set<String> allMasked = new TreeSet<>();
        for (PiiColumns.PiiColumn c : pii) {
            PiiFlowsAnswer.Flow flow = flow(g, c, limit, time);
            flows.add(flow);
            flow.exposed().forEach(x -> allExposed.add(x.column()));
            flow.masked().forEach(x -> allMasked.add(x.column()));
        }
        return Optional.of(new PiiFlowsAnswer(
                new PiiFlowsAnswer.Rules(rules.names(), rules.notNames(), PiiRules.TAG, PiiRules.NOT_TAG, "any"),
                new PiiFlowsAnswer.Summary(pii.size(), allExposed.size(), allMasked.size()), flows));
    }

    private PiiFlowsAnswer.Flow flow(LineageGraph g, PiiColumns.PiiColumn pii, int limit, LineageTime time) {
        String column = pii.column();
        Traversal exposed = reader.columnLineage(column, Direction.DOWNSTREAM,
                TraversalOptions.defaults().directOnly().withMasking(false).withLimit(limit).at(time)).orElseThrow();
        Map<String, Hit> reached = new LinkedHashMap<>();
        for (Hit h : exposed.hits()) {
            if (h.kind() == Hit.Kind.COLUMN) {
                reached.put(h.fqn(), h);
            }
        }
        List<String> sources = new ArrayList<>();
        sources.add(column);
        sources.addAll(reached.keySet());
        Set<String> seen = new HashSet<>(sources);
        // a DIRECT masking edge out of the PII column or an exposed one
        TreeMap<String, TreeMap<String, Integer>> bySourceOfTarget = new TreeMap<>();
        for (String source : sources) {
            OptionalInt c = g.column(source);
            if (c.isEmpty()) {
                continue;
            }
            for (int e = g.firstOut(c.getAsInt()); e < g.endOut(c.getAsInt()); e++) {
                if (g.kind(e) == EdgeKind.FEEDS && g.direct(e) && g.masking(e) && g.live(e, time)) {
                    bySourceOfTarget.computeIfAbsent(g.columnName(g.target(e)), k -> new TreeMap<>()).put(source, e);
                }
            }
        }
        List<PiiFlowsAnswer.Reach> masked = new ArrayList<>();
        bySourceOfTarget.forEach((target, bySource) -> {
            if (!seen.add(target)) {
                return;
            }
            Map.Entry<String, Integer> first = bySource.firstEntry();
            Hit via = reached.get(first.getKey());
            List<GraphEdge> path = new ArrayList<>(via == null ? List.of() : via.path());
            path.add(g.graphEdge(first.getValue()));
            masked.add(new PiiFlowsAnswer.Reach(target, path.size(), path));
        });
        List<PiiFlowsAnswer.Reach> exposedList = reached.values().stream()
                .sorted(Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn))
                .map(h -> new PiiFlowsAnswer.Reach(h.fqn(), h.depth(), h.path())).toList();
        return new PiiFlowsAnswer.Flow(column, exposedList, masked, exposed.truncated(), pii.reasons());
    }
}
