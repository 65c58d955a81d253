package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The records turned into parameter rows, one list per statement, deduplicated and sorted by key:
 * sorted batches take node locks in one order, so concurrent writers do not deadlock.
 */
record GraphRows(List<Map<String, Object>> tables, List<Map<String, Object>> columns,
                 List<Map<String, Object>> feeds, List<Map<String, Object>> influences,
                 List<Map<String, Object>> tableFeeds, List<Map<String, Object>> queries) {

    static GraphRows of(List<QueryRecord> records, Catalog catalog) {
        Map<String, Map<String, Object>> tables = new TreeMap<>();
        Map<String, Map<String, Object>> columns = new TreeMap<>();
        Map<String, EdgeRow> feeds = new TreeMap<>();
        Map<String, EdgeRow> influences = new TreeMap<>();
        Map<String, Map<String, Object>> tableFeeds = new TreeMap<>();
        List<Map<String, Object>> queries = new ArrayList<>();
        for (QueryRecord q : records) {
            boolean view = q.statementType().toUpperCase(Locale.ROOT).contains("VIEW");
            q.reads().forEach(t -> table(tables, t, "TABLE"));
            q.writes().forEach(t -> table(tables, t, view ? "VIEW" : "TABLE"));
            for (Edge e : q.edges()) {
                table(tables, e.source().table(), "TABLE");
                table(tables, e.target().table(), view && q.writes().contains(e.target().table()) ? "VIEW" : "TABLE");
                column(columns, e.source(), catalog);
                String key = e.source().fqn() + "\u0000" + e.target().fqn() + "\u0000" + e.transformation();
                if (e.target() instanceof ColumnRef target) {
                    column(columns, target, catalog);
                    feeds.computeIfAbsent(key, k -> new EdgeRow(e)).add(q);
                } else {
                    influences.computeIfAbsent(key, k -> new EdgeRow(e)).add(q);
                }
                String tableKey = e.source().table().fqn() + "\u0000" + e.target().table().fqn();
                Map<String, Object> tf = tableFeeds.computeIfAbsent(tableKey, k -> new HashMap<>(Map.of(
                        "source", e.source().table().fqn(), "target", e.target().table().fqn(),
                        "direct", false, "last_seen", utc(q.lastSeen()))));
                tf.put("direct", (Boolean) tf.get("direct") || e.transformation().isDirect());
                if (utc(q.lastSeen()).isAfter((ZonedDateTime) tf.get("last_seen"))) {
                    tf.put("last_seen", utc(q.lastSeen()));
                }
            }
            queries.add(query(q));
        }
        queries.sort(Comparator.comparing(m -> (String) m.get("fingerprint")));
        return new GraphRows(new ArrayList<>(tables.values()), new ArrayList<>(columns.values()),
                feeds.values().stream().map(EdgeRow::toMap).toList(),
                influences.values().stream().map(EdgeRow::toMap).toList(),
                new ArrayList<>(tableFeeds.values()), queries);
    }

    private static void table(Map<String, Map<String, Object>> tables, TableRef t, String kind) {
        String k = t.dataset().equals("external_query") ? "EXTERNAL" : kind;
        Map<String, Object> row = tables.computeIfAbsent(t.fqn(), f -> new HashMap<>(Map.of("fqn", f,
                "project", t.project(), "dataset", t.dataset(), "name", t.name(),
                "search", f.toLowerCase(Locale.ROOT), "kind", k)));
        if (!k.equals("TABLE")) {
            row.put("kind", k);
        }
    }

    private static void column(Map<String, Map<String, Object>> columns, ColumnRef c, Catalog catalog) {
        columns.computeIfAbsent(c.fqn(), f -> {
            Map<String, Object> row = new HashMap<>();
            row.put("fqn", f);
            row.put("name", c.path().get(c.path().size() - 1));
            row.put("path", c.name());
            row.put("table", c.table().fqn());
            row.put("search", f.toLowerCase(Locale.ROOT));
            Optional<SchemaField> field = fieldOf(c, catalog);
            row.put("type", field.map(x -> x.isRepeated() ? "ARRAY<" + x.type() + ">" : x.type()).orElse(null));
            row.put("policy_tag", field.flatMap(SchemaField::policyTag).orElse(null));
            return row;
        });
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

    private static Map<String, Object> query(QueryRecord q) {
        List<String> days = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        new TreeMap<LocalDate, Integer>(q.runsByDay()).forEach((d, n) -> {
            days.add(d.toString());
            counts.add(n.longValue());
        });
        Map<String, Object> row = new HashMap<>();
        row.put("fingerprint", q.fingerprint());
        row.put("sample_sql", q.sampleSql());
        row.put("statement_type", q.statementType());
        row.put("first_seen", utc(q.firstSeen()));
        row.put("last_seen", utc(q.lastSeen()));
        row.put("last_job_id", q.lastJobId());
        row.put("users", new ArrayList<>(new TreeSet<>(q.users())));
        row.put("days", days);
        row.put("counts", counts);
        row.put("reads", q.reads().stream().map(TableRef::fqn).sorted().toList());
        row.put("writes", q.writes().stream().map(TableRef::fqn).sorted().toList());
        return row;
    }

    static ZonedDateTime utc(Instant i) {
        return i.atZone(ZoneOffset.UTC);
    }

    /** One column edge, aggregated over the queries that produce it. */
    static final class EdgeRow {
        private final Edge edge;
        private final TreeSet<String> fingerprints = new TreeSet<>();
        private Instant firstSeen;
        private Instant lastSeen;
        private String lastJobId;

        EdgeRow(Edge edge) {
            this.edge = edge;
        }

        void add(QueryRecord q) {
            fingerprints.add(q.fingerprint());
            if (firstSeen == null || q.firstSeen().isBefore(firstSeen)) {
                firstSeen = q.firstSeen();
            }
            if (lastSeen == null || q.lastSeen().isAfter(lastSeen)) {
                lastSeen = q.lastSeen();
                lastJobId = q.lastJobId();
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new HashMap<>();
            m.put("source", edge.source().fqn());
            m.put("target", edge.target().fqn());
            m.put("type", edge.transformation().type().name());
            m.put("subtype", edge.transformation().subtype().name());
            m.put("masking", edge.transformation().masking());
            m.put("first_seen", utc(firstSeen));
            m.put("last_seen", utc(lastSeen));
            m.put("last_job_id", lastJobId);
            m.put("fingerprints", new ArrayList<>(fingerprints));
            return m;
        }
    }
}
