package dev.colineage.api.answer;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.memory.QuerySummary;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The lineage of a column or a table: what was reached (nodes, nearest first), every edge seen between
 * them, the path explaining each hit, and a summary of what is affected.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LineageAnswer(String start, StartKind startKind, Way direction, boolean truncated, Summary summary,
                            List<Node> nodes, List<GraphEdge> edges, List<Hit> hits, List<TableSize> tables) {

    /** A table of the answer (the start's too) and how many columns the graph knows of it: a page shows the rest as a count. */
    public record TableSize(String table, int columns) {
        public TableSize {
            Objects.requireNonNull(table, "table is null");
        }
    }

    /** What the traversal started from. */
    public enum StartKind {
        COLUMN, TABLE;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The direction as the API spells it ({@code downstream}, {@code upstream}). */
    public record Way(Direction direction) {
        public Way {
            Objects.requireNonNull(direction, "direction is null");
        }

        @JsonValue
        public String json() {
            return direction.name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much is affected, by depth, and by which queries. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(int columns, int tables, List<DepthCount> byDepth, List<String> datasets, List<QuerySummary> queries) {
        public Summary {
            byDepth = List.copyOf(Objects.requireNonNull(byDepth, "byDepth is null"));
            datasets = List.copyOf(Objects.requireNonNull(datasets, "datasets is null"));
            queries = List.copyOf(Objects.requireNonNull(queries, "queries is null"));
        }
    }

    /** The tables and columns reached at one depth. */
    public record DepthCount(int depth, int tables, int columns) {
    }

    /**
     * A node reached, without its path (the hits carry those).
     *
     * @param pii     the column holds personal data itself (a policy tag, the tag {@code pii}, or the name rule)
     * @param queries the fingerprints of the queries behind the answer's lineage edges that reach the node (into
     *                it downstream, out of it upstream); their summaries are in {@code summary.queries}
     */
    public record Node(String id, Hit.Kind kind, String table, int depth, boolean pii, List<String> queries) {
        public Node {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(table, "table is null");
            queries = List.copyOf(Objects.requireNonNull(queries, "queries is null"));
        }
    }

    /** This answer without the hits' explaining paths (their nodes are in {@code nodes}). */
    public LineageAnswer withoutPaths() {
        return new LineageAnswer(start, startKind, direction, truncated, summary, nodes, edges, List.of(), tables);
    }

    public LineageAnswer {
        Objects.requireNonNull(start, "start is null");
        Objects.requireNonNull(startKind, "startKind is null");
        Objects.requireNonNull(direction, "direction is null");
        Objects.requireNonNull(summary, "summary is null");
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes is null"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges is null"));
        hits = List.copyOf(Objects.requireNonNull(hits, "hits is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }
}
