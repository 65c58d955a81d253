package dev.colineage.graph.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * An in-process Neo4j Community server with its Bolt connector on localhost. The application never
 * uses its embedded API: it connects over Bolt with the Java driver, exactly as to an external Neo4j, so
 * both paths run the same code. Bolt listens on the loopback interface only, without authentication.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private final DatabaseManagementService service;
    private final GraphDatabaseService database;
    private final int boltPort;
    private final Path home;

    private EmbeddedNeo4j(DatabaseManagementService service, int boltPort, Path home) {
        this.service = service;
        this.database = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        this.boltPort = boltPort;
        this.home = home;
    }

    /**
     * Starts a server storing its data under {@code home}.
     *
     * @param port          the Bolt port, 0 for any free one
     * @param pageCacheBytes Neo4j's page cache (the store file cache)
     */
    public static EmbeddedNeo4j start(Path home, int port, long pageCacheBytes, Duration transactionTimeout) {
        Objects.requireNonNull(home, "home is null");
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.transaction_timeout, transactionTimeout)
                // the store is rebuilt from query logs at will: keep transaction logs short
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        int bound = ports.getLocalAddress(ConnectorType.BOLT).getPort();
        return new EmbeddedNeo4j(service, bound, home);
    }

    /**
     * The database itself, in this process: the read model's full load reads it without Bolt (records
     * cost the driver ~10 µs each, a 5M-edge graph a minute); everything else goes through the driver.
     */
    public GraphDatabaseService database() {
        return database;
    }

    public String boltUri() {
        return "bolt://localhost:" + boltPort;
    }

    public int boltPort() {
        return boltPort;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
