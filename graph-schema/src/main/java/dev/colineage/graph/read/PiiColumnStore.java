package dev.colineage.graph.read;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * Which columns hold personal data, and why: a policy tag, a hand-set tag, or a name the rules match (and
 * the not-PII tag does not veto). The Cypher of PII questions lives here, not in the API.
 */
public final class PiiColumnStore {

    /**
     * What makes a column PII.
     *
     * @param names    a regular expression a column name matches
     * @param notNames one that keeps hashed copies ({@code email_hash}) out
     * @param tag      the hand-set tag that makes a column PII
     * @param notTag   the hand-set tag that vetoes a name match
     */
    public record Criteria(String names, String notNames, String tag, String notTag) {
        public Criteria {
            Objects.requireNonNull(names, "names is null");
            Objects.requireNonNull(notNames, "notNames is null");
            Objects.requireNonNull(tag, "tag is null");
            Objects.requireNonNull(notTag, "notTag is null");
        }
    }

    private final Driver driver;
    private final TransactionConfig tx;

    public PiiColumnStore(Driver driver, Duration timeout) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
    }

    /** PII columns by name, each with its reasons ({@code policy_tag:<tag>}, {@code tag:<tag>}, {@code name}); {@code only} narrows to one. */
    public Map<String, List<String>> columns(Optional<String> only, Criteria criteria) {
        Map<String, Object> p = new HashMap<>();
        p.put("only", only.orElse(null));
        p.put("tag", criteria.tag());
        p.put("notTag", criteria.notTag());
        p.put("names", criteria.names());
        p.put("notNames", criteria.notNames());
        try (Session s = driver.session()) {
            return s.executeRead(t -> {
                Map<String, List<String>> out = new LinkedHashMap<>();
                // one column is found by its unique fqn; "$only IS NULL OR ..." would scan every column
                t.run((only.isPresent() ? "MATCH (c:Column {fqn: $only}) WHERE" : "MATCH (c:Column) WHERE") + """
                         NOT c.name = '*'
                        WITH c, coalesce(c.tags, []) AS tags
                        WITH c, tags, c.policy_tag IS NOT NULL AS byPolicy, $tag IN tags AS byHand,
                             (c.name =~ $names AND NOT c.name =~ $notNames AND NOT $notTag IN tags) AS byName
                        WHERE byPolicy OR byHand OR byName
                        RETURN c.fqn AS fqn, byPolicy, byHand, byName, c.policy_tag AS policy ORDER BY fqn
                        """, p).list().forEach(r -> {
                    List<String> why = new ArrayList<>();
                    if (r.get("byPolicy").asBoolean()) {
                        why.add("policy_tag:" + r.get("policy").asString());
                    }
                    if (r.get("byHand").asBoolean()) {
                        why.add("tag:" + criteria.tag());
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
}
