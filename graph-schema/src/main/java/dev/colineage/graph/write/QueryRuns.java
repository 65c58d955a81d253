package dev.colineage.graph.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The runs of one query, sorted and distinct, packed in one string (their stored forms, a line each). Packed
 * because an extraction persists its analysed queries in Spark, whose size estimator walks every object of a
 * cached partition: 200,000 run objects made the benchmark's analysis stage ~5 s slower (measured with a flight
 * recording: {@code SizeEstimator}); one string per query costs it nothing. Read back when written.
 */
public final class QueryRuns implements java.io.Serializable {

    private static final QueryRuns NONE = new QueryRuns("");

    private final String packed;

    private QueryRuns(String packed) {
        this.packed = packed;
    }

    public static QueryRuns of(Collection<QueryRun> runs) {
        TreeSet<QueryRun> sorted = new TreeSet<>(runs);
        if (sorted.isEmpty()) {
            return NONE;
        }
        StringBuilder b = new StringBuilder(sorted.size() * 48);
        for (QueryRun r : sorted) {
            b.append(r.stored()).append('\n');
        }
        return new QueryRuns(b.toString());
    }

    /** From stored forms (checked). */
    public static QueryRuns ofStored(Collection<String> stored) {
        List<QueryRun> runs = new ArrayList<>(stored.size());
        stored.forEach(s -> runs.add(QueryRun.parse(s)));
        return of(runs);
    }

    /** By time, then job id. */
    public List<QueryRun> list() {
        List<QueryRun> out = new ArrayList<>();
        int from = 0;
        for (int end = packed.indexOf('\n'); end >= 0; end = packed.indexOf('\n', from)) {
            out.add(QueryRun.parse(packed.substring(from, end)));
            from = end + 1;
        }
        return out;
    }

    public boolean isEmpty() {
        return packed.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryRuns other && packed.equals(other.packed);
    }

    @Override
    public int hashCode() {
        return packed.hashCode();
    }

    @Override
    public String toString() {
        return list().toString();
    }
}
