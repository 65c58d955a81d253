package dev.colineage.graph.memory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * The process's one {@link LineageGraph}: loaded on first use and reloaded when the graph's lineage
 * version changed. Every question of a server (impact, origin, PII flows, plans) reads through the same
 * instance, so a process holds one copy of the lineage. {@link #current()} checks the version at most once
 * per {@code recheck}, so a busy server does not ask on every request; {@link #fresh()} checks now (a
 * re-run plan must see the newest lineage). While one thread reloads, others keep the graph they have.
 */
public final class LineageGraphs {

    private final Driver driver;
    private final TransactionConfig tx;
    private final long recheckNanos;
    private volatile LineageGraph current;
    private volatile long checkedAt;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicInteger loads = new AtomicInteger();

    public LineageGraphs(Driver driver, Duration timeout, Duration recheck) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
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
        try (Session session = driver.session()) {
            current = session.executeRead(t -> {
                LineageGraph graph = current;
                if (graph != null && graph.version().equals(LineageGraph.version(t))) {
                    return graph;
                }
                loads.incrementAndGet();
                return LineageGraph.load(t);
            }, tx);
        }
        checkedAt = System.nanoTime();
        return current;
    }
}
