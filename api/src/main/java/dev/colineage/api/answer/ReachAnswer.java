package dev.colineage.api.answer;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.Hit;
import java.util.List;
import java.util.Objects;

/**
 * column_impact and column_origin: the columns and tables a column reaches (downstream) or comes from
 * (upstream), nearest first, each with the edge that reached it.
 *
 * @param columns how many columns the answer holds; {@code tables}: how many tables they are in
 */
public record ReachAnswer(String column, Direction direction, List<Node> nodes, int columns, int tables, boolean truncated) {
    public ReachAnswer {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(direction, "direction is null");
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes is null"));
    }

    /**
     * @param kind COLUMN, or TABLE for a table a JOIN/WHERE edge reaches
     * @param via  the edge that reached it, as a line says it: {@code DIRECT/TRANSFORMATION masked}
     */
    public record Node(String name, Hit.Kind kind, String table, int depth, boolean pii, String via) {
        public Node {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(via, "via is null");
        }
    }
}
