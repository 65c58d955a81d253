package dev.colineage.api;

import dev.colineage.graph.check.SchemaChangeCheck;
import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.plan.RerunPlanner;
import dev.colineage.graph.read.LineageLookupStore;
import java.time.Duration;
import java.util.Optional;
import org.neo4j.driver.Driver;

/**
 * The read side over one graph, wired once: the process's read model and the services that answer from it
 * (lineage, PII, re-run plans, checks). The server, the lineage command line and the MCP stdio server each
 * build it the same way.
 *
 * @param lookups the store's own lookups (a column's type, an edge's SQL): what the read model does not hold
 */
record ReadServices(LineageGraphs graphs, InMemoryLineageReader memory, LineageLookupStore lookups, PiiTracer pii,
                    LineageService lineage, RerunPlanner planner, SchemaChangeCheck check) {

    /**
     * @param local        the database itself when this process hosts it (full loads then read it without Bolt)
     * @param queryTimeout the limit of a lookup query
     * @param loadTimeout  the limit of a full load of the read model
     */
    static ReadServices of(Driver driver, Optional<org.neo4j.graphdb.GraphDatabaseService> local, Duration queryTimeout,
                           Duration loadTimeout, Duration activeWindow, PiiRules piiRules) {
        // new lineage (an extraction run writing) shows within two seconds
        LineageGraphs graphs = new LineageGraphs(driver, local, loadTimeout, Duration.ofSeconds(2), activeWindow);
        InMemoryLineageReader memory = new InMemoryLineageReader(graphs);
        LineageLookupStore lookups = new LineageLookupStore(driver, queryTimeout);
        PiiTracer pii = new PiiTracer(memory, graphs, piiRules);
        return new ReadServices(graphs, memory, lookups, pii, new LineageService(memory, lookups, pii::isPii), new RerunPlanner(graphs),
                new SchemaChangeCheck(graphs));
    }

    /** The MCP tools over these services. */
    McpTools mcpTools() {
        return new McpTools(lineage, pii, planner, check);
    }
}
