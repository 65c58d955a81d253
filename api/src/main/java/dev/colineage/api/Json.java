package dev.colineage.api;

import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes of graph-schema values, in one place so every endpoint says them alike. */
final class Json {

    private Json() {
    }

    static Map<String, Object> edge(GraphEdge e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", e.source());
        m.put("target", e.target());
        m.put("relation", e.relation());
        m.put("type", e.type());
        m.put("subtype", e.subtype());
        m.put("masking", e.masking());
        return m;
    }

    static List<Map<String, Object>> edges(List<GraphEdge> edges) {
        List<Map<String, Object>> out = new ArrayList<>(edges.size());
        edges.forEach(e -> out.add(edge(e)));
        return out;
    }

    static Map<String, Object> hit(Hit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.fqn());
        m.put("kind", h.kind().name());
        m.put("table", h.table());
        m.put("depth", h.depth());
        m.put("path", edges(h.path()));
        return m;
    }
}
