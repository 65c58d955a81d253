package dev.colineage.api;

import dev.colineage.graph.memory.InMemoryLineageReader;
import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.TraversalOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Loads the read model and asks the widest lineage questions a few times when a server starts, in the
 * background, so that the first person to open the page after a start waits neither for the load (seconds on a
 * large warehouse) nor for the JIT to compile the walk and the JSON writing: on the {@code bench api} warehouse
 * a cold answer of 10,000 columns takes ~3 s, a warm one ~0.2 s. Answers are written to nowhere; nothing is kept.
 */
final class AnswerWarmup {

    /** The busiest columns asked about, each way, with and without paths: enough for the JIT, seconds at most. */
    private static final int COLUMNS = 3;
    private static final int ROUNDS = 3;
    /** The page's own limit. */
    private static final int LIMIT = 10_000;

    private final InMemoryLineageReader memory;
    private final LineageService service;

    AnswerWarmup(InMemoryLineageReader memory, LineageService service) {
        this.memory = Objects.requireNonNull(memory, "memory is null");
        this.service = Objects.requireNonNull(service, "service is null");
    }

    /** Runs on a daemon thread; completes with the time it took, or exceptionally when the graph cannot be read. */
    CompletableFuture<Duration> start() {
        CompletableFuture<Duration> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                run();
                done.complete(Duration.ofNanos(System.nanoTime() - t0));
            } catch (RuntimeException | IOException e) {
                done.completeExceptionally(e);
            }
        }, "colineage-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return done;
    }

    private void run() throws IOException {
        List<String> columns = memory.busiestColumns(COLUMNS);
        TraversalOptions options = TraversalOptions.defaults().withLimit(LIMIT);
        for (int round = 0; round < ROUNDS; round++) {
            for (String column : columns) {
                for (Direction direction : Direction.values()) {
                    var answer = service.columnLineage(column, direction, options);
                    if (answer.isPresent()) {
                        write(answer.get());
                        write(answer.get().withoutPaths());
                    }
                }
                if (round == 0) {
                    write(service.column(column));
                }
            }
        }
    }

    /** Written as a response would be, to nowhere (the mapper closes what it writes to). */
    private static void write(Object answer) throws IOException {
        ApiJson.MAPPER.writeValue(OutputStream.nullOutputStream(), answer);
    }
}
