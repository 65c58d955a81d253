package dev.colineage.graph.memory;

import dev.colineage.core.model.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/** The stamped changes read over Bolt, in the caller's read transaction (a Neo4j server elsewhere). */
final class BoltChanges implements StoredChanges {

    private final TransactionContext tx;

    BoltChanges(TransactionContext tx) {
        this.tx = Objects.requireNonNull(tx, "tx is null");
    }

    @Override
    public Optional<List<EdgeRow>> edges(long since, int max) {
        List<EdgeRow> rows = new ArrayList<>();
        for (EdgeKind kind : EdgeKind.values()) {
            // the seq index finds the changed relationships; the names travel because ids differ per store
            Result r = tx.run("MATCH ()-[f:" + kind.name() + "]->() WHERE f.seq > $since "
                    + "RETURN startNode(f).fqn AS a, endNode(f).fqn AS b, f.subtype AS subtype, f.masking AS masking, f.fingerprints AS fps",
                    Map.of("since", since));
            while (r.hasNext()) {
                if (rows.size() == max) {
                    r.consume();
                    return Optional.empty();
                }
                Record row = r.next();
                Value fps = row.get("fps");
                rows.add(new EdgeRow(kind, row.get("a").asString(), row.get("b").asString(),
                        Transformation.Subtype.valueOf(row.get("subtype").asString()), row.get("masking").asBoolean(false),
                        fps.isNull() ? List.of() : fps.asList(Value::asString)));
            }
        }
        return Optional.of(rows);
    }

    @Override
    public List<ColumnRow> columns(long since) {
        return tx.run("""
                MATCH (c:Column) WHERE c.seq > $since MATCH (t:Table)-[:HAS_COLUMN]->(c)
                RETURN t.fqn AS t, t.kind AS kind, c.fqn AS c, c.policy_tag AS policy, c.tags AS tags""", Map.of("since", since))
                .list(r -> new ColumnRow(r.get("t").asString(), r.get("kind").asString(""), r.get("c").asString(),
                        r.get("policy").isNull() ? Optional.empty() : Optional.of(r.get("policy").asString()),
                        r.get("tags").isNull() ? List.of() : r.get("tags").asList(Value::asString)));
    }

    @Override
    public List<QueryRow> queries(long since) {
        return tx.run("MATCH (q:Query) WHERE q.seq > $since" + LineageGraph.QUERY_FIELDS, Map.of("since", since))
                .list(r -> new QueryRow(QuerySummary.fromRecord(r), LineageGraph.activity(r)));
    }

    @Override
    public String version() {
        return LineageGraph.version(tx);
    }

    @Override
    public long storedEdges() {
        return LineageGraph.storedEdges(tx);
    }
}
