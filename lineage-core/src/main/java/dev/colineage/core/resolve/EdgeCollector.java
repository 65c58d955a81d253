package dev.colineage.core.resolve;

import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageTarget;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns values written into a target table into edges, merging duplicates the way
 * {@link Dependencies} does: per source and target, one DIRECT edge and one per INDIRECT subtype.
 */
final class EdgeCollector {

    private record Key(String source, String target, String kind) {
    }

    private final Map<Key, Edge> edges = new LinkedHashMap<>();

    /** Edges from each dependency of {@code value} into column {@code path} of {@code table}. */
    void column(TableRef table, List<String> path, Value value) {
        ColumnRef target = new ColumnRef(table, path);
        if (!value.fields().isEmpty()) {
            Dependencies covered = Dependencies.none();
            for (Map.Entry<String, Value> f : value.fields().entrySet()) {
                List<String> longer = new ArrayList<>(path);
                longer.add(f.getKey());
                column(table, longer, f.getValue());
                covered = covered.plus(f.getValue().deps());
            }
            // what the struct depends on beyond its fields (a scalar subquery's filter, say)
            for (Dependencies.Dependency d : value.deps().entries()) {
                if (!covered.contains(d)) {
                    add(d.source(), target, d.transformation());
                }
            }
            return;
        }
        for (Dependencies.Dependency d : value.deps().entries()) {
            add(d.source(), target, d.transformation());
        }
    }

    /** Table-wide edges: inputs that decide which rows the target gets. */
    void table(TableRef table, Dependencies tableWide) {
        for (Dependencies.Dependency d : tableWide.entries()) {
            add(d.source(), table, d.transformation());
        }
    }

    /** One edge as it is, merged with an equal one already collected. */
    void add(Edge edge) {
        add(edge.source(), edge.target(), edge.transformation());
    }

    private void add(ColumnRef source, LineageTarget target, Transformation t) {
        Key key = new Key(source.fqn(), target.fqn(), t.isDirect() ? "DIRECT" : t.subtype().name());
        edges.merge(key, new Edge(source, target, t), (a, b) -> {
            Transformation m = a.transformation().isDirect() ? a.transformation().merge(b.transformation())
                    : a.transformation().masking() && b.transformation().masking() ? a.transformation()
                    : new Transformation(a.transformation().type(), a.transformation().subtype(), false);
            return new Edge(source, target, m);
        });
    }

    /** All edges, ordered by target, then source, then type. */
    List<Edge> edges() {
        List<Map.Entry<Key, Edge>> entries = new ArrayList<>(edges.entrySet());
        entries.sort(Comparator.comparing((Map.Entry<Key, Edge> e) -> e.getKey().target())
                .thenComparing(e -> e.getKey().source()).thenComparing(e -> e.getKey().kind()));
        List<Edge> list = new ArrayList<>(entries.size());
        entries.forEach(e -> list.add(e.getValue()));
        return list;
    }
}
