package dev.colineage.api;

import dev.colineage.graph.store.DefaultGraphServer;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code colineage serve [--port 8080] [--host 127.0.0.1] [--neo4j URI]}: the API and web page over the lineage
 * graph, on loopback unless {@code --host} opens it to a network. Without
 * a URI it hosts the embedded Neo4j on the default data directory with Bolt on localhost:7687, so that
 * extraction runs (separate processes) write into the graph it serves.
 */
public final class ServeCommand {

    static final int DEFAULT_BOLT_PORT = DefaultGraphServer.PORT;

    private ServeCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> a = Arrays.asList(args);
        int port = 8080;
        String host = ApiSettings.LOOPBACK;
        Optional<String> neo4j = Optional.empty();
        for (int i = 0; i < a.size(); i++) {
            switch (a.get(i)) {
                case "serve" -> { }
                case "--port" -> port = Integer.parseInt(value(a, ++i, "--port"));
                case "--host" -> host = value(a, ++i, "--host");
                case "--neo4j" -> neo4j = Optional.of(value(a, ++i, "--neo4j"));
                case "-h", "--help" -> {
                    System.out.println("usage: colineage serve [--port 8080] [--host 127.0.0.1] [--neo4j bolt://host:7687]");
                    return;
                }
                default -> {
                    System.err.println("colineage: unknown option " + a.get(i) + " (known: --port, --host, --neo4j)");
                    System.exit(2);
                }
            }
        }
        Map<String, String> env = System.getenv();
        String home = System.getProperty("colineage.home", ".");
        ServerEnvironment environment;
        try {
            // every setting first: a bad value stops the server before it opens anything
            environment = ServerEnvironment.read(env, port, host, home);
        } catch (IllegalArgumentException e) {
            System.err.println("colineage: " + e.getMessage());
            System.exit(2);
            return;
        }
        GraphSettings graph = GraphSettings.fromEnvironment(env).withEmbeddedPort(DEFAULT_BOLT_PORT);
        if (neo4j.isPresent()) {
            graph = graph.withUri(neo4j.get());
        } else if (graph.uri().isEmpty()) {
            switch (DefaultGraphServer.probe(graph)) {
                case COLINEAGE -> {
                    System.out.println("colineage serve: a colineage graph already listens on " + DefaultGraphServer.URI + "; serving it");
                    graph = graph.withUri(DefaultGraphServer.URI);
                }
                case OTHER -> {
                    // somebody else's Neo4j holds the default port: ours takes any free one and leaves theirs alone
                    System.out.println("colineage serve: the Neo4j on " + DefaultGraphServer.URI + " is not a colineage graph;"
                            + " the embedded graph takes another port (extraction runs started here are given it)");
                    graph = graph.withEmbeddedPort(0);
                }
                case NONE -> { }
            }
        }
        GraphStore store = GraphStore.open(graph);
        GraphSettings chosen = graph;
        String bolt = store.embedded().map(e -> e.boltUri()).orElseGet(() -> chosen.uri().orElseThrow());
        ApiSettings settings = environment.settings();
        Optional<dev.colineage.api.schedule.ScheduleRunner> scheduler = Optional.empty();
        java.util.concurrent.ScheduledExecutorService ticker = null;
        if (environment.schedules().isPresent()) {
            Path schedulesFile = environment.schedules().get();
            List<dev.colineage.api.schedule.Schedule> schedules;
            try {
                schedules = dev.colineage.api.schedule.ScheduleConfig.load(schedulesFile);
            } catch (java.io.IOException | IllegalArgumentException e) {
                System.err.println("colineage: cannot read the schedules in " + schedulesFile + ": " + e.getMessage());
                store.close();
                System.exit(2);
                return;
            }
            var runs = new dev.colineage.graph.runs.ExtractionRunStore(store.driver());
            List<String> command = environment.scheduledExtractCommand().orElse(settings.extractCommand());
            var runner = new dev.colineage.api.schedule.ScheduleRunner(schedules, java.time.Clock.systemUTC(),
                    new dev.colineage.api.schedule.ProcessLauncher(command, bolt, Path.of(home, ".colineage", "scheduled")),
                    runs::watermark, (id, sched, since, until, attempt) -> runs.queue(id, List.of(sched.sourceKey()), since, until,
                            sched.name(), attempt));
            scheduler = Optional.of(runner);
            ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleWithFixedDelay(() -> {
                try {
                    runner.tick();
                } catch (RuntimeException e) {
                    System.err.println("colineage: scheduler: " + e.getMessage());
                }
            }, 0, 15, java.util.concurrent.TimeUnit.SECONDS);
            System.out.printf("colineage serve: %d schedules from %s%n", schedules.size(), schedulesFile);
        }
        ApiServer server = new ApiServer(store.driver(), store.embedded().map(dev.colineage.graph.store.EmbeddedNeo4j::database),
                bolt, settings, scheduler);
        // the read model is loaded and the answer path warmed while the server already answers (a request that
        // comes first waits for the same load)
        server.warmUp().whenComplete((took, failure) -> {
            if (failure != null) {
                System.err.println("colineage serve: could not read the lineage graph at start-up: " + failure.getMessage());
            } else {
                System.out.printf("colineage serve: lineage loaded and answers warmed in %.1f s%n", took.toMillis() / 1000.0);
            }
        });
        java.util.concurrent.ScheduledExecutorService stopTicker = ticker;
        System.out.printf("colineage serve: http://%s:%d/ (API under /api/v1, graph %s%s)%n",
                settings.host().equals(ApiSettings.LOOPBACK) ? "localhost" : settings.host(), server.port(), bolt,
                settings.adminToken().isPresent() ? "" : "; admin endpoints disabled: set COLINEAGE_ADMIN_TOKEN");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopTicker != null) {
                stopTicker.shutdownNow();
            }
            server.close();
            store.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String value(List<String> a, int i, String option) {
        if (i >= a.size()) {
            System.err.println("colineage: " + option + " needs a value");
            System.exit(2);
        }
        return a.get(i);
    }
}
