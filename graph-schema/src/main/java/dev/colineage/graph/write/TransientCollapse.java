package dev.colineage.graph.write;

import dev.colineage.core.compose.TransientComposition;
import dev.colineage.core.model.TableRef;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.ArrayList;

/**
 * Lineage through transient tables across jobs: dbt writes {@code x__dbt_tmp} in one job and merges it
 * into {@code x} in the next, so no single query shows {@code source -> x}. After a write, this parks
 * the edges touching transient tables (kept, but out of every answer) and writes the edges composed
 * through them, by the same rule lineage-core applies inside a script ({@link TransientComposition}):
 * impact, origin, PII and plans then go from the sources straight to the readers, and no transient
 * table is a node of an answer. A composed edge's queries are those of every edge on its paths, its
 * first and last seen their min and max.
 *
 * <p>Idempotent and order-free: the composed edges are derived from every parked edge each time and
 * merged with min/max and set unions, so re-running a window, or writing the reader before the
 * writer (in another run), gives the same graph. Run it once per extraction, after all writers.
 */
public final class TransientCollapse {

    /** What one pass did. */
    public record Summary(int transientTables, long parkedEdges, int composedEdges, long millis) {
    }

    private final TransientEdgeStore store;

    public TransientCollapse(TransientEdgeStore store) {
        this.store = Objects.requireNonNull(store, "store is null");
    }

    public Summary run() {
        long start = System.nanoTime();
        List<String> tables = store.transientTables();
        if (tables.isEmpty()) {
            return new Summary(0, 0, 0, (System.nanoTime() - start) / 1_000_000);
        }
        long parked = store.park(tables);
        Set<String> transientNames = new HashSet<>(tables);
        List<TransientEdgeStore.StoredEdge> edges = store.parkedEdges(tables);
        List<TransientComposition.Composed<TransientEdgeStore.StoredEdge>> composed = TransientComposition.compose(
                edges, TransientEdgeStore.StoredEdge::edge, t -> transientNames.contains(t.fqn()));
        List<TransientEdgeStore.StoredEdge> out = new ArrayList<>(composed.size());
        List<List<String>> through = new ArrayList<>(composed.size());
        Map<String, TransientEdgeStore.TableFeed> tableFeeds = new LinkedHashMap<>();
        for (TransientComposition.Composed<TransientEdgeStore.StoredEdge> c : composed) {
            Instant first = null;
            Instant last = null;
            String lastJob = "";
            Set<String> fingerprints = new TreeSet<>();
            Set<String> via = new TreeSet<>();
            for (TransientEdgeStore.StoredEdge e : c.through()) {
                first = first == null || e.firstSeen().isBefore(first) ? e.firstSeen() : first;
                if (last == null || e.lastSeen().isAfter(last)) {
                    last = e.lastSeen();
                    lastJob = e.lastJobId();
                }
                fingerprints.addAll(e.fingerprints());
                for (TableRef t : List.of(e.edge().source().table(), e.edge().target().table())) {
                    if (transientNames.contains(t.fqn())) {
                        via.add(t.fqn());
                    }
                }
            }
            out.add(new TransientEdgeStore.StoredEdge(c.edge(), first, last, lastJob, List.copyOf(fingerprints)));
            through.add(List.copyOf(via));
            String source = c.edge().source().table().fqn();
            String target = c.edge().target().table().fqn();
            boolean direct = c.edge().transformation().isDirect();
            Instant seen = last;
            tableFeeds.merge(source + "\u0000" + target, new TransientEdgeStore.TableFeed(source, target, direct, seen),
                    (a, b) -> new TransientEdgeStore.TableFeed(source, target, a.direct() || b.direct(),
                            a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
        }
        store.writeComposed(out, through, List.copyOf(tableFeeds.values()));
        return new Summary(tables.size(), parked, out.size(), (System.nanoTime() - start) / 1_000_000);
    }
}
