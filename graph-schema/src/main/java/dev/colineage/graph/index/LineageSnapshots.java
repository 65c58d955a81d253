package dev.colineage.graph.index;

import java.time.Duration;
import java.util.Objects;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;

/**
 * The current {@link LineageIndex}: loaded on first use, and reloaded when the graph's lineage version
 * changed. The version is checked at most once per {@code recheck} (so a busy server does not ask on every
 * request); new lineage is seen within that time. While one thread reloads, others keep the old snapshot.
 */
public final class LineageSnapshots {

    private final Driver driver;
    private final TransactionConfig tx;
    private final long recheckNanos;
    private volatile LineageIndex current;
    private volatile long checkedAt;
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

    public LineageSnapshots(Driver driver, Duration timeout, Duration recheck) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
        this.tx = TransactionConfig.builder().withTimeout(timeout).build();
        this.recheckNanos = recheck.toNanos();
    }

    public LineageIndex current() {
        LineageIndex index = current;
        if (index != null && System.nanoTime() - checkedAt < recheckNanos) {
            return index;
        }
        if (index != null && !refreshing.compareAndSet(false, true)) {
            return index;       // another thread is checking or reloading: answer from the snapshot we have
        }
        try {
            return refresh();
        } finally {
            refreshing.set(false);
        }
    }

    private synchronized LineageIndex refresh() {
        if (current != null && System.nanoTime() - checkedAt < recheckNanos) {
            return current;     // another thread refreshed while this one waited
        }
        try (Session session = driver.session()) {
            current = session.executeRead(t -> {
                LineageIndex index = current;
                return index != null && index.version.equals(LineageIndex.version(t)) ? index : LineageIndex.load(t);
            }, tx);
        }
        checkedAt = System.nanoTime();
        return current;
    }
}
