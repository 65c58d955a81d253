package dev.colineage.core.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;

/** The JSON shape of lineage results that the {@code analyze} command prints and other tools read. */
public final class LineageJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private LineageJson() {
    }

    /** {@code {"edges":[...],"diagnostics":[...]}}, and {@code "transient_tables":[...]} when there are any. */
    public static ObjectNode result(LineageResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("edges", edges(result));
        root.set("diagnostics", diagnostics(result));
        if (!result.transientTables().isEmpty()) {
            ArrayNode tables = root.putArray("transient_tables");
            result.transientTables().forEach(t -> tables.add(t.fqn()));
        }
        return root;
    }

    public static ArrayNode edges(LineageResult result) {
        ArrayNode edges = MAPPER.createArrayNode();
        for (Edge e : result.edges()) {
            ObjectNode o = edges.addObject();
            o.put("source", e.source().fqn());
            o.put("target", e.target().fqn());
            o.put("type", e.transformation().type().name());
            o.put("subtype", e.transformation().subtype().name());
            o.put("masking", e.transformation().masking());
        }
        return edges;
    }

    public static ArrayNode diagnostics(LineageResult result) {
        ArrayNode out = MAPPER.createArrayNode();
        for (Diagnostic d : result.diagnostics()) {
            ObjectNode o = out.addObject();
            o.put("level", d.level().name());
            o.put("code", d.code());
            o.put("message", d.message());
            o.put("statement", d.statement());
            d.line().ifPresent(l -> o.put("line", l));
            d.column().ifPresent(c -> o.put("column", c));
        }
        return out;
    }
}
