package dev.colineage.graph.memory;

import dev.colineage.graph.read.Direction;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The one traversal of the read model: breadth-first from start columns, level by level, over the edges
 * a {@link StepPolicy} takes. Downstream a level takes the frontier's FEEDS edges, then its INFLUENCES
 * edges (reaching tables), then the columns of the tables reached at that level (a table-wide influence
 * affects every column of its table, at the same depth). Upstream it takes the FEEDS edges into the
 * frontier, then the INFLUENCES edges into each frontier column's table. Every move is handed to the
 * visitor, also to nodes already reached (a question may count them), marked {@code first} when the
 * node is new; the visitor can stop the walk.
 */
public final class LineageWalker {

    /**
     * One move of a walk.
     *
     * @param depth lineage edges from the start (a table's columns are at the table's depth)
     * @param from  a column, or for a {@link Step#TABLE_COLUMN} move the table
     * @param edge  the lineage edge taken, or -1 for a table's column
     * @param to    the node reached: a column, or a table for {@link Step#INFLUENCED_TABLE}
     * @param first whether the walk reached {@code to} for the first time
     */
    public record Move(int depth, Step step, int from, int edge, int to, boolean first) {
        public Move {
            Objects.requireNonNull(step, "step is null");
        }
    }

    /** How a move reached its node. */
    public enum Step {
        /** Over a FEEDS edge, in the walk's direction. */
        FEEDS,
        /** Downstream over an INFLUENCES edge, to the table it influences. */
        INFLUENCED_TABLE,
        /** Downstream from an influenced table to one of its columns. */
        TABLE_COLUMN,
        /** Upstream from a column to a column influencing its table (through the table). */
        TABLE_INPUT
    }

    /** Sees each move; returns false to stop the walk there (a limit reached). */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(Move move);
    }

    private LineageWalker() {
    }

    /**
     * Walks from {@code starts} (column ids, reached at depth 0) no deeper than {@code maxDepth}.
     *
     * @return whether the walk ran to its end (false: the visitor stopped it)
     */
    public static boolean walk(LineageGraph g, int[] starts, Direction direction, StepPolicy policy, OptionalInt maxDepth,
                               Visitor visitor) {
        boolean[] seenColumn = new boolean[g.columnCount()];
        boolean[] seenTable = new boolean[g.tableCount()];
        int[] frontier = new int[starts.length];
        int size = 0;
        for (int c : starts) {
            if (!seenColumn[c]) {
                seenColumn[c] = true;
                frontier[size++] = c;
            }
        }
        frontier = java.util.Arrays.copyOf(frontier, size);
        int depth = 0;
        while (frontier.length > 0) {
            depth++;
            if (maxDepth.isPresent() && depth > maxDepth.getAsInt()) {
                break;
            }
            Level level = new Level(g, depth, policy, visitor, seenColumn, seenTable);
            boolean going = direction == Direction.DOWNSTREAM ? level.down(frontier) : level.up(frontier);
            if (!going) {
                return false;
            }
            frontier = level.next.toArray();
        }
        return true;
    }

    /**
     * One move of a table-level walk: from a table to a table over the column edges between them.
     *
     * @param direct whether any column edge between the two tables is DIRECT (as {@code FEEDS_TABLE})
     */
    public record TableMove(int depth, int from, int to, boolean direct, boolean first) {
    }

    /** Sees each table move; returns false to stop the walk there. */
    @FunctionalInterface
    public interface TableVisitor {
        boolean visit(TableMove move);
    }

    /**
     * The table-level walk: breadth-first from a table over the table-level lineage the column edges make
     * (a table feeds another when any of its columns feeds a column of it or influences it, directly when
     * any of those edges is DIRECT), no deeper than {@code maxDepth}; INDIRECT-only table edges are taken
     * unless {@code directOnly}. The tables a level reaches are visited in name order.
     *
     * @return whether the walk ran to its end
     */
    public static boolean walkTables(LineageGraph g, int start, Direction direction, boolean directOnly, OptionalInt maxDepth,
                                     dev.colineage.graph.read.LineageTime time, TableVisitor visitor) {
        boolean[] seen = new boolean[g.tableCount()];
        seen[start] = true;
        int[] frontier = {start};
        int depth = 0;
        while (frontier.length > 0) {
            depth++;
            if (maxDepth.isPresent() && depth > maxDepth.getAsInt()) {
                break;
            }
            LineageGraph.Ints next = new LineageGraph.Ints();
            for (int t : frontier) {
                java.util.TreeMap<String, int[]> neighbours = tableNeighbours(g, t, direction, time);
                for (int[] n : neighbours.values()) {
                    boolean direct = n[1] != 0;
                    if (directOnly && !direct) {
                        continue;
                    }
                    boolean first = !seen[n[0]];
                    seen[n[0]] = true;
                    if (!visitor.visit(new TableMove(depth, t, n[0], direct, first))) {
                        return false;
                    }
                    if (first) {
                        next.add(n[0]);
                    }
                }
            }
            frontier = next.toArray();
        }
        return true;
    }

    /** The tables next to {@code table} in the walk's direction, by name: {table id, 1 when direct}. */
    private static java.util.TreeMap<String, int[]> tableNeighbours(LineageGraph g, int table, Direction direction,
                                                                 dev.colineage.graph.read.LineageTime time) {
        java.util.TreeMap<String, int[]> out = new java.util.TreeMap<>();
        for (int k = 0; k < g.columnsOf(table); k++) {
            int c = g.columnOfTable(table, k);
            if (direction == Direction.DOWNSTREAM) {
                for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                    if (!g.live(e, time)) {
                        continue;
                    }
                    int u = g.kind(e) == EdgeKind.FEEDS ? g.tableOf(g.target(e)) : g.target(e);
                    neighbour(out, g, u, g.direct(e));
                }
            } else {
                for (int i = 0; i < g.feedsInto(c); i++) {
                    int e = g.feedInto(c, i);
                    if (!g.live(e, time)) {
                        continue;
                    }
                    neighbour(out, g, g.tableOf(g.source(e)), g.direct(e));
                }
            }
        }
        if (direction == Direction.UPSTREAM) {
            for (int i = 0; i < g.influencesOn(table); i++) {
                int e = g.influenceOn(table, i);
                if (g.live(e, time)) {
                    neighbour(out, g, g.tableOf(g.source(e)), false);
                }
            }
        }
        return out;
    }

    private static void neighbour(java.util.TreeMap<String, int[]> out, LineageGraph g, int table, boolean direct) {
        int[] n = out.computeIfAbsent(g.tableName(table), k -> new int[]{table, 0});
        if (direct) {
            n[1] = 1;
        }
    }

    /** One level of a walk: its moves, and the columns it walks on from next. */
    private static final class Level {
        private final LineageGraph g;
        private final int depth;
        private final StepPolicy policy;
        private final Visitor visitor;
        private final boolean[] seenColumn;
        private final boolean[] seenTable;
        /** The current edges, when the walk asks about the current lineage: one bit test per edge. */
        private final java.util.BitSet current;
        private final dev.colineage.graph.read.LineageTime time;
        final LineageGraph.Ints next = new LineageGraph.Ints();

        Level(LineageGraph g, int depth, StepPolicy policy, Visitor visitor, boolean[] seenColumn, boolean[] seenTable) {
            this.g = g;
            this.depth = depth;
            this.policy = policy;
            this.time = policy.time();
            this.current = time.mode() == dev.colineage.graph.read.LineageTime.Mode.CURRENT ? g.currentEdges() : null;
            this.visitor = visitor;
            this.seenColumn = seenColumn;
            this.seenTable = seenTable;
        }

        boolean down(int[] frontier) {
            for (int c : frontier) {
                for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                    if (g.kind(e) == EdgeKind.FEEDS && takes(e) && !column(Step.FEEDS, c, e, g.target(e))) {
                        return false;
                    }
                }
            }
            LineageGraph.Ints influenced = new LineageGraph.Ints();
            for (int c : frontier) {
                for (int e = g.firstOut(c); e < g.endOut(c); e++) {
                    if (g.kind(e) != EdgeKind.INFLUENCES || !takes(e)) {
                        continue;
                    }
                    int t = g.target(e);
                    boolean first = !seenTable[t];
                    seenTable[t] = true;
                    if (!visitor.visit(new Move(depth, Step.INFLUENCED_TABLE, c, e, t, first))) {
                        return false;
                    }
                    if (first && policy.continuesPast(g, e)) {
                        influenced.add(t);
                    }
                }
            }
            for (int t : influenced.toArray()) {
                for (int k = 0; k < g.columnsOf(t); k++) {
                    int col = g.columnOfTable(t, k);
                    boolean first = !seenColumn[col];
                    seenColumn[col] = true;
                    if (!visitor.visit(new Move(depth, Step.TABLE_COLUMN, t, -1, col, first))) {
                        return false;
                    }
                    if (first) {
                        next.add(col);
                    }
                }
            }
            return true;
        }

        boolean up(int[] frontier) {
            for (int c : frontier) {
                for (int k = 0; k < g.feedsInto(c); k++) {
                    int e = g.feedInto(c, k);
                    if (takes(e) && !column(Step.FEEDS, c, e, g.source(e))) {
                        return false;
                    }
                }
            }
            for (int c : frontier) {
                int t = g.tableOf(c);
                for (int k = 0; k < g.influencesOn(t); k++) {
                    int e = g.influenceOn(t, k);
                    if (takes(e) && !column(Step.TABLE_INPUT, c, e, g.source(e))) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The policy's choice, within the lineage of the walk's time. */
        private boolean takes(int e) {
            return (current != null ? current.get(e) : g.live(e, time)) && policy.takes(g, e);
        }

        private boolean column(Step step, int from, int edge, int to) {
            boolean first = !seenColumn[to];
            seenColumn[to] = true;
            if (!visitor.visit(new Move(depth, step, from, edge, to, first))) {
                return false;
            }
            if (first && policy.continuesPast(g, edge)) {
                next.add(to);
            }
            return true;
        }
    }
}
