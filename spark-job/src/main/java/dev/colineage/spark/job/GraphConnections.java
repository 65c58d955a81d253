package dev.colineage.spark.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * One Neo4j driver per target per executor JVM: a driver holds a connection pool and is meant to be
 * shared by every task of the process. Closed when the JVM exits.
 */
final class GraphConnections {

    private static final Map<GraphTarget, Driver> DRIVERS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(GraphConnections::closeAll, "colineage-graph-close"));
    }

    private GraphConnections() {
    }

    static Driver driver(GraphTarget target) {
        return DRIVERS.computeIfAbsent(target, t -> GraphDatabase.driver(t.uri(),
                t.user().isEmpty() ? AuthTokens.none() : AuthTokens.basic(t.user(), t.password()),
                Config.builder().withMaxConnectionPoolSize(16)
                        .withMaxTransactionRetryTime(t.retrySeconds(), java.util.concurrent.TimeUnit.SECONDS).build()));
    }

    /** Forgets and closes the drivers; the next task opens new ones (the job's end, or tests). */
    static void closeAll() {
        DRIVERS.values().forEach(d -> {
            try {
                d.close();
            } catch (RuntimeException e) {
                // closing a driver whose server is gone is not an error worth reporting
            }
        });
        DRIVERS.clear();
    }
}
