package dev.colineage.graph.index;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.SearchTree;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Column lineage answered from the in-memory {@link LineageIndex}, with the same meaning as
 * graph-schema's Cypher {@code LineageGraphReader}: breadth-first by level, a table-wide influence
 * reaching the table and then its columns at the same depth, upstream through the tables a column's
 * table-wide inputs influence, filters, a hit limit with {@code truncated}, the shortest path explaining
 * each hit, and the queries behind the edges. Nothing crosses the network per traversal, which is what a
 * busy API needs (the Cypher reader costs ~20 ms of server CPU per traversal on two cores).
 */
public final class IndexedLineageReader {

    private final LineageSnapshots snapshots;

    public IndexedLineageReader(LineageSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** A search step: the node reached and the edges that reached it (one, or two through a table). */
    private record Step(String from, String to, Hit.Kind kind, String table, List<GraphEdge> edges, String[] fingerprints,
                        int columnId, boolean influencedTable) {
    }

    public Optional<Traversal> columnLineage(String column, Direction direction, TraversalOptions options) {
        LineageIndex idx = snapshots.current();
        Integer start = idx.columnId.get(column);
        if (start == null) {
            return Optional.empty();
        }
        Set<String> subtypes = new java.util.HashSet<>();
        options.subtypes().forEach(s -> subtypes.add(s.name()));
        Map<String, Hit> reached = new LinkedHashMap<>();
        SearchTree tree = new SearchTree(column);
        Set<String> seen = new LinkedHashSet<>();
        List<GraphEdge> edges = new ArrayList<>();
        Map<GraphEdge, String[]> fingerprints = new HashMap<>();
        seen.add(column);
        boolean[] truncated = {false};
        List<Integer> frontier = List.of(start);
        int depth = 0;
        while (!frontier.isEmpty() && !truncated[0]) {
            depth++;
            if (options.maxDepth().isPresent() && depth > options.maxDepth().get()) {
                break;
            }
            List<Step> steps = direction == Direction.DOWNSTREAM ? down(idx, frontier, options, subtypes)
                    : up(idx, frontier, options, subtypes);
            List<Step> fresh = absorb(steps, depth, options.limit(), reached, tree, seen, edges, fingerprints, truncated);
            List<Integer> next = new ArrayList<>();
            List<Step> influenced = new ArrayList<>();
            for (Step s : fresh) {
                if (s.kind() == Hit.Kind.TABLE) {
                    influenced.add(s);
                } else {
                    next.add(s.columnId());
                }
            }
            if (!influenced.isEmpty() && !truncated[0]) {
                // a table hit by a table-wide influence: its columns are affected too, at the same depth
                List<Step> columns = new ArrayList<>();
                for (Step t : influenced) {
                    int tid = idx.tableId.get(t.to());
                    for (int k = idx.columnsStart[tid]; k < idx.columnsStart[tid + 1]; k++) {
                        int c = idx.columnsOfTable[k];
                        String name = idx.columnName[c];
                        columns.add(new Step(t.to(), name, Hit.Kind.COLUMN, t.to(),
                                List.of(new GraphEdge(t.to(), name, "HAS_COLUMN", "INDIRECT", "TABLE", false)), new String[0], c, false));
                    }
                }
                for (Step s : absorb(columns, depth, options.limit(), reached, tree, seen, edges, fingerprints, truncated)) {
                    next.add(s.columnId());
                }
            }
            frontier = next;
        }
        List<GraphEdge> among = edges.stream().filter(e -> SearchTree.inResult(e, column, reached)).distinct().toList();
        Set<String> fps = new TreeSet<>();
        among.forEach(e -> {
            String[] f = fingerprints.get(e);
            if (f != null) {
                fps.addAll(List.of(f));
            }
        });
        return Optional.of(new Traversal(column, direction, new ArrayList<>(reached.values()), among, truncated[0], fps));
    }

    private static boolean passes(LineageIndex idx, int e, TraversalOptions options, Set<String> subtypes) {
        boolean wide = idx.edgeRelation[e] == LineageIndex.INFLUENCES;
        if (wide ? !options.includeIndirect() : !options.includeIndirect() && !idx.edgeType[e].equals("DIRECT")) {
            return false;
        }
        if (!subtypes.isEmpty() && !subtypes.contains(idx.edgeSubtype[e])) {
            return false;
        }
        return options.masking().isEmpty() || options.masking().get() == idx.edgeMasking[e];
    }

    private static GraphEdge edge(LineageIndex idx, int e, String source, String target) {
        boolean wide = idx.edgeRelation[e] == LineageIndex.INFLUENCES;
        return new GraphEdge(source, target, wide ? "INFLUENCES" : "FEEDS", idx.edgeType[e], idx.edgeSubtype[e], idx.edgeMasking[e]);
    }

    /** Downstream: FEEDS of the whole frontier first, then INFLUENCES (the Cypher reader's UNION order). */
    private static List<Step> down(LineageIndex idx, List<Integer> frontier, TraversalOptions options, Set<String> subtypes) {
        List<Step> out = new ArrayList<>();
        for (byte relation : new byte[]{LineageIndex.FEEDS, LineageIndex.INFLUENCES}) {
            for (int c : frontier) {
                String from = idx.columnName[c];
                for (int e = idx.edgeStart[c]; e < idx.edgeStart[c + 1]; e++) {
                    if (idx.edgeRelation[e] != relation || !passes(idx, e, options, subtypes)) {
                        continue;
                    }
                    int t = idx.edgeTarget[e];
                    if (relation == LineageIndex.FEEDS) {
                        String to = idx.columnName[t];
                        out.add(new Step(from, to, Hit.Kind.COLUMN, idx.tableName[idx.tableOfColumn[t]], List.of(edge(idx, e, from, to)),
                                idx.edgeFingerprints[e], t, false));
                    } else {
                        String to = idx.tableName[t];
                        out.add(new Step(from, to, Hit.Kind.TABLE, to, List.of(edge(idx, e, from, to)), idx.edgeFingerprints[e], -1, true));
                    }
                }
            }
        }
        return out;
    }

    /** Upstream: FEEDS into the frontier, then the table-wide inputs of each frontier column's table. */
    private static List<Step> up(LineageIndex idx, List<Integer> frontier, TraversalOptions options, Set<String> subtypes) {
        List<Step> out = new ArrayList<>();
        for (int c : frontier) {
            String at = idx.columnName[c];
            for (int k = idx.feedsInStart[c]; k < idx.feedsInStart[c + 1]; k++) {
                int e = idx.feedsIn[k];
                if (!passes(idx, e, options, subtypes)) {
                    continue;
                }
                int s = idx.edgeSource[e];
                String source = idx.columnName[s];
                out.add(new Step(at, source, Hit.Kind.COLUMN, idx.tableName[idx.tableOfColumn[s]], List.of(edge(idx, e, source, at)),
                        idx.edgeFingerprints[e], s, false));
            }
        }
        for (int c : frontier) {
            String at = idx.columnName[c];
            int table = idx.tableOfColumn[c];
            String via = idx.tableName[table];
            for (int k = idx.influencesInStart[table]; k < idx.influencesInStart[table + 1]; k++) {
                int e = idx.influencesIn[k];
                if (!passes(idx, e, options, subtypes)) {
                    continue;
                }
                int s = idx.edgeSource[e];
                String source = idx.columnName[s];
                out.add(new Step(at, source, Hit.Kind.COLUMN, idx.tableName[idx.tableOfColumn[s]],
                        List.of(new GraphEdge(via, at, "HAS_COLUMN", "INDIRECT", "TABLE", false), edge(idx, e, source, via)),
                        idx.edgeFingerprints[e], s, false));
            }
        }
        return out;
    }

    /** Takes one level's steps; returns the steps that reached a node for the first time. */
    private static List<Step> absorb(List<Step> steps, int depth, int limit, Map<String, Hit> reached, SearchTree tree,
                                     Set<String> seen, List<GraphEdge> edges, Map<GraphEdge, String[]> fingerprints,
                                     boolean[] truncated) {
        List<Step> fresh = new ArrayList<>();
        for (Step s : steps) {
            edges.addAll(s.edges());
            if (s.fingerprints().length > 0) {
                fingerprints.put(s.edges().get(s.edges().size() - 1), s.fingerprints());
            }
            if (!seen.add(s.to())) {
                continue;
            }
            if (reached.size() >= limit) {
                truncated[0] = true;
                break;
            }
            tree.reached(s.to(), s.from(), s.edges());
            reached.put(s.to(), new Hit(s.to(), s.kind(), s.table(), depth, tree.path(s.to())));
            fresh.add(s);
        }
        return fresh;
    }

    /** The summaries of these queries, newest run first (as the API lists the queries behind an answer). */
    public List<Map<String, Object>> queries(Set<String> fingerprints) {
        LineageIndex idx = snapshots.current();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String fp : fingerprints) {
            Map<String, Object> q = idx.queries.get(fp);
            if (q != null) {
                out.add(q);
            }
        }
        out.sort(java.util.Comparator.comparing((Map<String, Object> q) -> String.valueOf(q.get("last_seen"))).reversed()
                .thenComparing(q -> String.valueOf(q.get("fingerprint"))));
        return out;
    }
}
