package dev.colineage.graph.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * Lineage traversals over the graph. Variable-length Cypher paths are fast only when they return
 * DISTINCT end nodes, and then they cannot explain a hit; so traversals are a breadth-first search run
 * from here, one parameterised query per depth level, with a visited set (cycle-safe, each node once,
 * at its shortest depth) and a parent map (the explaining path of each hit). Every query runs with a
 * server-side time limit.
 */
public final class LineageGraphReader {

    private static final String DOWN_FROM_COLUMNS = """
            UNWIND $frontier AS f
            MATCH (:Column {fqn: f})-[r:FEEDS]->(d:Column)
            WHERE ($indirect OR r.type = 'DIRECT') AND (size($subtypes) = 0 OR r.subtype IN $subtypes)
              AND ($masking IS NULL OR r.masking = $masking)
            RETURN f AS from, d.fqn AS to, d.table_fqn AS table, 'COLUMN' AS kind, 'FEEDS' AS relation,
                   r.type AS type, r.subtype AS subtype, r.masking AS masking, null AS via, r.fingerprints AS fingerprints
            UNION ALL
            UNWIND $frontier AS f
            MATCH (:Column {fqn: f})-[r:INFLUENCES]->(t:Table)
            WHERE $indirect AND (size($subtypes) = 0 OR r.subtype IN $subtypes)
              AND ($masking IS NULL OR r.masking = $masking)
            RETURN f AS from, t.fqn AS to, t.fqn AS table, 'TABLE' AS kind, 'INFLUENCES' AS relation,
                   'INDIRECT' AS type, r.subtype AS subtype, r.masking AS masking, null AS via, r.fingerprints AS fingerprints
            """;
    private static final String TABLE_COLUMNS = """
            UNWIND $frontier AS f
            MATCH (:Table {fqn: f})-[:HAS_COLUMN]->(c:Column)
            RETURN f AS from, c.fqn AS to, f AS table, 'COLUMN' AS kind, 'HAS_COLUMN' AS relation,
                   'INDIRECT' AS type, 'TABLE' AS subtype, false AS masking, null AS via, [] AS fingerprints
            """;
    private static final String UP_FROM_COLUMNS = """
            UNWIND $frontier AS f
            MATCH (:Column {fqn: f})<-[r:FEEDS]-(s:Column)
            WHERE ($indirect OR r.type = 'DIRECT') AND (size($subtypes) = 0 OR r.subtype IN $subtypes)
              AND ($masking IS NULL OR r.masking = $masking)
            RETURN f AS from, s.fqn AS to, s.table_fqn AS table, 'COLUMN' AS kind, 'FEEDS' AS relation,
                   r.type AS type, r.subtype AS subtype, r.masking AS masking, null AS via, r.fingerprints AS fingerprints
            UNION ALL
            UNWIND $frontier AS f
            MATCH (c:Column {fqn: f})<-[:HAS_COLUMN]-(via:Table)<-[r:INFLUENCES]-(s:Column)
            WHERE $indirect AND (size($subtypes) = 0 OR r.subtype IN $subtypes)
              AND ($masking IS NULL OR r.masking = $masking)
            RETURN f AS from, s.fqn AS to, s.table_fqn AS table, 'COLUMN' AS kind, 'INFLUENCES' AS relation,
                   'INDIRECT' AS type, r.subtype AS subtype, r.masking AS masking, via.fqn AS via, r.fingerprints AS fingerprints
            """;
    private static final String DOWN_FROM_TABLES = """
            UNWIND $frontier AS f
            MATCH (:Table {fqn: f})-[r:FEEDS_TABLE]->(t:Table)
            WHERE $indirect OR r.direct
            RETURN f AS from, t.fqn AS to, t.fqn AS table, 'TABLE' AS kind, 'FEEDS_TABLE' AS relation,
                   CASE WHEN r.direct THEN 'DIRECT' ELSE 'INDIRECT' END AS type, 'TABLE' AS subtype, false AS masking,
                   null AS via, [] AS fingerprints
            """;
    private static final String UP_FROM_TABLES = """
            UNWIND $frontier AS f
            MATCH (:Table {fqn: f})<-[r:FEEDS_TABLE]-(t:Table)
            WHERE $indirect OR r.direct
            RETURN f AS from, t.fqn AS to, t.fqn AS table, 'TABLE' AS kind, 'FEEDS_TABLE' AS relation,
                   CASE WHEN r.direct THEN 'DIRECT' ELSE 'INDIRECT' END AS type, 'TABLE' AS subtype, false AS masking,
                   null AS via, [] AS fingerprints
            """;

    private final Driver driver;
    private final TransactionConfig txConfig;

    public LineageGraphReader(Driver driver, Duration timeout) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.txConfig = TransactionConfig.builder().withTimeout(timeout).build();
    }

    public LineageGraphReader(Driver driver) {
        this(driver, Duration.ofSeconds(10));
    }

    /** Columns reached from a column; empty when the column is not in the graph. */
    public Optional<Traversal> columnLineage(String column, Direction direction, TraversalOptions options) {
        return traverse("Column", column, direction, options, false);
    }

    /** Tables reached from a table, through the table-level lineage collapsed from columns. */
    public Optional<Traversal> tableLineage(String table, Direction direction, TraversalOptions options) {
        return traverse("Table", table, direction, options, true);
    }

    /**
     * The whole search in one read transaction: one BEGIN/COMMIT instead of one per level halves the
     * server's work per traversal under concurrent load (measured with the API benchmark).
     */
    private Optional<Traversal> traverse(String label, String start, Direction direction, TraversalOptions options,
                                         boolean tables) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                boolean found = tx.run("MATCH (n:" + label + " {fqn: $fqn}) RETURN count(n) > 0 AS found", Map.of("fqn", start))
                        .single().get("found").asBoolean();
                return found ? Optional.of(bfs(tx, start, direction, options, tables)) : Optional.<Traversal>empty();
            }, txConfig);
        }
    }

    private Traversal bfs(org.neo4j.driver.TransactionContext tx, String start, Direction direction, TraversalOptions options,
                          boolean tables) {
        Map<String, Object> filters = new HashMap<>();
        filters.put("indirect", options.includeIndirect());
        filters.put("subtypes", options.subtypes().stream().map(Enum::name).toList());
        filters.put("masking", options.masking().orElse(null));
        Search search = new Search(start, direction, options.limit());
        List<String> frontier = List.of(start);
        int depth = 0;
        {
            while (!frontier.isEmpty() && !search.truncated) {
                depth++;
                if (options.maxDepth().isPresent() && depth > options.maxDepth().get()) {
                    break;
                }
                String step = tables ? (direction == Direction.DOWNSTREAM ? DOWN_FROM_TABLES : UP_FROM_TABLES)
                        : (direction == Direction.DOWNSTREAM ? DOWN_FROM_COLUMNS : UP_FROM_COLUMNS);
                List<String> reachedNow = search.absorb(query(tx, step, frontier, filters), depth);
                if (!tables) {
                    // a table hit by a table-wide influence: its columns are affected too, at the same depth
                    List<String> influencedTables = reachedNow.stream()
                            .filter(n -> search.reached.get(n).kind() == Hit.Kind.TABLE).toList();
                    List<String> next = new ArrayList<>(reachedNow);
                    next.removeAll(influencedTables);
                    if (!influencedTables.isEmpty() && !search.truncated) {
                        next.addAll(search.absorb(query(tx, TABLE_COLUMNS, influencedTables, filters), depth));
                    }
                    reachedNow = next;
                }
                frontier = reachedNow;
            }
        }
        List<GraphEdge> among = search.edges.stream().filter(e -> SearchTree.inResult(e, start, search.reached)).distinct().toList();
        Set<String> fingerprints = new java.util.TreeSet<>();
        among.forEach(e -> fingerprints.addAll(search.fingerprints.getOrDefault(e, List.of())));
        return new Traversal(start, direction, new ArrayList<>(search.reached.values()), among, search.truncated, fingerprints);
    }

    /** The state of one breadth-first search: what was reached, how, and each node's parent. */
    private static final class Search {
        final Direction direction;
        final int limit;
        final Map<String, Hit> reached = new LinkedHashMap<>();
        final SearchTree tree;
        final Set<String> seen = new LinkedHashSet<>();
        final List<GraphEdge> edges = new ArrayList<>();
        /** The queries behind each lineage edge seen. */
        final Map<GraphEdge, List<String>> fingerprints = new HashMap<>();
        boolean truncated;

        Search(String start, Direction direction, int limit) {
            this.direction = direction;
            this.limit = limit;
            this.tree = new SearchTree(start);
            seen.add(start);
        }

        /** Takes one level's steps; returns the nodes reached for the first time. */
        List<String> absorb(List<Record> steps, int depth) {
            List<String> fresh = new ArrayList<>();
            for (Record r : steps) {
                String from = r.get("from").asString();
                String to = r.get("to").asString();
                boolean againstFlow = direction == Direction.UPSTREAM && !r.get("relation").asString().equals(GraphEdge.Relation.HAS_COLUMN.name());
                List<GraphEdge> step;
                if (againstFlow && !r.get("via").isNull()) {
                    // upstream through a table-wide influence: s -INFLUENCES-> table -HAS_COLUMN-> column
                    String table = r.get("via").asString();
                    step = List.of(GraphEdge.hasColumn(table, from), edge(r, to, table));
                } else {
                    step = List.of(againstFlow ? edge(r, to, from) : edge(r, from, to));
                }
                edges.addAll(step);
                if (!r.get("fingerprints").isNull()) {
                    fingerprints.put(step.get(step.size() - 1), r.get("fingerprints").asList(org.neo4j.driver.Value::asString));
                }
                if (!seen.add(to)) {
                    continue;
                }
                if (reached.size() >= limit) {
                    truncated = true;
                    break;
                }
                tree.reached(to, from, step);
                Hit.Kind kind = r.get("kind").asString().equals("TABLE") ? Hit.Kind.TABLE : Hit.Kind.COLUMN;
                reached.put(to, new Hit(to, kind, r.get("table").asString(), depth, tree.path(to)));
                fresh.add(to);
            }
            return fresh;
        }

    }

    private static List<Record> query(org.neo4j.driver.TransactionContext tx, String cypher, List<String> frontier,
                                      Map<String, Object> filters) {
        Map<String, Object> params = new HashMap<>(filters);
        params.put("frontier", frontier);
        return tx.run(cypher, params).list();
    }

    private static GraphEdge edge(Record r, String source, String target) {
        return new GraphEdge(source, target, GraphEdge.Relation.valueOf(r.get("relation").asString()),
                dev.colineage.core.model.Transformation.Type.valueOf(r.get("type").asString()), r.get("subtype").asString(),
                r.get("masking").asBoolean(false));
    }


    /** A column's stored properties. */
    public Optional<ColumnInfo> column(String fqn) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (c:Column {fqn: $fqn})
                    RETURN c.fqn AS fqn, c.name AS name, c.path AS path, c.type AS type, c.table_fqn AS table
                    """, Map.of("fqn", fqn)).list(r -> new ColumnInfo(r.get("fqn").asString(), r.get("name").asString(),
                    r.get("path").asString(), Optional.ofNullable(r.get("type").asString(null)), r.get("table").asString()))
                    .stream().findFirst(), txConfig);
        }
    }

    /**
     * The table dependency DAG among {@code tables} (for scheduling): every table-level edge whose both
     * ends are in the set.
     */
    public List<TableDependency> tableDependencies(Set<String> tables) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (a:Table)-[r:FEEDS_TABLE]->(b:Table)
                    WHERE a.fqn IN $tables AND b.fqn IN $tables
                    RETURN a.fqn AS source, b.fqn AS target, r.direct AS direct
                    ORDER BY source, target
                    """, Map.of("tables", List.copyOf(tables))).list(r -> new TableDependency(r.get("source").asString(),
                    r.get("target").asString(), r.get("direct").asBoolean())), txConfig);
        }
    }

    /** Columns whose fully qualified name contains {@code fragment}, case-insensitively, by name. */
    public List<String> searchColumns(String fragment, int limit) {
        return search("Column", fragment, limit);
    }

    /** Tables whose fully qualified name contains {@code fragment}, case-insensitively, by name. */
    public List<String> searchTables(String fragment, int limit) {
        return search("Table", fragment, limit);
    }

    private List<String> search(String label, String fragment, int limit) {
        // transient tables are no node of an answer: lineage goes through them, so nothing starts at them
        String lasting = label.equals("Table") ? "AND coalesce(n.kind, '') <> 'TRANSIENT' "
                : "AND NOT EXISTS { (n)<-[:HAS_COLUMN]-(:Table {kind: 'TRANSIENT'}) } ";
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run("MATCH (n:" + label + ") WHERE n.search_name CONTAINS $q " + lasting
                            + "RETURN n.fqn AS fqn ORDER BY size(n.fqn), n.fqn LIMIT $limit",
                    Map.of("q", fragment.toLowerCase(Locale.ROOT), "limit", limit)).list(r -> r.get("fqn").asString()), txConfig);
        }
    }
}
