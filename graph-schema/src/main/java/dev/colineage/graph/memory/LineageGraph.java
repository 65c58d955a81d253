package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.time.Instant;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;

/**
 * The lineage graph as every question of a process reads it: columns, tables and their column edges in
 * compact arrays, immutable once loaded (a new load makes a new instance; readers keep the one they
 * started with). Nodes are dense int ids ({@link #column(String)}, {@link #table(String)}); edges are
 * ids into parallel arrays, sorted by source column, with in-edge indexes for walking upstream. An edge's
 * kind, transformation subtype and masking share one byte; the queries behind each edge are ids into a
 * dictionary of fingerprints, each with its {@link QuerySummary}. Nothing is exposed as an array.
 */
public final class LineageGraph {

    private static final int SUBTYPE_BITS = 0x0F;
    private static final int MASKING_BIT = 0x10;
    private static final int INFLUENCES_BIT = 0x20;
    private static final Transformation.Subtype[] SUBTYPES = Transformation.Subtype.values();

    private final String version;
    /** The lineage sequence number this graph reflects: every stamped change up to it, none after. */
    private final long sequence;
    private final String[] columnName;
    private final int[] tableOfColumn;
    private final String[] tableName;
    /** Tables whose lineage is composed through (dbt's __dbt_tmp, ...): no answer starts at them. */
    private final java.util.BitSet transientTables;
    private volatile NameSearch nameSearch;
    private final Map<String, Integer> columnIds;
    private final Map<String, Integer> tableIds;
    /** Out-edges of column c are edges outStart[c] .. outStart[c + 1] - 1. */
    private final int[] outStart;
    private final int[] edgeSource;
    /** A column id for FEEDS, a table id for INFLUENCES. */
    private final int[] edgeTarget;
    private final byte[] edgeCode;
    /** Fingerprint ids of edge e are fingerprintIds[fingerprintStart[e] .. fingerprintStart[e + 1] - 1]. */
    private final int[] fingerprintStart;
    private final int[] fingerprintIds;
    private final String[] fingerprints;
    private final Map<String, Integer> fingerprintIdByName;
    private final QuerySummary[] queries;
    /** Queries behind no edge (a DROP, a query whose lineage is all elsewhere): changes name them as the cause. */
    private final Map<String, QuerySummary> edgelessQueries;
    /** FEEDS into column c, INFLUENCES into table t: edge ids. */
    private final int[] feedsInStart;
    private final int[] feedsIn;
    private final int[] influencesInStart;
    private final int[] influencesIn;
    private final int[] columnsStart;
    private final int[] columnsOfTable;
    /** The few columns with a BigQuery policy tag, or hand-set tags (PII questions read them). */
    private final Map<Integer, String> policyTags;
    private final Map<Integer, List<String>> tags;
    /** What each query's lifetime is derived from, by fingerprint (a refresh replaces the changed ones). */
    private final Map<String, QueryActivity> activities;
    private final java.time.Duration activeWindow;
    private final Lifetimes lifetimes;
    /** Each fingerprint id's lifetime intervals (null: the store holds nothing about the query). */
    private final Lifetimes.Interval[][] intervals;
    private final Instant[] fpFirst;
    private final Instant[] fpLast;
    /** Null while the query is current. */
    private final Instant[] fpEnd;
    /** Edges at least one of whose queries is current. */
    private final java.util.BitSet currentEdges;

    private LineageGraph(Loader l, int[] outStart, int[] edgeSource, int[] edgeTarget, byte[] edgeCode, int[] fingerprintStart,
                         int[] fingerprintIds) {
        this.version = l.version;
        this.sequence = l.sequence;
        this.columnName = l.columns.toArray(String[]::new);
        this.tableOfColumn = l.tableOf.toArray();
        this.tableName = l.tables.toArray(String[]::new);
        this.transientTables = (java.util.BitSet) l.transientTables.clone();
        if (l.columnIds != null) {
            this.columnIds = l.columnIds;
        } else {
            this.columnIds = new HashMap<>(columnName.length * 2);
            for (int c = 0; c < columnName.length; c++) {
                columnIds.put(columnName[c], c);
            }
        }
        this.tableIds = l.tableIds;
        this.policyTags = l.policyTags;
        this.tags = l.tags;
        this.activities = l.activities;
        this.activeWindow = l.activeWindow;
        this.outStart = outStart;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.edgeCode = edgeCode;
        this.fingerprintStart = fingerprintStart;
        this.fingerprintIds = fingerprintIds;
        this.fingerprints = l.fingerprints.toArray(String[]::new);
        this.fingerprintIdByName = l.fingerprintIds;
        this.queries = new QuerySummary[fingerprints.length];
        Map<String, QuerySummary> edgeless = new HashMap<>();
        l.queries.forEach((fp, q) -> {
            Integer id = fingerprintIdByName.get(fp);
            if (id != null) {
                queries[id] = q;
            } else {
                edgeless.put(fp, q);
            }
        });
        this.edgelessQueries = edgeless;
        this.lifetimes = Lifetimes.of(activities.values(), activeWindow);
        this.intervals = new Lifetimes.Interval[fingerprints.length][];
        for (int f = 0; f < fingerprints.length; f++) {
            List<Lifetimes.Interval> life = lifetimes.of(fingerprints[f]);
            intervals[f] = life.isEmpty() ? null : life.toArray(Lifetimes.Interval[]::new);
        }
        // each query's first and last run and the end of its last interval, by fingerprint id: an edge's lifetime
        // (asked for every edge an answer or a plan reports) is then a loop over ints, no map lookups
        this.fpFirst = new Instant[fingerprints.length];
        this.fpLast = new Instant[fingerprints.length];
        this.fpEnd = new Instant[fingerprints.length];
        for (int f = 0; f < fingerprints.length; f++) {
            QueryActivity a = activities.get(fingerprints[f]);
            if (a != null && intervals[f] != null) {
                fpFirst[f] = a.firstSeen();
                fpLast[f] = a.lastSeen();
                fpEnd[f] = intervals[f][intervals[f].length - 1].until().orElse(null);
            }
        }
        this.currentEdges = new java.util.BitSet(edgeTarget.length);
        for (int e = 0; e < edgeTarget.length; e++) {
            if (currentNow(e)) {
                currentEdges.set(e);
            }
        }
        int n = columnName.length;
        int t = tableName.length;
        int m = edgeTarget.length;
        this.feedsInStart = new int[n + 1];
        this.influencesInStart = new int[t + 1];
        for (int e = 0; e < m; e++) {
            if (kind(e) == EdgeKind.FEEDS) {
                feedsInStart[edgeTarget[e] + 1]++;
            } else {
                influencesInStart[edgeTarget[e] + 1]++;
            }
        }
        prefixSums(feedsInStart);
        prefixSums(influencesInStart);
        this.feedsIn = new int[feedsInStart[n]];
        this.influencesIn = new int[influencesInStart[t]];
        int[] feedsFill = Arrays.copyOf(feedsInStart, n);
        int[] influencesFill = Arrays.copyOf(influencesInStart, t);
        for (int e = 0; e < m; e++) {
            if (kind(e) == EdgeKind.FEEDS) {
                feedsIn[feedsFill[edgeTarget[e]]++] = e;
            } else {
                influencesIn[influencesFill[edgeTarget[e]]++] = e;
            }
        }
        this.columnsStart = new int[t + 1];
        for (int c = 0; c < n; c++) {
            columnsStart[tableOfColumn[c] + 1]++;
        }
        prefixSums(columnsStart);
        this.columnsOfTable = new int[n];
        int[] columnsFill = Arrays.copyOf(columnsStart, t);
        for (int c = 0; c < n; c++) {
            columnsOfTable[columnsFill[tableOfColumn[c]]++] = c;
        }
    }

    private static void prefixSums(int[] counts) {
        for (int i = 0; i + 1 < counts.length; i++) {
            counts[i + 1] += counts[i];
        }
    }

    // ---- loading ---------------------------------------------------------------------------------

    /**
     * The counts of queries and of lineage relationships, read from Neo4j's count store: a write that does
     * not stamp the lineage sequence (an older writer, a hand-made change) still shows as a changed count.
     */
    public static String version(TransactionContext tx) {
        return tx.run("MATCH (q:Query) RETURN count(q) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong() + "/"
                + tx.run("MATCH ()-[r:HAS_COLUMN]->() RETURN count(r) AS n").single().get("n").asLong();
    }

    /** FEEDS plus INFLUENCES in the store, from the count store. */
    static long storedEdges(TransactionContext tx) {
        return tx.run("MATCH ()-[r:FEEDS]->() RETURN count(r) AS n").single().get("n").asLong()
                + tx.run("MATCH ()-[r:INFLUENCES]->() RETURN count(r) AS n").single().get("n").asLong();
    }

    /** What a load collects before the arrays are laid out. */
    private static final class Loader {
        String version;
        long sequence;
        final List<String> columns = new ArrayList<>();
        final Ints tableOf = new Ints();
        final List<String> tables = new ArrayList<>();
        final Map<String, Integer> tableIds = new HashMap<>();
        final java.util.BitSet transientTables = new java.util.BitSet();
        /** The name lookup when a refresh hands it on; built from the names otherwise. */
        Map<String, Integer> columnIds;
        Map<Integer, String> policyTags = new HashMap<>();
        Map<Integer, List<String>> tags = new HashMap<>();
        Map<String, QueryActivity> activities = new HashMap<>();
        java.time.Duration activeWindow = Lifetimes.DEFAULT_WINDOW;

        /** A column's policy tag and hand-set tags as stored (absent ones clear what was held). */
        void attributes(int column, org.neo4j.driver.Value policy, org.neo4j.driver.Value handSet) {
            attributes(column, policy.isNull() ? null : policy.asString(),
                    handSet.isNull() ? List.of() : handSet.asList(org.neo4j.driver.Value::asString));
        }

        void attributes(int column, String policy, List<String> handSet) {
            if (policy == null) {
                policyTags.remove(column);
            } else {
                policyTags.put(column, policy);
            }
            if (handSet.isEmpty()) {
                tags.remove(column);
            } else {
                tags.put(column, List.copyOf(handSet));
            }
        }

        int table(String fqn, String kind) {
            return tableIds.computeIfAbsent(fqn, k -> {
                tables.add(k);
                if (dev.colineage.graph.write.TransientEdgeStore.KIND.equals(kind)) {
                    transientTables.set(tables.size() - 1);
                }
                return tables.size() - 1;
            });
        }
        final List<String> fingerprints = new ArrayList<>();
        final Map<String, Integer> fingerprintIds = new HashMap<>();
        final Map<String, QuerySummary> queries = new HashMap<>();

        int fingerprint(String fp) {
            return fingerprintIds.computeIfAbsent(fp, k -> {
                fingerprints.add(k);
                return fingerprints.size() - 1;
            });
        }
    }

    /** The whole graph, read in one transaction (records streamed: a 5M-edge graph is never a list in memory). */
    public static LineageGraph load(TransactionContext tx) {
        return load(tx, Lifetimes.DEFAULT_WINDOW);
    }

    /** The whole graph, with lifetimes counting {@code activeWindow} of inactivity as retirement. */
    public static LineageGraph load(TransactionContext tx, java.time.Duration activeWindow) {
        Loader l = new Loader();
        l.activeWindow = activeWindow;
        l.version = version(tx);
        l.sequence = dev.colineage.graph.write.LineageSequence.read(tx)[0];
        Map<Long, Integer> byNodeId = new HashMap<>();
        Map<Long, Integer> tableByNodeId = new HashMap<>();
        // internal ids travel as numbers: far less to send than names for millions of edges
        Result columns = tx.run("MATCH (t:Table)-[:HAS_COLUMN]->(c:Column) "
                + "RETURN t.fqn AS t, t.kind AS kind, id(t) AS tid, id(c) AS id, c.fqn AS c, c.policy_tag AS policy, c.tags AS tags");
        while (columns.hasNext()) {
            Record r = columns.next();
            int t = l.table(r.get("t").asString(), r.get("kind").asString(""));
            tableByNodeId.put(r.get("tid").asLong(), t);
            l.attributes(l.columns.size(), r.get("policy"), r.get("tags"));
            byNodeId.put(r.get("id").asLong(), l.columns.size());
            l.columns.add(r.get("c").asString());
            l.tableOf.add(t);
        }
        Ints source = new Ints();
        Ints target = new Ints();
        Bytes code = new Bytes();
        Ints fpStart = new Ints();
        Ints fpIds = new Ints();
        fpStart.add(0);
        // a scan of the relationship type, no label checks: FEEDS joins columns, INFLUENCES a column to a table
        Result feeds = tx.run("MATCH ()-[f:FEEDS]->() RETURN id(startNode(f)) AS a, id(endNode(f)) AS b, f.subtype AS subtype, "
                + "f.masking AS masking, f.fingerprints AS fps");
        while (feeds.hasNext()) {
            Record r = feeds.next();
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer b = byNodeId.get(r.get("b").asLong());
            if (a != null && b != null) {
                add(l, r, a, b, EdgeKind.FEEDS, source, target, code, fpStart, fpIds);
            }
        }
        Result influences = tx.run("MATCH ()-[f:INFLUENCES]->() RETURN id(startNode(f)) AS a, id(endNode(f)) AS t, "
                + "f.subtype AS subtype, f.masking AS masking, f.fingerprints AS fps");
        while (influences.hasNext()) {
            Record r = influences.next();
            Integer a = byNodeId.get(r.get("a").asLong());
            Integer t = tableByNodeId.get(r.get("t").asLong());
            if (a != null && t != null) {
                add(l, r, a, t, EdgeKind.INFLUENCES, source, target, code, fpStart, fpIds);
            }
        }
        readQueries(tx.run("MATCH (q:Query)" + QUERY_FIELDS), l);
        return sortedBySource(l, source.toArray(), target.toArray(), code.toArray(), fpStart.toArray(), fpIds.toArray());
    }

    public static final String QUERY_FIELDS = """

            RETURN q.fingerprint AS fingerprint, q.statement_type AS statement_type, coalesce(q.kind, 'JOB') AS kind,
                   toString(q.last_seen) AS last_seen, q.last_job_id AS last_job_id, q.run_count AS run_count, q.users AS users,
                   q.first_seen AS first, q.last_seen AS last, q.run_days AS run_days, [(q)-[:WRITES]->(t) | t.fqn] AS writes,
                   [(q)-[:READS]->(t) | t.fqn] AS reads, [(q)-[:DROPS]->(t) | t.fqn] AS drops""";

    private static void readQueries(Result queries, Loader l) {
        while (queries.hasNext()) {
            Record r = queries.next();
            QuerySummary q = QuerySummary.fromRecord(r);
            l.queries.put(q.fingerprint(), q);
            activity(r).ifPresent(a -> l.activities.put(a.fingerprint(), a));
        }
    }

    /** A query row's activity; none for a query node written before its runs were recorded. */
    public static Optional<QueryActivity> activity(Record r) {
        if (r.get("first").isNull() || r.get("last").isNull()) {
            return Optional.empty();
        }
        java.util.function.Function<String, java.util.Set<String>> names = k -> r.get(k).isNull() ? java.util.Set.of()
                : new java.util.HashSet<>(r.get(k).asList(org.neo4j.driver.Value::asString));
        return Optional.of(QueryActivity.of(r.get("fingerprint").asString(), r.get("statement_type").asString("UNKNOWN"),
                r.get("kind").asString("JOB"), r.get("first").asZonedDateTime().toInstant(), r.get("last").asZonedDateTime().toInstant(),
                r.get("run_days").isNull() ? List.of() : r.get("run_days").asList(org.neo4j.driver.Value::asString),
                names.apply("writes"), names.apply("reads"), names.apply("drops")));
    }

    /** A query node's activity, read in this process (as {@link #activity(Record)} over Bolt). */
    static Optional<QueryActivity> activity(org.neo4j.graphdb.Node q) {
        Object first = q.getProperty("first_seen", null);
        Object last = q.getProperty("last_seen", null);
        if (!(first instanceof java.time.temporal.TemporalAccessor f) || !(last instanceof java.time.temporal.TemporalAccessor t)) {
            return Optional.empty();
        }
        java.util.function.Function<String, java.util.Set<String>> names = type -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (var rel : q.getRelationships(org.neo4j.graphdb.Direction.OUTGOING, org.neo4j.graphdb.RelationshipType.withName(type))) {
                out.add((String) rel.getEndNode().getProperty("fqn"));
            }
            return out;
        };
        return Optional.of(QueryActivity.of((String) q.getProperty("fingerprint"), (String) q.getProperty("statement_type", "UNKNOWN"),
                (String) q.getProperty("kind", "JOB"), Instant.from(f), Instant.from(t),
                Arrays.asList((String[]) q.getProperty("run_days", new String[0])), names.apply("WRITES"), names.apply("READS"),
                names.apply("DROPS")));
    }

    /**
     * This graph with the changes stamped after its sequence number and up to {@code upTo} applied: new
     * columns, new and updated edges, new and updated queries, read by their {@code seq} index and laid out
     * anew in memory (linear in the graph, with no full read of the store). Empty when the change is larger
     * than {@code maxChanges} edges (a full load is then cheaper), or when the result would not hold as many
     * edges as the store does (something changed unstamped).
     */
    Optional<LineageGraph> withChanges(StoredChanges store, long upTo, int maxChanges) {
        Optional<List<StoredChanges.EdgeRow>> changed = store.edges(sequence, maxChanges);
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        Loader l = new Loader();
        l.version = store.version();
        l.sequence = upTo;
        l.columns.addAll(Arrays.asList(columnName));
        for (int t : tableOfColumn) {
            l.tableOf.add(t);
        }
        l.tables.addAll(Arrays.asList(tableName));
        l.tableIds.putAll(tableIds);
        l.transientTables.or(transientTables);
        l.fingerprints.addAll(Arrays.asList(fingerprints));
        l.fingerprintIds.putAll(fingerprintIdByName);
        l.policyTags = new HashMap<>(policyTags);
        l.tags = new HashMap<>(tags);
        for (QuerySummary q : queries) {
            if (q != null) {
                l.queries.put(q.fingerprint(), q);
            }
        }
        l.queries.putAll(edgelessQueries);
        Map<String, Integer> newColumns = new HashMap<>();
        for (StoredChanges.ColumnRow r : store.columns(sequence)) {
            Integer known = columnIds.get(r.column());
            if (known != null) {
                l.attributes(known, r.policyTag().orElse(null), r.tags());     // a tag set or a policy tag learnt
                continue;
            }
            if (newColumns.containsKey(r.column())) {
                continue;
            }
            l.attributes(l.columns.size(), r.policyTag().orElse(null), r.tags());
            int t = l.table(r.table(), r.tableKind());
            newColumns.put(r.column(), l.columns.size());
            l.columns.add(r.column());
            l.tableOf.add(t);
        }
        l.activities = new HashMap<>(activities);
        l.activeWindow = activeWindow;
        for (StoredChanges.QueryRow q : store.queries(sequence)) {
            l.queries.put(q.summary().fingerprint(), q.summary());
            q.activity().ifPresent(a -> l.activities.put(a.fingerprint(), a));
        }
        // old edges keep their place; an updated one takes its new fingerprints, a new one is appended
        int m = edgeCount();
        Ints source = new Ints();
        Ints target = new Ints();
        Bytes code = new Bytes();
        List<int[]> appendedFingerprints = new ArrayList<>();
        Map<Integer, int[]> replacedFingerprints = new HashMap<>();
        for (StoredChanges.EdgeRow r : changed.get()) {
            Integer a = columnIds.getOrDefault(r.source(), newColumns.get(r.source()));
            Integer b = r.kind() == EdgeKind.FEEDS ? columnIds.getOrDefault(r.target(), newColumns.get(r.target()))
                    : l.tableIds.get(r.target());
            if (a == null || b == null) {
                return Optional.empty();    // an edge to a node no stamped write brought: reload
            }
            byte c = encode(r.kind(), r.subtype(), r.masking());
            int[] fps = new int[r.fingerprints().size()];
            for (int k = 0; k < fps.length; k++) {
                fps[k] = l.fingerprint(r.fingerprints().get(k));
            }
            int existing = a < columnName.length ? find(a, b, c) : -1;
            if (existing >= 0) {
                replacedFingerprints.put(existing, fps);
            } else {
                source.add(a);
                target.add(b);
                code.add(c);
                appendedFingerprints.add(fps);
            }
        }
        int added = source.size();
        if (store.storedEdges() != m + added) {
            return Optional.empty();
        }
        // the old edges are sorted by source already: the new ones are merged in and the old runs between
        // them moved in bulk, so that a small change costs a few array copies, not a sort of the graph
        int[] newSource = source.toArray();
        int[] newTarget = target.toArray();
        byte[] newCode = code.toArray();
        Integer[] order = new Integer[added];
        for (int i = 0; i < added; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> newSource[i]));
        long fpTotal = fingerprintIds.length;
        for (Map.Entry<Integer, int[]> r : replacedFingerprints.entrySet()) {
            fpTotal += r.getValue().length - (fingerprintStart[r.getKey() + 1] - fingerprintStart[r.getKey()]);
        }
        for (int[] fps : appendedFingerprints) {
            fpTotal += fps.length;
        }
        Layout out = new Layout(m + added, (int) fpTotal);
        java.util.NavigableMap<Integer, int[]> replaced = new java.util.TreeMap<>(replacedFingerprints);
        int old = 0;
        for (int i : order) {
            int s = newSource[i];
            int insertAt = s < columnName.length ? outStart[s + 1] : m;
            copyOld(old, insertAt, out, replaced);
            old = insertAt;
            out.put(s, newTarget[i], newCode[i], appendedFingerprints.get(i));
        }
        copyOld(old, m, out, replaced);
        out.fpStart[m + added] = out.fpAt;
        int n = l.columns.size();
        int[] newOutStart = new int[n + 1];
        for (int c = 0; c < columnName.length; c++) {
            newOutStart[c + 1] = outStart[c + 1] - outStart[c];
        }
        for (int s : newSource) {
            newOutStart[s + 1]++;
        }
        prefixSums(newOutStart);
        // the name lookup is shared when no column is new: no instance ever changes it
        if (newColumns.isEmpty()) {
            l.columnIds = columnIds;
        } else {
            l.columnIds = new HashMap<>(columnIds);
            l.columnIds.putAll(newColumns);
        }
        return Optional.of(new LineageGraph(l, newOutStart, out.source, out.target, out.code, out.fpStart, out.fpIds));
    }

    /** Edge arrays while a change is merged in. */
    private static final class Layout {
        final int[] source;
        final int[] target;
        final byte[] code;
        final int[] fpStart;
        final int[] fpIds;
        int at;
        int fpAt;

        Layout(int edges, int fingerprintIds) {
            source = new int[edges];
            target = new int[edges];
            code = new byte[edges];
            fpStart = new int[edges + 1];
            fpIds = new int[fingerprintIds];
        }

        void put(int s, int t, byte c, int[] fps) {
            source[at] = s;
            target[at] = t;
            code[at] = c;
            fpStart[at] = fpAt;
            System.arraycopy(fps, 0, fpIds, fpAt, fps.length);
            fpAt += fps.length;
            at++;
        }
    }

    /** Old edges [from, to) into the layout: in bulk, but for the ones whose fingerprints changed. */
    private void copyOld(int from, int to, Layout out, java.util.NavigableMap<Integer, int[]> replaced) {
        int e = from;
        while (e < to) {
            Integer r = replaced.ceilingKey(e);
            int end = r == null || r >= to ? to : r;
            if (end > e) {
                System.arraycopy(edgeSource, e, out.source, out.at, end - e);
                System.arraycopy(edgeTarget, e, out.target, out.at, end - e);
                System.arraycopy(edgeCode, e, out.code, out.at, end - e);
                int fpFrom = fingerprintStart[e];
                int fpTo = fingerprintStart[end];
                System.arraycopy(fingerprintIds, fpFrom, out.fpIds, out.fpAt, fpTo - fpFrom);
                int shift = out.fpAt - fpFrom;
                for (int k = e; k < end; k++) {
                    out.fpStart[out.at + k - e] = fingerprintStart[k] + shift;
                }
                out.at += end - e;
                out.fpAt += fpTo - fpFrom;
            }
            if (end < to) {
                out.put(edgeSource[end], edgeTarget[end], edgeCode[end], replaced.get(end));
                e = end + 1;
            } else {
                e = end;
            }
        }
    }

    /** The edge out of {@code source} to {@code target} with this code, or -1. */
    private int find(int source, int target, byte code) {
        for (int e = outStart[source]; e < outStart[source + 1]; e++) {
            if (edgeTarget[e] == target && edgeCode[e] == code) {
                return e;
            }
        }
        return -1;
    }

    private static void add(Loader l, Record r, int a, int b, EdgeKind kind, Ints source, Ints target, Bytes code, Ints fpStart,
                            Ints fpIds) {
        List<Object> fps = r.get("fps").isNull() ? List.of() : r.get("fps").asList();
        add(l, a, b, kind, r.get("subtype").asString(), r.get("masking").asBoolean(false), fps, source, target, code, fpStart, fpIds);
    }

    private static void add(Loader l, int a, int b, EdgeKind kind, String subtype, boolean masking, Iterable<?> fps, Ints source,
                            Ints target, Bytes code, Ints fpStart, Ints fpIds) {
        source.add(a);
        target.add(b);
        code.add(encode(kind, Transformation.Subtype.valueOf(subtype), masking));
        for (Object fp : fps) {
            fpIds.add(l.fingerprint((String) fp));
        }
        fpStart.add(fpIds.size());
    }

    /**
     * The whole graph read from a database of this process, in one of its transactions: the same graph as
     * {@link #load(TransactionContext)}, without the driver's cost per record.
     */
    public static LineageGraph load(org.neo4j.graphdb.GraphDatabaseService db) {
        return load(db, Lifetimes.DEFAULT_WINDOW);
    }

    /** As {@link #load(TransactionContext, java.time.Duration)}, from a database of this process. */
    public static LineageGraph load(org.neo4j.graphdb.GraphDatabaseService db, java.time.Duration activeWindow) {
        try (org.neo4j.graphdb.Transaction tx = db.beginTx()) {
            Loader l = new Loader();
            l.activeWindow = activeWindow;
            var sequence = tx.findNode(org.neo4j.graphdb.Label.label("LineageSequence"), "name",
                    dev.colineage.graph.write.LineageSequence.NAME);
            l.sequence = sequence == null ? 0 : ((Number) sequence.getProperty("value", 0L)).longValue();
            long queryCount = 0;
            long feedsCount = 0;
            long influencesCount = 0;
            long hasColumnCount = 0;
            Map<String, Integer> byElement = new HashMap<>();
            Map<String, Integer> tableByElement = new HashMap<>();
            var hasColumn = org.neo4j.graphdb.RelationshipType.withName("HAS_COLUMN");
            try (var tables = tx.findNodes(org.neo4j.graphdb.Label.label("Table"))) {
                while (tables.hasNext()) {
                    var table = tables.next();
                    String fqn = (String) table.getProperty("fqn");
                    boolean first = true;
                    for (var r : table.getRelationships(org.neo4j.graphdb.Direction.OUTGOING, hasColumn)) {
                        var c = r.getEndNode();
                        if (first) {
                            first = false;
                            tableByElement.put(table.getElementId(), l.table(fqn, (String) table.getProperty("kind", "")));
                        }
                        byElement.put(c.getElementId(), l.columns.size());
                        Object handSet = c.getProperty("tags", null);
                        l.attributes(l.columns.size(), (String) c.getProperty("policy_tag", null),
                                handSet instanceof String[] a ? Arrays.asList(a) : List.of());
                        l.columns.add((String) c.getProperty("fqn"));
                        l.tableOf.add(l.tableIds.get(fqn));
                        hasColumnCount++;
                    }
                }
            }
            Ints source = new Ints();
            Ints target = new Ints();
            Bytes code = new Bytes();
            Ints fpStart = new Ints();
            Ints fpIds = new Ints();
            fpStart.add(0);
            for (EdgeKind kind : EdgeKind.values()) {
                try (var rels = tx.findRelationships(org.neo4j.graphdb.RelationshipType.withName(kind.name()))) {
                    while (rels.hasNext()) {
                        var f = rels.next();
                        if (kind == EdgeKind.FEEDS) {
                            feedsCount++;
                        } else {
                            influencesCount++;
                        }
                        Integer a = byElement.get(f.getStartNode().getElementId());
                        Integer b = (kind == EdgeKind.FEEDS ? byElement : tableByElement).get(f.getEndNode().getElementId());
                        if (a != null && b != null) {
                            Object fps = f.getProperty("fingerprints", new String[0]);
                            add(l, a, b, kind, (String) f.getProperty("subtype"), (Boolean) f.getProperty("masking", false),
                                    Arrays.asList((String[]) fps), source, target, code, fpStart, fpIds);
                        }
                    }
                }
            }
            try (var queries = tx.findNodes(org.neo4j.graphdb.Label.label("Query"))) {
                while (queries.hasNext()) {
                    var q = queries.next();
                    queryCount++;
                    QuerySummary summary = querySummary(q);
                    l.queries.put(summary.fingerprint(), summary);
                    activity(q).ifPresent(a -> l.activities.put(a.fingerprint(), a));
                }
            }
            l.version = queryCount + "/" + feedsCount + "/" + influencesCount + "/" + hasColumnCount;
            return sortedBySource(l, source.toArray(), target.toArray(), code.toArray(), fpStart.toArray(), fpIds.toArray());
        }
    }

    /** A query node's summary, as {@link QuerySummary#fromRecord} reads it over Bolt. */
    static QuerySummary querySummary(org.neo4j.graphdb.Node q) {
        String fp = (String) q.getProperty("fingerprint");
        Object lastSeen = q.getProperty("last_seen", null);
        Object users = q.getProperty("users", new String[0]);
        return new QuerySummary(fp, (String) q.getProperty("statement_type", "UNKNOWN"),
                (String) q.getProperty("kind", "JOB"), lastSeen == null ? ""
                        // as Cypher's toString(datetime): seconds always, fractions when there are any
                        : lastSeen instanceof java.time.temporal.TemporalAccessor at
                        ? java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at) : lastSeen.toString(),
                (String) q.getProperty("last_job_id", ""), ((Number) q.getProperty("run_count", 0L)).longValue(),
                Arrays.asList((String[]) users));
    }

    static byte encode(EdgeKind kind, Transformation.Subtype subtype, boolean masking) {
        return (byte) (subtype.ordinal() | (masking ? MASKING_BIT : 0) | (kind == EdgeKind.INFLUENCES ? INFLUENCES_BIT : 0));
    }

    /** Edges in the order they were read, laid out by source column (a counting sort, stable). */
    private static LineageGraph sortedBySource(Loader l, int[] source, int[] target, byte[] code, int[] fpStart, int[] fpIds) {
        int n = l.columns.size();
        int m = source.length;
        int[] outStart = new int[n + 1];
        for (int s : source) {
            outStart[s + 1]++;
        }
        prefixSums(outStart);
        int[] fill = Arrays.copyOf(outStart, n);
        int[] sortedSource = new int[m];
        int[] sortedTarget = new int[m];
        byte[] sortedCode = new byte[m];
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            int at = fill[source[i]]++;
            order[at] = i;
            sortedSource[at] = source[i];
            sortedTarget[at] = target[i];
            sortedCode[at] = code[i];
        }
        int[] sortedFpStart = new int[m + 1];
        int[] sortedFpIds = new int[fpIds.length];
        for (int at = 0; at < m; at++) {
            int i = order[at];
            int len = fpStart[i + 1] - fpStart[i];
            System.arraycopy(fpIds, fpStart[i], sortedFpIds, sortedFpStart[at], len);
            sortedFpStart[at + 1] = sortedFpStart[at] + len;
        }
        return new LineageGraph(l, outStart, sortedSource, sortedTarget, sortedCode, sortedFpStart, sortedFpIds);
    }

    // ---- nodes -----------------------------------------------------------------------------------

    public String version() {
        return version;
    }

    /** The lineage sequence number this graph reflects. */
    public long sequence() {
        return sequence;
    }

    public int columnCount() {
        return columnName.length;
    }

    public int tableCount() {
        return tableName.length;
    }

    public int edgeCount() {
        return edgeTarget.length;
    }

    public OptionalInt column(String fqn) {
        Integer c = columnIds.get(fqn);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    public OptionalInt table(String fqn) {
        Integer t = tableIds.get(fqn);
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }

    public String columnName(int column) {
        return columnName[column];
    }

    public String tableName(int table) {
        return tableName[table];
    }

    public int tableOf(int column) {
        return tableOfColumn[column];
    }

    /** The columns of a table: ids {@code columnOfTable(table, k)} for k in [0, columnsOf(table)). */
    public int columnsOf(int table) {
        return columnsStart[table + 1] - columnsStart[table];
    }

    public int columnOfTable(int table, int k) {
        return columnsOfTable[columnsStart[table] + k];
    }

    /** The column's path inside its table ({@code address.city} for a nested field). */
    public String columnPath(int column) {
        return columnName[column].substring(tableName[tableOfColumn[column]].length() + 1);
    }

    /** The column's own name: the last part of its path ({@code city}), as the Column node's {@code name}. */
    public String columnLeaf(int column) {
        String path = columnPath(column);
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The column's BigQuery policy tag, when the catalog had one. */
    public Optional<String> policyTag(int column) {
        return Optional.ofNullable(policyTags.get(column));
    }

    /** The column's hand-set tags (empty for almost every column). */
    public List<String> tags(int column) {
        return tags.getOrDefault(column, List.of());
    }

    /** The columns with a policy tag or a hand-set tag, ascending. */
    public int[] taggedColumns() {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>(policyTags.keySet());
        out.addAll(tags.keySet());
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---- edges -----------------------------------------------------------------------------------

    /** The edges out of a column are ids {@code firstOut(c)} .. {@code endOut(c) - 1}. */
    public int firstOut(int column) {
        return outStart[column];
    }

    public int endOut(int column) {
        return outStart[column + 1];
    }

    /** FEEDS edges into a column: {@code feedInto(c, k)} for k in [0, feedsInto(c)). */
    public int feedsInto(int column) {
        return feedsInStart[column + 1] - feedsInStart[column];
    }

    public int feedInto(int column, int k) {
        return feedsIn[feedsInStart[column] + k];
    }

    /** INFLUENCES edges into a table: {@code influenceOn(t, k)} for k in [0, influencesOn(t)). */
    public int influencesOn(int table) {
        return influencesInStart[table + 1] - influencesInStart[table];
    }

    public int influenceOn(int table, int k) {
        return influencesIn[influencesInStart[table] + k];
    }

    public int source(int edge) {
        return edgeSource[edge];
    }

    /** A column id for a FEEDS edge, a table id for an INFLUENCES edge. */
    public int target(int edge) {
        return edgeTarget[edge];
    }

    public EdgeKind kind(int edge) {
        return (edgeCode[edge] & INFLUENCES_BIT) != 0 ? EdgeKind.INFLUENCES : EdgeKind.FEEDS;
    }

    public Transformation.Subtype subtype(int edge) {
        return SUBTYPES[edgeCode[edge] & SUBTYPE_BITS];
    }

    public boolean direct(int edge) {
        return subtype(edge).type() == Transformation.Type.DIRECT;
    }

    public boolean masking(int edge) {
        return (edgeCode[edge] & MASKING_BIT) != 0;
    }

    /** An edge as answers report it, in data-flow direction: its source column to its target column or table. */
    public dev.colineage.graph.read.GraphEdge graphEdge(int edge) {
        boolean wide = kind(edge) == EdgeKind.INFLUENCES;
        return dev.colineage.graph.read.GraphEdge.lineage(columnName(source(edge)), wide ? tableName(target(edge)) : columnName(target(edge)),
                wide ? dev.colineage.graph.read.GraphEdge.Relation.INFLUENCES : dev.colineage.graph.read.GraphEdge.Relation.FEEDS,
                subtype(edge), masking(edge)).living(lifetime(edge));
    }

    // ---- lifetimes -------------------------------------------------------------------------------

    /** Whether one of the edge's queries is current (an edge whose queries the store knows nothing about is). */
    private boolean currentNow(int edge) {
        for (int k = fingerprintStart[edge]; k < fingerprintStart[edge + 1]; k++) {
            Lifetimes.Interval[] life = intervals[fingerprintIds[k]];
            if (life == null || life[life.length - 1].open()) {
                return true;
            }
        }
        return fingerprintStart[edge] == fingerprintStart[edge + 1];
    }

    /** The edges current now (not to be changed: walks read it shared). */
    java.util.BitSet currentEdges() {
        return currentEdges;
    }

    /** Whether a question about this time takes the edge: current now, held at the instant, or always (history). */
    public boolean live(int edge, dev.colineage.graph.read.LineageTime time) {
        return switch (time.mode()) {
            case CURRENT -> currentEdges.get(edge);
            case HISTORY -> true;
            case AS_OF -> heldAt(edge, time.asOf().orElseThrow());
        };
    }

    private boolean heldAt(int edge, Instant at) {
        if (fingerprintStart[edge] == fingerprintStart[edge + 1]) {
            return true;
        }
        for (int k = fingerprintStart[edge]; k < fingerprintStart[edge + 1]; k++) {
            Lifetimes.Interval[] life = intervals[fingerprintIds[k]];
            if (life == null) {
                return true;
            }
            for (Lifetimes.Interval i : life) {
                if (i.holdsAt(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The edge's lifetime: its queries' first and last runs, and when the last of them retired unless one is current. */
    public dev.colineage.graph.read.EdgeLifetime lifetime(int edge) {
        Instant first = null;
        Instant last = null;
        Instant retired = null;
        for (int k = fingerprintStart[edge]; k < fingerprintStart[edge + 1]; k++) {
            int f = fingerprintIds[k];
            if (fpFirst[f] == null) {
                continue;
            }
            first = first == null || fpFirst[f].isBefore(first) ? fpFirst[f] : first;
            last = last == null || fpLast[f].isAfter(last) ? fpLast[f] : last;
            if (fpEnd[f] != null && (retired == null || fpEnd[f].isAfter(retired))) {
                retired = fpEnd[f];
            }
        }
        if (first == null) {
            return dev.colineage.graph.read.EdgeLifetime.UNKNOWN;
        }
        return dev.colineage.graph.read.EdgeLifetime.of(first, last, currentEdges.get(edge) ? Optional.empty() : Optional.of(retired));
    }

    /** The lifetimes of the queries this graph holds. */
    public Lifetimes lifetimes() {
        return lifetimes;
    }

    /** The fingerprints of the queries that produced an edge. */
    public List<String> fingerprints(int edge) {
        List<String> out = new ArrayList<>(fingerprintStart[edge + 1] - fingerprintStart[edge]);
        for (int k = fingerprintStart[edge]; k < fingerprintStart[edge + 1]; k++) {
            out.add(fingerprints[fingerprintIds[k]]);
        }
        return out;
    }

    public Optional<QuerySummary> query(String fingerprint) {
        Integer id = fingerprintIdByName.get(fingerprint);
        return id == null ? Optional.ofNullable(edgelessQueries.get(fingerprint)) : Optional.ofNullable(queries[id]);
    }

    // ---- search ----------------------------------------------------------------------------------

    /**
     * Columns whose fully qualified name contains {@code fragment}, ignoring case, shortest first then by
     * name (as the Cypher search orders them); columns of transient tables are left out.
     */
    public List<String> searchColumns(String fragment, int limit) {
        return nameSearch().columns(fragment, limit);
    }

    /** Tables whose fully qualified name contains {@code fragment}, ignoring case; transient ones left out. */
    public List<String> searchTables(String fragment, int limit) {
        return nameSearch().tables(fragment, limit);
    }

    /** Whether the table is a transient one (a script's temporary table, collapsed out of answers). */
    boolean isTransient(int table) {
        return transientTables.get(table);
    }

    /** The search index, built on the first search of this instance (a refresh's new instance builds its own). */
    private NameSearch nameSearch() {
        NameSearch s = nameSearch;
        if (s == null) {
            synchronized (this) {
                s = nameSearch;
                if (s == null) {
                    s = new NameSearch(this);
                    nameSearch = s;
                }
            }
        }
        return s;
    }

    // ---- size ------------------------------------------------------------------------------------

    /**
     * Heap held by the structure and the edge attributes (adjacency both ways, edge codes, per-edge
     * fingerprint ids, column and table names with their lookup maps, sparse column attributes, the name
     * search index), counted from the arrays and strings
     * on a 64-bit JVM with compressed references; the fingerprint dictionary and query summaries are
     * {@link #dictionaryBytes()}.
     */
    public long structureBytes() {
        long arrays = ints(outStart) + ints(edgeSource) + ints(edgeTarget) + array(edgeCode.length) + ints(fingerprintStart)
                + ints(fingerprintIds) + ints(feedsInStart) + ints(feedsIn) + ints(influencesInStart) + ints(influencesIn)
                + ints(columnsStart) + ints(columnsOfTable) + ints(tableOfColumn) + refs(columnName.length) + refs(tableName.length);
        long names = 0;
        for (String c : columnName) {
            names += string(c) + MAP_ENTRY;
        }
        for (String t : tableName) {
            names += string(t) + MAP_ENTRY;
        }
        // the sparse column attributes: a policy tag or hand-set tags on a few columns
        long attributes = 0;
        for (String tag : policyTags.values()) {
            attributes += MAP_ENTRY + 16 + string(tag);
        }
        for (List<String> list : tags.values()) {
            attributes += MAP_ENTRY + 16 + 56;
            for (String tag : list) {
                attributes += string(tag);
            }
        }
        // the search index counts: a server builds it on its first search
        return arrays + names + attributes + nameSearch().bytes();
    }

    /** Heap held by the fingerprint dictionary and the query summaries. */
    public long dictionaryBytes() {
        long bytes = refs(fingerprints.length) + refs(queries.length);
        for (int i = 0; i < fingerprints.length; i++) {
            bytes += string(fingerprints[i]) + MAP_ENTRY;
            QuerySummary q = queries[i];
            if (q != null) {
                bytes += 40 + string(q.statementType()) + string(q.lastSeen()) + string(q.lastJobId()) + 16 + refs(q.users().size());
                for (String u : q.users()) {
                    bytes += string(u);
                }
            }
        }
        return bytes;
    }

    /** A HashMap entry (node, boxed id, table slot) beside its key. */
    private static final long MAP_ENTRY = 32 + 16 + 8;

    private static long ints(int[] a) {
        return array(4L * a.length);
    }

    private static long refs(int n) {
        return array(4L * n);
    }

    private static long array(long payload) {
        return align(16 + payload);
    }

    private static long string(String s) {
        return 24 + array(s.length());
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** A growable int array: loading appends millions of ids without boxing them. */
    static final class Ints {
        private int[] a = new int[1024];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A growable byte array. */
    static final class Bytes {
        private byte[] a = new byte[1024];
        private int n;

        void add(byte v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    @Override
    public String toString() {
        return "LineageGraph[" + columnCount() + " columns, " + tableCount() + " tables, " + edgeCount() + " edges, version "
                + version + "]";
    }

    static {
        if (SUBTYPES.length > SUBTYPE_BITS + 1) {
            throw new ExceptionInInitializerError("more subtypes than the edge code holds");
        }
    }
}
