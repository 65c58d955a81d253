package dev.colineage.graph.memory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import dev.colineage.graph.write.LineageSequence;
import java.util.Optional;

/**
 * The process's one {@link LineageGraph}: loaded on first use, then kept current by applying the
 * changes writers stamped with the lineage sequence since the number it holds (a full load only when
 * lineage was removed, the change is large, or something changed unstamped). Each refresh makes a new
 * instance: a reader keeps the graph it started with, never half a change. Every question of a server (impact, origin, PII flows, plans) reads through the same
 * instance, so a process holds one copy of the lineage. {@link #current()} checks the version at most once
 * per {@code recheck}, so a busy server does not ask on every request; {@link #fresh()} checks now (a
 * re-run plan must see the newest lineage). While one thread reloads, others keep the graph they have.
 */
public final class LineageGraphs {

    private final Driver driver;
    /** The database when it runs in this process: full loads read it directly. */
    private final Optional<org.neo4j.graphdb.GraphDatabaseService> local;
    private final TransactionConfig tx;
    private final long timeoutMillis;
    private final Duration activeWindow;
    private final long recheckNanos;
    private volatile LineageGraph current;
    private volatile long checkedAt;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();

    public LineageGraphs(Driver driver, Duration timeout, Duration recheck) {
        this(driver, Optional.empty(), timeout, recheck);
    }

    /** With the database itself when it runs in this process (the embedded store): full loads skip Bolt. */
    public LineageGraphs(Driver driver, Optional<org.neo4j.graphdb.GraphDatabaseService> local, Duration timeout, Duration recheck) {
        this(driver, local, timeout, recheck, Lifetimes.DEFAULT_WINDOW);
    }

    /**
     * @param activeWindow how long a writer that appends (INSERT, MERGE, ...) stays current after its last run
     *                     ({@code COLINEAGE_ACTIVE_DAYS})
     */
    public LineageGraphs(Driver driver, Optional<org.neo4j.graphdb.GraphDatabaseService> local, Duration timeout, Duration recheck,
                         Duration activeWindow) {
        this.activeWindow = Objects.requireNonNull(activeWindow, "activeWindow is null");
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.local = Objects.requireNonNull(local, "local is null");
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
        this.timeoutMillis = timeout.toMillis();
        this.recheckNanos = recheck.toNanos();
    }

    /** The graph, at most {@code recheck} old. */
    public LineageGraph current() {
        LineageGraph graph = current;
        if (graph != null && System.nanoTime() - checkedAt < recheckNanos) {
            return graph;
        }
        if (graph != null && !refreshing.compareAndSet(false, true)) {
            return graph;       // another thread is checking or reloading: answer from the graph we have
        }
        try {
            return refresh(false);
        } finally {
            refreshing.set(false);
        }
    }

    /** The graph as of now: the version is checked whatever the last check's age. */
    public LineageGraph fresh() {
        return refresh(true);
    }

    /** How many full loads this holder has made (a test, and the server's metrics, read it). */
    public int loads() {
        return loads.get();
    }

    private synchronized LineageGraph refresh(boolean always) {
        if (!always && current != null && System.nanoTime() - checkedAt < recheckNanos) {
            return current;     // another thread refreshed while this one waited
        }
        LineageGraph next = local.isPresent() ? nextFromLocal(local.get()) : nextOverBolt();
        current = next;
        checkedAt = System.nanoTime();
        return next;
    }

    private LineageGraph nextOverBolt() {
        try (Session session = driver.session()) {
            return session.executeRead(t -> {
                long[] sequence = LineageSequence.read(t);
                BoltChanges changes = new BoltChanges(t);
                return next(sequence, changes).orElseGet(() -> {
                    loads.incrementAndGet();
                    return LineageGraph.load(t, activeWindow);
                });
            }, tx);
        }
    }

    /** The database runs in this process: the version, the changes and a full load are read from it, not over Bolt. */
    private LineageGraph nextFromLocal(org.neo4j.graphdb.GraphDatabaseService db) {
        Optional<LineageGraph> next;
        try (org.neo4j.graphdb.Transaction t = db.beginTx(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            LocalChanges changes = new LocalChanges(t);
            next = next(changes.sequence(), changes);
        }
        if (next.isPresent()) {
            return next.get();
        }
        loads.incrementAndGet();
        // the full load's own transaction reads the sequence number and the counts it reflects
        return LineageGraph.load(db, activeWindow);
    }

    /**
     * The graph as the store has it now, when it can be had without a full load: the one held when nothing
     * changed; the one held with the changes stamped since applied when only stamped writes happened and
     * nothing was removed. Empty: a full load is needed.
     */
    private Optional<LineageGraph> next(long[] sequence, StoredChanges changes) {
        LineageGraph graph = current;
        if (graph == null) {
            return Optional.empty();
        }
        if (sequence[0] == graph.sequence() && changes.version().equals(graph.version())) {
            return Optional.of(graph);
        }
        if (sequence[0] > graph.sequence() && sequence[1] <= graph.sequence()) {
            Optional<LineageGraph> changed = graph.withChanges(changes, sequence[0], Math.max(MIN_CHANGES, graph.edgeCount() / 5));
            if (changed.isPresent()) {
                refreshes.incrementAndGet();
                return changed;
            }
        }
        return Optional.empty();
    }

    /** Below this many changed edges a refresh is always applied in memory; above a fifth of the graph, it reloads. */
    private static final int MIN_CHANGES = 200_000;

    /** How many times changes were applied without a full load. */
    public int refreshes() {
        return refreshes.get();
    }
}
