package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.compose.TransientTables;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageTarget;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a set of query records puts in the graph, one row per node or relationship, deduplicated and
 * sorted by key: sorted batches take node locks in one order, so concurrent writers do not deadlock.
 * Relationship rows carry the positions of their end nodes in {@link #tables()} / {@link #columns()},
 * which the bulk loader uses as import ids.
 *
 * <p>Rows are typed values that turn into Cypher parameters one batch at a time, and every name is spelled
 * out once: parameter maps built up front for 500k edges, with string keys in sorted maps, made this step
 * take 2-3 s, a sixth of a bulk first load, most of it copying millions of live maps in the young GC
 * (measured); this way it takes a few hundred milliseconds.
 */
record GraphRows(List<TableRow> tables, List<ColumnRow> columns, List<EdgeRow> feeds, List<EdgeRow> influences,
                 List<TableFeedRow> tableFeeds, List<QueryRow> queries, List<RunDayRow> runDays) {

    /** A row of one of the writer's statements. */
    interface Row {
        /** The row as the statement's {@code r} parameter. */
        Map<String, Object> parameters();
    }

    record TableRow(String fqn, String project, String dataset, String name, String kind) implements Row {
        public TableRow {
            Objects.requireNonNull(fqn, "fqn is null");
            Objects.requireNonNull(project, "project is null");
            Objects.requireNonNull(dataset, "dataset is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(kind, "kind is null");
        }

        /** The lower-cased name that the search index holds (text indexes are case-sensitive). */
        String searchName() {
            return fqn.toLowerCase(Locale.ROOT);
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("fqn", fqn, "project", project, "dataset", dataset, "name", name, "search", searchName(),
                    "kind", kind);
        }
    }

    /** A column; {@code tableIndex} is its table's position in {@link #tables()}. */
    record ColumnRow(String fqn, String name, String path, String table, int tableIndex, Optional<String> type,
                     Optional<String> policyTag) implements Row {
        public ColumnRow {
            Objects.requireNonNull(fqn, "fqn is null");
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(table, "table is null");
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(policyTag, "policyTag is null");
        }

        String searchName() {
            return fqn.toLowerCase(Locale.ROOT);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new HashMap<>();
            m.put("fqn", fqn);
            m.put("name", name);
            m.put("path", path);
            m.put("table", table);
            m.put("search", searchName());
            m.put("type", type.orElse(null));           // null: keep what the graph knows (coalesce)
            m.put("policy_tag", policyTag.orElse(null));
            return m;
        }
    }

    /**
     * A FEEDS (column to column) or INFLUENCES (column to table) edge aggregated over the queries that
     * produce it; the indexes are the ends' positions in {@link #columns()}, and in {@link #columns()} or
     * {@link #tables()} for the target.
     */
    record EdgeRow(String source, int sourceIndex, String target, int targetIndex, Transformation transformation,
                   Instant firstSeen, Instant lastSeen, String lastJobId, List<String> fingerprints) implements Row {
        public EdgeRow {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(target, "target is null");
            Objects.requireNonNull(transformation, "transformation is null");
            Objects.requireNonNull(firstSeen, "firstSeen is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
            Objects.requireNonNull(lastJobId, "lastJobId is null");
            fingerprints = List.copyOf(fingerprints);
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("source", source, "target", target, "type", transformation.type().name(),
                    "subtype", transformation.subtype().name(), "masking", transformation.masking(),
                    "first_seen", utc(firstSeen), "last_seen", utc(lastSeen), "last_job_id", lastJobId,
                    "fingerprints", fingerprints);
        }
    }

    /** Table-level lineage between two tables (positions in {@link #tables()}): direct if any column edge is. */
    record TableFeedRow(String source, int sourceIndex, String target, int targetIndex, boolean direct, Instant lastSeen)
            implements Row {
        public TableFeedRow {
            Objects.requireNonNull(source, "source is null");
            Objects.requireNonNull(target, "target is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("source", source, "target", target, "direct", direct, "last_seen", utc(lastSeen));
        }
    }

    /**
     * The runs of one query on one UTC day, as stored ({@link QueryRun#stored()}, sorted): one node per query and
     * day, its runs merged as a set, so a window written twice keeps one of each.
     */
    record RunDayRow(String fingerprint, LocalDate day, List<String> runs) implements Row {
        public RunDayRow {
            Objects.requireNonNull(fingerprint, "fingerprint is null");
            Objects.requireNonNull(day, "day is null");
            runs = List.copyOf(runs);
        }

        String key() {
            return fingerprint + "|" + day;
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("key", key(), "fingerprint", fingerprint, "day", day, "runs", runs);
        }
    }

    /** A distinct query: runs per UTC day as parallel lists, tables read and written by fqn, sorted. */
    record QueryRow(String fingerprint, String sampleSql, String statementType, Instant firstSeen, Instant lastSeen,
                    String lastJobId, List<String> users, List<String> days, List<Long> counts, List<String> reads,
                    List<String> writes, QueryKind kind, List<String> drops) implements Row {
        public QueryRow {
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(fingerprint, "fingerprint is null");
            Objects.requireNonNull(sampleSql, "sampleSql is null");
            Objects.requireNonNull(statementType, "statementType is null");
            Objects.requireNonNull(firstSeen, "firstSeen is null");
            Objects.requireNonNull(lastSeen, "lastSeen is null");
            Objects.requireNonNull(lastJobId, "lastJobId is null");
            users = List.copyOf(users);
            days = List.copyOf(days);
            counts = List.copyOf(counts);
            reads = List.copyOf(reads);
            writes = List.copyOf(writes);
            drops = List.copyOf(drops);
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new HashMap<>();
            m.put("fingerprint", fingerprint);
            m.put("sample_sql", sampleSql);
            m.put("statement_type", statementType);
            m.put("kind", kind.name());
            m.put("first_seen", utc(firstSeen));
            m.put("last_seen", utc(lastSeen));
            m.put("last_job_id", lastJobId);
            m.put("users", users);
            m.put("days", days);
            m.put("counts", counts);
            m.put("reads", reads);
            m.put("writes", writes);
            m.put("drops", drops);
            return m;
        }

        /** Days as stored: {@code YYYY-MM-DD=N}. */
        List<String> runDays() {
            List<String> out = new ArrayList<>(days.size());
            for (int i = 0; i < days.size(); i++) {
                out.add(days.get(i) + "=" + counts.get(i));
            }
            return out;
        }

        long runCount() {
            return counts.stream().mapToLong(Long::longValue).sum();
        }
    }

    static GraphRows of(List<QueryRecord> records, Catalog catalog) {
        Names names = new Names();
        // keyed by dotted names, so that whatever is one node in the graph is one row
        Map<String, TableRef> tables = new HashMap<>();
        Map<String, String> tableKinds = new HashMap<>();
        Map<String, ColumnRef> columns = new HashMap<>();
        Map<EdgeKey, EdgeAggregate> feeds = new HashMap<>();
        Map<EdgeKey, EdgeAggregate> influences = new HashMap<>();
        Map<EdgeKey, TableFeedAggregate> tableFeeds = new HashMap<>();
        List<QueryRow> queries = new ArrayList<>(records.size());
        Map<String, TreeSet<String>> runsByQueryDay = new HashMap<>();
        Map<String, RunDayRow> dayOf = new HashMap<>();
        for (QueryRecord q : records) {
            for (QueryRun run : q.runs().list()) {
                RunDayRow day = new RunDayRow(q.fingerprint(), run.at().atZone(ZoneOffset.UTC).toLocalDate(), List.of());
                dayOf.putIfAbsent(day.key(), day);
                runsByQueryDay.computeIfAbsent(day.key(), k -> new TreeSet<>()).add(run.stored());
            }
            boolean view = q.statementType().toUpperCase(Locale.ROOT).contains("VIEW");
            q.transientTables().forEach(t -> table(tables, tableKinds, names, t, TransientEdgeStore.KIND));
            q.reads().forEach(t -> table(tables, tableKinds, names, t, "TABLE"));
            q.writes().forEach(t -> table(tables, tableKinds, names, t, view ? "VIEW" : "TABLE"));
            q.drops().forEach(t -> table(tables, tableKinds, names, t, "TABLE"));
            for (Edge e : q.edges()) {
                TableRef sourceTable = e.source().table();
                TableRef targetTable = e.target().table();
                table(tables, tableKinds, names, sourceTable, "TABLE");
                table(tables, tableKinds, names, targetTable, view && q.writes().contains(targetTable) ? "VIEW" : "TABLE");
                columns.putIfAbsent(names.of(e.source()), e.source());
                EdgeKey key = new EdgeKey(names.of(e.source()), names.of(e.target()), e.transformation());
                if (e.target() instanceof ColumnRef target) {
                    columns.putIfAbsent(key.target(), target);
                    feeds.computeIfAbsent(key, k -> new EdgeAggregate()).add(q);
                } else {
                    influences.computeIfAbsent(key, k -> new EdgeAggregate()).add(q);
                }
                tableFeeds.computeIfAbsent(new EdgeKey(names.of(sourceTable), names.of(targetTable), null),
                        k -> new TableFeedAggregate()).add(e.transformation().isDirect(), q.lastSeen());
            }
            queries.add(query(q, names));
        }
        queries.sort(Comparator.comparing(QueryRow::fingerprint));

        List<String> tableNames = new ArrayList<>(tables.keySet());
        tableNames.sort(Comparator.naturalOrder());
        Map<String, Integer> tableIndex = positions(tableNames);
        List<TableRow> tableRows = new ArrayList<>(tableNames.size());
        for (String fqn : tableNames) {
            TableRef t = tables.get(fqn);
            tableRows.add(new TableRow(fqn, t.project(), t.dataset(), t.name(), tableKinds.get(fqn)));
        }
        List<String> columnNames = new ArrayList<>(columns.keySet());
        columnNames.sort(Comparator.naturalOrder());
        Map<String, Integer> columnIndex = positions(columnNames);
        List<ColumnRow> columnRows = new ArrayList<>(columnNames.size());
        for (String fqn : columnNames) {
            columnRows.add(column(fqn, columns.get(fqn), names, tableIndex, catalog));
        }
        List<RunDayRow> runDayRows = new ArrayList<>(runsByQueryDay.size());
        runsByQueryDay.forEach((key, stored) -> {
            RunDayRow day = dayOf.get(key);
            runDayRows.add(new RunDayRow(day.fingerprint(), day.day(), new ArrayList<>(stored)));
        });
        runDayRows.sort(Comparator.comparing(RunDayRow::key));
        return new GraphRows(tableRows, columnRows, edgeRows(feeds, columnIndex, columnIndex),
                edgeRows(influences, columnIndex, tableIndex), tableFeedRows(tableFeeds, tableIndex), queries, runDayRows);
    }

    /** Records a table; a VIEW, EXTERNAL or TRANSIENT kind seen anywhere wins over TABLE. */
    private static void table(Map<String, TableRef> tables, Map<String, String> kinds, Names names, TableRef t, String kind) {
        String k = t.dataset().equals("external_query") ? "EXTERNAL"
                : kind.equals("TABLE") && TransientTables.isDbtTemporary(t) ? TransientEdgeStore.KIND : kind;
        String fqn = names.of(t);
        tables.putIfAbsent(fqn, t);
        if (!k.equals("TABLE") || !kinds.containsKey(fqn)) {
            kinds.put(fqn, k);
        }
    }

    private static ColumnRow column(String fqn, ColumnRef c, Names names, Map<String, Integer> tableIndex, Catalog catalog) {
        String table = names.of(c.table());
        Optional<SchemaField> field = fieldOf(c, catalog);
        return new ColumnRow(fqn, c.path().get(c.path().size() - 1), c.name(), table, tableIndex.get(table),
                field.map(x -> x.isRepeated() ? "ARRAY<" + x.type() + ">" : x.type()),
                field.flatMap(SchemaField::policyTag));
    }

    /** The catalog's field for the column (its BigQuery type and policy tag), when the catalog knows it. */
    private static Optional<SchemaField> fieldOf(ColumnRef c, Catalog catalog) {
        Optional<SchemaField> field = catalog.lookup(c.table()).flatMap(s -> s.column(c.path().get(0)));
        for (int i = 1; i < c.path().size() && field.isPresent(); i++) {
            String part = c.path().get(i);
            field = field.flatMap(f -> f.field(part));
        }
        return field;
    }

    private static QueryRow query(QueryRecord q, Names names) {
        List<String> days = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        new TreeMap<LocalDate, Integer>(q.runsByDay()).forEach((d, n) -> {
            days.add(d.toString());
            counts.add(n.longValue());
        });
        return new QueryRow(q.fingerprint(), q.sampleSql(), q.statementType(), q.firstSeen(), q.lastSeen(), q.lastJobId(),
                new ArrayList<>(new TreeSet<>(q.users())), days, counts,
                q.reads().stream().map(names::of).sorted().toList(), q.writes().stream().map(names::of).sorted().toList(), q.kind(),
                q.drops().stream().map(names::of).sorted().toList());
    }

    private static Map<String, Integer> positions(List<String> sorted) {
        Map<String, Integer> position = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            position.put(sorted.get(i), i);
        }
        return position;
    }

    /**
     * Edge rows sorted by source, target, then transformation: the order the online writer locks nodes in.
     * A radix sort on the ends' positions (three stable counting passes): comparison sorts, by name or even
     * by position, spent most of this step chasing pointers (measured).
     */
    private static List<EdgeRow> edgeRows(Map<EdgeKey, EdgeAggregate> edges, Map<String, Integer> sourceIndex,
                                          Map<String, Integer> targetIndex) {
        List<EdgeRow> out = new ArrayList<>(edges.size());
        edges.forEach((k, a) -> out.add(new EdgeRow(k.source(), sourceIndex.get(k.source()), k.target(),
                targetIndex.get(k.target()), k.transformation(), a.firstSeen, a.lastSeen, a.lastJobId, a.fingerprints)));
        List<EdgeRow> sorted = countingSort(out, r -> transformationOrder(r.transformation()), TRANSFORMATION_ORDERS);
        sorted = countingSort(sorted, EdgeRow::targetIndex, targetIndex.size());
        return countingSort(sorted, EdgeRow::sourceIndex, sourceIndex.size());
    }

    /** A stable sort of {@code rows} by an integer key in {@code [0, range)}. */
    private static <T> List<T> countingSort(List<T> rows, java.util.function.ToIntFunction<T> key, int range) {
        int[] start = new int[range + 1];
        int[] keys = new int[rows.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key.applyAsInt(rows.get(i));
            start[keys[i] + 1]++;
        }
        for (int k = 0; k < range; k++) {
            start[k + 1] += start[k];
        }
        Object[] out = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[start[keys[i]]++] = rows.get(i);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) java.util.Arrays.asList(out);
        return list;
    }

    private static final int TRANSFORMATION_ORDERS = Transformation.Type.values().length * 64 * 2;

    private static int transformationOrder(Transformation t) {
        return (t.type().ordinal() * 64 + t.subtype().ordinal()) * 2 + (t.masking() ? 1 : 0);
    }

    private static List<TableFeedRow> tableFeedRows(Map<EdgeKey, TableFeedAggregate> pairs, Map<String, Integer> tableIndex) {
        List<TableFeedRow> out = new ArrayList<>(pairs.size());
        pairs.forEach((k, a) -> out.add(new TableFeedRow(k.source(), tableIndex.get(k.source()), k.target(),
                tableIndex.get(k.target()), a.direct, a.lastSeen)));
        out.sort(Comparator.comparingInt(TableFeedRow::sourceIndex).thenComparingInt(TableFeedRow::targetIndex));
        return out;
    }

    static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }

    /** Each table's and column's dotted name, spelled out once however many edges mention it. */
    private static final class Names {
        private final Map<LineageTarget, String> fqns = new HashMap<>();

        String of(LineageTarget t) {
            return fqns.computeIfAbsent(t, LineageTarget::fqn);
        }
    }

    /** An edge by its ends' names and its transformation (null for the table-level edge between two tables). */
    private record EdgeKey(String source, String target, Transformation transformation) {
    }

    /** A table-level edge while records are read. */
    private static final class TableFeedAggregate {
        private boolean direct;
        private Instant lastSeen;

        void add(boolean directEdge, Instant seen) {
            direct |= directEdge;
            if (lastSeen == null || seen.isAfter(lastSeen)) {
                lastSeen = seen;
            }
        }
    }

    /** A column edge while records are read: the queries producing it, first and last seen. */
    private static final class EdgeAggregate {
        /** Sorted and distinct; a list, not a TreeSet: most edges come from one or two queries. */
        private final List<String> fingerprints = new ArrayList<>(2);
        private Instant firstSeen;
        private Instant lastSeen;
        private String lastJobId;

        void add(QueryRecord q) {
            int at = java.util.Collections.binarySearch(fingerprints, q.fingerprint());
            if (at < 0) {
                fingerprints.add(-at - 1, q.fingerprint());
            }
            if (firstSeen == null || q.firstSeen().isBefore(firstSeen)) {
                firstSeen = q.firstSeen();
            }
            // equal times break by job id, as the writer's Cypher does: the order records come in never matters
            if (lastSeen == null || q.lastSeen().isAfter(lastSeen)
                    || (q.lastSeen().equals(lastSeen) && q.lastJobId().compareTo(lastJobId) > 0)) {
                lastSeen = q.lastSeen();
                lastJobId = q.lastJobId();
            }
        }
    }
}
