package dev.colineage.api;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * Where personal data flows. From each PII column, every column reached over DIRECT, unmasked edges is
 * exposed (it holds the data itself); a DIRECT masking edge (a hash, a count) out of the PII column or an
 * exposed one leads to a masked column, and the flow stops there: what is derived from a hash is not
 * PII. INDIRECT edges (filters, joins) carry no values and are not followed. Each result carries the
 * path that explains it.
 */
final class PiiTracer {

    private final Driver driver;
    private final dev.colineage.graph.index.IndexedLineageReader reader;
    private final PiiRules rules;
    private final TransactionConfig tx;

    PiiTracer(Driver driver, dev.colineage.graph.index.IndexedLineageReader reader, PiiRules rules, Duration timeout) {
        this.driver = driver;
        this.reader = reader;
        this.rules = rules;
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /** PII columns (fqn -> why), sorted by name; {@code only} narrows to one column. */
    Map<String, List<String>> piiColumns(Optional<String> only) {
        try (Session s = driver.session()) {
            return s.executeRead(t -> {
                Map<String, List<String>> out = new LinkedHashMap<>();
                t.run("""
                        MATCH (c:Column)
                        WHERE ($only IS NULL OR c.fqn = $only) AND NOT c.name = '*'
                        WITH c, coalesce(c.tags, []) AS tags
                        WITH c, tags, c.policy_tag IS NOT NULL AS byPolicy, $tag IN tags AS byHand,
                             (c.name =~ $names AND NOT c.name =~ $notNames AND NOT $notTag IN tags) AS byName
                        WHERE byPolicy OR byHand OR byName
                        RETURN c.fqn AS fqn, byPolicy, byHand, byName, c.policy_tag AS policy ORDER BY fqn
                        """, params(only)).list().forEach(r -> {
                    List<String> why = new ArrayList<>();
                    if (r.get("byPolicy").asBoolean()) {
                        why.add("policy_tag:" + r.get("policy").asString());
                    }
                    if (r.get("byHand").asBoolean()) {
                        why.add("tag:" + PiiRules.TAG);
                    }
                    if (r.get("byName").asBoolean()) {
                        why.add("name");
                    }
                    out.put(r.get("fqn").asString(), why);
                });
                return out;
            }, tx);
        }
    }

    private Map<String, Object> params(Optional<String> only) {
        Map<String, Object> p = new HashMap<>();
        p.put("only", only.orElse(null));
        p.put("tag", PiiRules.TAG);
        p.put("notTag", PiiRules.NOT_TAG);
        p.put("names", rules.names());
        p.put("notNames", rules.notNames());
        return p;
    }

    /** The flows of every PII column (or of one), with a summary. */
    Map<String, Object> flows(Optional<String> only, int limit) {
        Map<String, List<String>> pii = piiColumns(only);
        List<Map<String, Object>> columns = new ArrayList<>();
        java.util.Set<String> allExposed = new java.util.TreeSet<>();
        java.util.Set<String> allMasked = new java.util.TreeSet<>();
        for (Map.Entry<String, List<String>> e : pii.entrySet()) {
            Map<String, Object> flow = flow(e.getKey(), limit);
            flow.put("reasons", e.getValue());
            columns.add(flow);
            ((List<?>) flow.get("exposed")).forEach(x -> allExposed.add((String) ((Map<?, ?>) x).get("column")));
            ((List<?>) flow.get("masked")).forEach(x -> allMasked.add((String) ((Map<?, ?>) x).get("column")));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rules", Map.of("names", rules.names(), "not_names", rules.notNames(), "tag", PiiRules.TAG,
                "not_tag", PiiRules.NOT_TAG, "policy_tags", "any"));
        out.put("summary", Map.of("pii_columns", pii.size(), "exposed_columns", allExposed.size(),
                "masked_columns", allMasked.size()));
        out.put("columns", columns);
        return out;
    }

    private Map<String, Object> flow(String column, int limit) {
        Traversal exposed = reader.columnLineage(column, Direction.DOWNSTREAM,
                TraversalOptions.defaults().directOnly().withMasking(false).withLimit(limit)).orElseThrow();
        Map<String, Hit> reached = new LinkedHashMap<>();
        for (Hit h : exposed.hits()) {
            if (h.kind() == Hit.Kind.COLUMN) {
                reached.put(h.fqn(), h);
            }
        }
        List<String> sources = new ArrayList<>();
        sources.add(column);
        sources.addAll(reached.keySet());
        List<Map<String, Object>> masked = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(sources);
        try (Session s = driver.session()) {
            for (var r : s.executeRead(t -> t.run("""
                    UNWIND $sources AS src
                    MATCH (a:Column {fqn: src})-[f:FEEDS {type: 'DIRECT', masking: true}]->(b:Column)
                    RETURN a.fqn AS source, b.fqn AS target, f.subtype AS subtype ORDER BY target, source
                    """, Map.of("sources", sources)).list(), tx)) {
                String target = r.get("target").asString();
                if (!seen.add(target)) {
                    continue;
                }
                Hit via = reached.get(r.get("source").asString());
                List<GraphEdge> path = new ArrayList<>(via == null ? List.of() : via.path());
                path.add(new GraphEdge(r.get("source").asString(), target, "FEEDS", "DIRECT", r.get("subtype").asString(), true));
                masked.add(entry(target, path.size(), path));
            }
        }
        List<Map<String, Object>> exposedList = new ArrayList<>();
        reached.values().stream().sorted(java.util.Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn))
                .forEach(h -> exposedList.add(entry(h.fqn(), h.depth(), h.path())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column);
        out.put("exposed", exposedList);
        out.put("masked", masked);
        out.put("truncated", exposed.truncated());
        return out;
    }

    private static Map<String, Object> entry(String column, int depth, List<GraphEdge> path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("column", column);
        m.put("depth", depth);
        m.put("path", Json.edges(path));
        return m;
    }
}
