package dev.colineage.graph.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent links of a breadth-first lineage search and what both readers (Cypher and in-memory) make
 * of them: the path explaining a hit, and which edges belong to the answer.
 */
public final class SearchTree {

    private final String start;
    private final Map<String, String> parent = new HashMap<>();
    /** The edges of the step that reached each node, in traversal order (one, or two through a table). */
    private final Map<String, List<GraphEdge>> parentEdges = new HashMap<>();

    public SearchTree(String start) {
        this.start = start;
    }

    public void reached(String node, String from, List<GraphEdge> step) {
        parent.put(node, from);
        parentEdges.put(node, step);
    }

    /** The edges from the start to {@code node}, in data-flow order of the search. */
    public List<GraphEdge> path(String node) {
        List<List<GraphEdge>> reversed = new ArrayList<>();
        for (String at = node; !at.equals(start); at = parent.get(at)) {
            reversed.add(parentEdges.get(at));
        }
        List<GraphEdge> path = new ArrayList<>();
        for (int i = reversed.size() - 1; i >= 0; i--) {
            path.addAll(reversed.get(i));
        }
        return path;
    }

    /** Edges among the start, the hits, and the tables a table-wide influence passes through. */
    public static boolean inResult(GraphEdge e, String start, Map<String, Hit> reached) {
        boolean viaTable = e.relation() == GraphEdge.Relation.HAS_COLUMN || e.relation() == GraphEdge.Relation.INFLUENCES;
        return (e.source().equals(start) || reached.containsKey(e.source()) || viaTable && e.relation() == GraphEdge.Relation.HAS_COLUMN)
                && (e.target().equals(start) || reached.containsKey(e.target()) || viaTable && e.relation() == GraphEdge.Relation.INFLUENCES);
    }
}
