package dev.colineage.graph.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Search by name fragment over a {@link LineageGraph} without reading every column name: a column's name
 * is its table's name, a dot and its path, so a fragment without a dot that a column name contains lies
 * inside the table name or inside the path. Table names and distinct paths are few (a warehouse repeats
 * {@code id}, {@code email}, {@code created_at} in thousands of tables), so a search reads those, then only
 * the columns of the tables and paths that match. A fragment with a dot may straddle the two: it reads
 * every column name, as before. Answers are the same as a scan's (shortest first, then by name; columns
 * of transient tables left out), tested against the Cypher search.
 */
final class NameSearch {

    private static final Comparator<String> SHORTEST_FIRST = Comparator.comparingInt(String::length).thenComparing(c -> c);

    private final LineageGraph g;
    /** Lower-cased table names, by table id. */
    private final String[] lowerTables;
    /** Lower-cased distinct column paths. */
    private final String[] lowerPaths;
    /** The columns of path p are {@code columnsByPath[pathStart[p]] .. columnsByPath[pathStart[p + 1] - 1]}. */
    private final int[] pathStart;
    private final int[] columnsByPath;

    NameSearch(LineageGraph g) {
        this.g = g;
        lowerTables = new String[g.tableCount()];
        for (int t = 0; t < lowerTables.length; t++) {
            lowerTables[t] = g.tableName(t).toLowerCase(Locale.ROOT);
        }
        int columns = g.columnCount();
        Map<String, Integer> pathIds = new HashMap<>();
        int[] pathOf = new int[columns];
        List<String> paths = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String lower = g.columnPath(c).toLowerCase(Locale.ROOT);
            Integer id = pathIds.get(lower);
            if (id == null) {
                id = paths.size();
                pathIds.put(lower, id);
                paths.add(lower);
            }
            pathOf[c] = id;
        }
        lowerPaths = paths.toArray(String[]::new);
        pathStart = new int[lowerPaths.length + 1];
        for (int p : pathOf) {
            pathStart[p + 1]++;
        }
        for (int p = 0; p < lowerPaths.length; p++) {
            pathStart[p + 1] += pathStart[p];
        }
        columnsByPath = new int[columns];
        int[] next = pathStart.clone();
        for (int c = 0; c < columns; c++) {
            columnsByPath[next[pathOf[c]]++] = c;
        }
    }

    List<String> tables(String fragment, int limit) {
        String q = fragment.toLowerCase(Locale.ROOT);
        Best best = new Best(limit);
        for (int t = 0; t < lowerTables.length && limit > 0; t++) {
            if (!g.isTransient(t) && lowerTables[t].contains(q)) {
                best.offer(g.tableName(t));
            }
        }
        return best.sorted();
    }

    List<String> columns(String fragment, int limit) {
        String q = fragment.toLowerCase(Locale.ROOT);
        Best best = new Best(limit);
        if (limit <= 0) {
            return best.sorted();
        }
        if (q.indexOf('.') >= 0) {
            // may straddle a table name and a path: every name
            for (int c = 0; c < g.columnCount(); c++) {
                if (!g.isTransient(g.tableOf(c)) && g.columnName(c).toLowerCase(Locale.ROOT).contains(q)) {
                    best.offer(g.columnName(c));
                }
            }
            return best.sorted();
        }
        boolean[] tableMatches = new boolean[lowerTables.length];
        for (int t = 0; t < lowerTables.length; t++) {
            if (!g.isTransient(t) && lowerTables[t].contains(q)) {
                tableMatches[t] = true;
                for (int k = 0; k < g.columnsOf(t); k++) {
                    best.offer(g.columnName(g.columnOfTable(t, k)));
                }
            }
        }
        for (int p = 0; p < lowerPaths.length; p++) {
            if (!lowerPaths[p].contains(q)) {
                continue;
            }
            for (int k = pathStart[p]; k < pathStart[p + 1]; k++) {
                int t = g.tableOf(columnsByPath[k]);
                if (!tableMatches[t] && !g.isTransient(t)) {      // a matching table offered it already
                    best.offer(g.columnName(columnsByPath[k]));
                }
            }
        }
        return best.sorted();
    }

    /** Heap held by the index beyond the graph's own names, counted as {@link LineageGraph#structureBytes()} does. */
    long bytes() {
        long strings = 0;
        for (String s : lowerTables) {
            strings += 24 + 16 + s.length();
        }
        for (String s : lowerPaths) {
            strings += 24 + 16 + s.length();
        }
        return strings + 16 + 4L * lowerTables.length + 16 + 4L * lowerPaths.length + 16 + 4L * pathStart.length
                + 16 + 4L * columnsByPath.length;
    }

    /** The best {@code limit} names seen, the worst on top. */
    private static final class Best {
        private final int limit;
        private final PriorityQueue<String> queue;

        Best(int limit) {
            this.limit = limit;
            this.queue = new PriorityQueue<>(Math.max(1, Math.min(limit, 1024)) + 1, SHORTEST_FIRST.reversed());
        }

        void offer(String name) {
            if (queue.size() < limit) {
                queue.add(name);
            } else if (SHORTEST_FIRST.compare(name, queue.peek()) < 0) {
                queue.poll();
                queue.add(name);
            }
        }

        List<String> sorted() {
            List<String> out = new ArrayList<>(queue);
            out.sort(SHORTEST_FIRST);
            return out;
        }
    }
}
