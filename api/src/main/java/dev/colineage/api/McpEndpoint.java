package dev.colineage.api;

import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The MCP server at {@code /mcp} of {@code serve}: the SDK's Streamable HTTP servlet beside Javalin's, in the
 * same Jetty context. When the server has an admin token, every request needs it as a bearer token (401
 * without one, 403 with another): tools are read-only, but they read everything the graph holds.
 */
final class McpEndpoint implements AutoCloseable {

    static final String PATH = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final AdminAuth auth;

    McpEndpoint(McpTools tools, AdminAuth auth) {
        this.auth = auth;
        this.transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(McpTools.JSON).mcpEndpoint(PATH)
                .maxRequestSize(8 * 1024 * 1024).build();
        this.server = tools.serve(transport);
    }

    void mount(ServletContextHandler context) {
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        if (auth.configured()) {
            Filter bearer = (request, response, chain) -> {
                HttpServletRequest req = (HttpServletRequest) request;
                HttpServletResponse res = (HttpServletResponse) response;
                String header = req.getHeader("Authorization");
                if (auth.accepts(header)) {
                    chain.doFilter(request, response);
                    return;
                }
                boolean missing = header == null || header.isBlank();
                res.setStatus(missing ? 401 : 403);
                if (missing) {
                    res.setHeader("WWW-Authenticate", "Bearer");
                }
                res.setContentType(Problem.CONTENT_TYPE);
                res.getOutputStream().write(Problem.body(missing ? 401 : 403, missing ? "Unauthorized" : "Forbidden",
                        missing ? "the MCP endpoint needs 'Authorization: Bearer <admin token>'" : "the bearer token is not the admin token",
                        PATH).getBytes(StandardCharsets.UTF_8));
            };
            context.addFilter(new FilterHolder(bearer), PATH, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
