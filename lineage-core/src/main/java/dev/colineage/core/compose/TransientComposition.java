package dev.colineage.core.compose;

import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageTarget;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Edges from the sources of transient tables straight to their readers: for every edge out of a
 * transient column, each path that reaches that column from a lasting source (through any chain of
 * transient tables) becomes one edge, its transformations composed along the path the way lineage
 * through a TEMP table is ({@link Transformation#then}). A source that decides which rows a transient
 * table holds (a filter, a join key: a table-wide edge) decides which rows its readers get, so it
 * becomes a table-wide edge of the reader's table, with its own subtype. A struct column and its fields meet (writing
 * {@code s} feeds reading {@code s.x}, and the other way round), and {@code *} (a table written or
 * read without a known schema) meets every column, by name.
 *
 * <p>The same rule serves a script (lineage-core composes within it) and the graph (across the jobs
 * that wrote and read the table), so both give the same edges for the same SQL. Each composed edge
 * carries the input edges its paths went through, so that a caller can keep their queries and times.
 */
public final class TransientComposition<E> {

    /** An edge from a lasting source to a lasting target, and the input edges its paths used. */
    public record Composed<E>(Edge edge, List<E> through) {
        public Composed {
            Objects.requireNonNull(edge, "edge is null");
            through = List.copyOf(Objects.requireNonNull(through, "through is null"));
        }
    }

    /** How a lasting source reaches a transient column: composed so far, by which input edges. */
    private record Reach<E>(ColumnRef source, Transformation transformation, boolean tableWide, List<String> path,
                            List<E> through) {
    }

    private final Function<E, Edge> edgeOf;
    private final Predicate<TableRef> isTransient;
    /** Input edges into each transient table, by the table's name (column and table-wide targets). */
    private final Map<String, List<E>> into = new HashMap<>();
    private final Map<String, List<Reach<E>>> reached = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    private TransientComposition(Function<E, Edge> edgeOf, Predicate<TableRef> isTransient) {
        this.edgeOf = edgeOf;
        this.isTransient = isTransient;
    }

    /**
     * The composed edges for {@code edges}, in a stable order (by target, source, kind); edges that
     * touch no transient table are not among them. Parallel paths merge as in one statement: one
     * DIRECT edge per source and target (masked only if every path masks) and one per INDIRECT subtype.
     */
    public static <E> List<Composed<E>> compose(Collection<E> edges, Function<E, Edge> edgeOf,
                                                 Predicate<TableRef> isTransient) {
        Objects.requireNonNull(edges, "edges is null");
        TransientComposition<E> c = new TransientComposition<>(Objects.requireNonNull(edgeOf, "edgeOf is null"),
                Objects.requireNonNull(isTransient, "isTransient is null"));
        return c.run(edges);
    }

    /** Plain edges: the result keeps only the composed edges. */
    public static List<Edge> compose(Collection<Edge> edges, Predicate<TableRef> isTransient) {
        return compose(edges, Function.identity(), isTransient).stream().map(Composed::edge).toList();
    }

    private List<Composed<E>> run(Collection<E> edges) {
        List<E> outOfTransient = new ArrayList<>();
        for (E e : edges) {
            Edge edge = edgeOf.apply(e);
            TableRef target = edge.target().table();
            if (isTransient.test(target)) {
                into.computeIfAbsent(key(target), k -> new ArrayList<>()).add(e);
            } else if (isTransient.test(edge.source().table())) {
                outOfTransient.add(e);
            }
        }
        Map<String, Edge> merged = new LinkedHashMap<>();
        Map<String, Set<E>> through = new LinkedHashMap<>();
        for (E e : outOfTransient) {
            Edge out = edgeOf.apply(e);
            for (Reach<E> r : reach(out.source())) {
                LineageTarget target = targetOf(out.target(), r);
                // a table-wide source is carried to the reader as it is, like a TEMP table's filters
                Transformation t = r.tableWide() ? r.transformation() : r.transformation().then(out.transformation());
                String k = target.fqn() + "\u0000" + r.source().fqn() + "\u0000" + (t.isDirect() ? "DIRECT" : t.subtype().name());
                merged.merge(k, new Edge(r.source(), target, t), TransientComposition::parallel);
                Set<E> via = through.computeIfAbsent(k, x -> new LinkedHashSet<>());
                via.addAll(r.through());
                via.add(e);
            }
        }
        List<String> keys = new ArrayList<>(merged.keySet());
        keys.sort(Comparator.naturalOrder());
        List<Composed<E>> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            out.add(new Composed<>(merged.get(k), new ArrayList<>(through.get(k))));
        }
        return out;
    }

    /** Where the composed edge lands: the reader's column, or its table when the path is table-wide. */
    private static LineageTarget targetOf(LineageTarget readerTarget, Reach<?> r) {
        if (r.tableWide() || !(readerTarget instanceof ColumnRef column)) {
            return readerTarget.table();
        }
        if (column.isAllColumns() && !r.path().get(0).equals(ColumnRef.ALL_COLUMNS)) {
            // SELECT * out of a transient table written by name: the column keeps its name
            return new ColumnRef(column.table(), r.path());
        }
        return column;
    }

    /** Every lasting source that reaches {@code column} of a transient table, and how. */
    private List<Reach<E>> reach(ColumnRef column) {
        String k = column.fqn();
        List<Reach<E>> known = reached.get(k);
        if (known != null) {
            return known;
        }
        if (!resolving.add(k)) {
            return List.of();   // a transient table that reads itself: the cycle adds nothing new
        }
        List<Reach<E>> found = new ArrayList<>();
        for (E e : into.getOrDefault(key(column.table()), List.of())) {
            Edge in = edgeOf.apply(e);
            if (in.target() instanceof ColumnRef written) {
                if (!meets(written, column)) {
                    continue;
                }
                ColumnRef source = in.source();
                if (written.isAllColumns() && source.isAllColumns() && !column.isAllColumns()) {
                    source = new ColumnRef(source.table(), column.path());
                } else if (!written.isAllColumns() && !column.isAllColumns() && !source.isAllColumns()
                        && written.path().size() < column.path().size() && in.transformation().equals(Transformation.IDENTITY)) {
                    // a struct copied as it is: reading its field reads the same field of the source
                    List<String> longer = new ArrayList<>(source.path());
                    longer.addAll(column.path().subList(written.path().size(), column.path().size()));
                    source = new ColumnRef(source.table(), longer);
                }
                List<String> path = written.isAllColumns() ? column.path() : written.path();
                add(found, e, source, in.transformation(), false, path);
            } else {
                // decides which rows the table holds: every reader of any column is decided by it
                add(found, e, in.source(), in.transformation(), true, List.of(ColumnRef.ALL_COLUMNS));
            }
        }
        resolving.remove(k);
        reached.put(k, found);
        return found;
    }

    private void add(List<Reach<E>> found, E e, ColumnRef source, Transformation t, boolean tableWide, List<String> path) {
        if (!isTransient.test(source.table())) {
            found.add(new Reach<>(source, t, tableWide, path, List.of(e)));
            return;
        }
        for (Reach<E> upstream : reach(source)) {
            List<E> via = new ArrayList<>(upstream.through());
            via.add(e);
            found.add(new Reach<>(upstream.source(), upstream.transformation().then(t), tableWide || upstream.tableWide(),
                    path, via));
        }
    }

    /** A written column feeds a read one when they are the same, one holds the other, or either is {@code *}. */
    private static boolean meets(ColumnRef written, ColumnRef read) {
        if (written.isAllColumns() || read.isAllColumns()) {
            return true;
        }
        List<String> w = written.path();
        List<String> r = read.path();
        int n = Math.min(w.size(), r.size());
        for (int i = 0; i < n; i++) {
            if (!w.get(i).equalsIgnoreCase(r.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Edge parallel(Edge a, Edge b) {
        Transformation x = a.transformation();
        Transformation y = b.transformation();
        Transformation m = x.isDirect() ? x.merge(y) : new Transformation(x.type(), x.subtype(), x.masking() && y.masking());
        return new Edge(a.source(), a.target(), m);
    }

    private static String key(TableRef table) {
        return table.fqn().toLowerCase(java.util.Locale.ROOT);
    }
}
