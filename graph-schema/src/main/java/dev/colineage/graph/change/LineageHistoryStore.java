package dev.colineage.graph.change;

import dev.colineage.graph.memory.Lifetimes;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.QueryActivity;
import dev.colineage.graph.write.LineageSequence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * The Cypher of lineage over time outside the read model: what each query's lifetime is derived from (for an
 * extraction run's count of the changes it caused), the queries behind lineage edges, and the deletion of
 * lineage retired longer ago than the history kept ({@code COLINEAGE_HISTORY_DAYS}).
 */
public final class LineageHistoryStore {

    /** Edges carrying any of the fingerprints, with all of theirs. */
    private static final String EDGES_OF = """
            MATCH ()-[e:FEEDS|INFLUENCES]->()
            WHERE any(fp IN e.fingerprints WHERE fp IN $fps)
            RETURN e.fingerprints AS fps
            """;
    /** Forgets queries on edges: an edge left with none of its queries is deleted. */
    private static final String FORGET_ON_EDGES = """
            MATCH ()-[e:FEEDS|INFLUENCES]->()
            WHERE any(fp IN e.fingerprints WHERE fp IN $fps)
            WITH e, [fp IN e.fingerprints WHERE NOT fp IN $fps] AS kept
            FOREACH (_ IN CASE WHEN size(kept) = 0 THEN [1] ELSE [] END | DELETE e)
            FOREACH (_ IN CASE WHEN size(kept) > 0 THEN [1] ELSE [] END |
                SET e.fingerprints = kept, e.query_count = size(kept), e.seq = $seq)
            """;
    private static final String FORGET_QUERIES = """
            MATCH (q:Query) WHERE q.fingerprint IN $fps
            DETACH DELETE q
            """;
    private static final String FORGET_RUNS = """
            MATCH (d:RunDay) WHERE d.fingerprint IN $fps
            DELETE d
            """;
    /** Runs of queries still kept, on days before the retention: their events are history no one keeps. */
    private static final String FORGET_OLD_RUNS = """
            MATCH (d:RunDay) WHERE d.day < $cutoff
            WITH d LIMIT 10000
            DELETE d
            RETURN count(*) AS deleted
            """;
    private static final int BATCH = 500;

    private final Driver driver;

    public LineageHistoryStore(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
    }

    /** What every stored query's lifetime is derived from. */
    public List<QueryActivity> activities() {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                List<QueryActivity> out = new ArrayList<>();
                tx.run("MATCH (q:Query)" + LineageGraph.QUERY_FIELDS).forEachRemaining(r -> LineageGraph.activity(r).ifPresent(out::add));
                return out;
            });
        }
    }

    /** The lifetimes of the stored queries. */
    public Lifetimes lifetimes(Duration activeWindow) {
        return Lifetimes.of(activities(), activeWindow);
    }

    /** The fingerprint lists of the lineage edges carrying any of {@code fingerprints}. */
    public List<List<String>> edgesOf(Set<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return List.of();
        }
        try (Session session = driver.session()) {
            return session.executeRead(tx -> tx.run(EDGES_OF, Map.of("fps", List.copyOf(fingerprints)))
                    .list(r -> r.get("fps").asList(org.neo4j.driver.Value::asString)));
        }
    }

    /** What a retention pass deleted. */
    public record Forgotten(int queries, long edgesDeleted) {
        public static final Forgotten NOTHING = new Forgotten(0, 0);
    }

    /**
     * Deletes the lineage retired longer than {@code retention} before the newest job the graph holds (not the
     * clock: replaying old logs keeps what they show): the queries whose every lifetime interval ended before
     * then (their edges lose them; an edge left with no query is deleted). Stamped with the lineage sequence
     * and marked as a removal, so that the read model reloads.
     */
    public Forgotten forgetRetired(Duration retention, Duration activeWindow) {
        List<QueryActivity> activities = activities();
        Lifetimes lifetimes = Lifetimes.of(activities, activeWindow);
        if (lifetimes.newestJob().isEmpty()) {
            return Forgotten.NOTHING;
        }
        Instant cutoff = lifetimes.newestJob().get().minus(retention);
        List<String> old = new ArrayList<>();
        for (QueryActivity q : activities) {
            List<Lifetimes.Interval> life = lifetimes.of(q.fingerprint());
            Optional<Instant> ended = life.isEmpty() ? Optional.empty() : life.get(life.size() - 1).until();
            if (ended.isPresent() && ended.get().isBefore(cutoff)) {
                old.add(q.fingerprint());
            }
        }
        old.sort(null);
        long deleted = 0;
        try (Session session = driver.session()) {
            for (int i = 0; i < old.size(); i += BATCH) {
                List<String> batch = old.subList(i, Math.min(old.size(), i + BATCH));
                deleted += session.executeWrite(tx -> {
                    long seq = LineageSequence.next(tx);
                    // counted before the queries go: their WRITES/READS/DROPS relationships count as deleted too
                    int edges = tx.run(FORGET_ON_EDGES, Map.of("fps", batch, "seq", seq)).consume().counters().relationshipsDeleted();
                    tx.run(FORGET_QUERIES, Map.of("fps", batch)).consume();
                    tx.run(FORGET_RUNS, Map.of("fps", batch)).consume();
                    LineageSequence.markRemoved(tx, seq);
                    return edges;
                });
            }
        }
        // in slices: the first retention over a long history deletes many runs
        LocalDate at = cutoff.atZone(ZoneOffset.UTC).toLocalDate();
        try (Session session = driver.session()) {
            long slice;
            do {
                slice = session.executeWrite(tx -> tx.run(FORGET_OLD_RUNS, Map.of("cutoff", at)).single().get("deleted").asLong());
            } while (slice > 0);
        }
        return new Forgotten(old.size(), deleted);
    }
}
