package dev.colineage.api;

import dev.colineage.graph.change.HistorySettings;
import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code colineage mcp [--neo4j URI]}: the MCP server over stdio, for desktop assistants that start it as a
 * process. Standard output carries JSON-RPC only: everything else this process would print goes to standard
 * error. It reads the graph a Neo4j server holds (or the embedded store) and runs until its input closes.
 */
public final class McpCommand {

    static final String USAGE = """
            usage: colineage mcp [--neo4j URI]
              serves colineage's lineage tools over the Model Context Protocol on stdin/stdout (for an assistant to start);
              'colineage serve' serves the same tools over Streamable HTTP at /mcp.""";

    private McpCommand() {
    }

    public static void main(String[] command) throws InterruptedException {
        String[] args = command.length > 0 && command[0].equals("mcp") ? java.util.Arrays.copyOfRange(command, 1, command.length) : command;
        // the protocol owns standard output: a stray line from a library would break it
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        System.setOut(System.err);
        Optional<String> uri = Optional.empty();
        if (args.length == 2 && args[0].equals("--neo4j")) {
            uri = Optional.of(args[1]);
        } else if (args.length != 0) {
            System.err.println(args[0].equals("--help") || args[0].equals("-h") ? USAGE : "colineage: unknown arguments\n" + USAGE);
            System.exit(args[0].startsWith("-h") || args[0].equals("--help") ? 0 : 2);
        }
        Map<String, String> env = System.getenv();
        GraphStore store = DefaultGraphServer.open(uri, GraphSettings.fromEnvironment(env), System.err, DefaultGraphServer.URI);
        ReadServices read = ReadServices.of(store.driver(), Optional.empty(), Duration.ofSeconds(120), Duration.ofSeconds(120),
                HistorySettings.fromEnvironment(env).activeWindow(), PiiRules.fromEnvironment(env));
        McpTools tools = read.mcpTools();
        McpSyncServer server = tools.serve(new StdioServerTransportProvider(McpTools.JSON, System.in, protocol));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.closeGracefully();
            store.close();
        }));
        long t0 = System.nanoTime();
        read.graphs().current();   // the read model loaded before the first question, not during it
        System.err.printf("colineage: MCP server on stdio (7 tools), lineage loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Thread.currentThread().join();   // the transport reads standard input on its own threads until the client goes
    }
}
