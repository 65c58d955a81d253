package dev.colineage.api.plan;

import dev.colineage.graph.plan.RerunPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a re-run plan: wave after wave, the tables of a wave in parallel, each with retries (backoff
 * doubling from {@code backoff}). A table that still fails stops the plan after its wave: what depends
 * on it would be rebuilt from stale data. Tables a cycle blocks are not run. Keeps a record of every
 * table's attempts, readable while it runs.
 */
public final class PlanExecution implements Runnable {

    /** One table's state in the execution. */
    public record TableRun(String table, int wave, String state, int attempts, String detail) {
    }

    private final String id;
    private final RerunPlan plan;
    private final TableAction action;
    private final int parallelism;
    private final int maxAttempts;
    private final Duration backoff;
    private final Map<String, TableRun> tables = new LinkedHashMap<>();
    private volatile String state = "QUEUED";
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private final Instant createdAt = Instant.now();
    /** Told of every change (the server records the execution in the graph). */
    private volatile java.util.function.Consumer<PlanExecution> onChange = e -> { };

    public PlanExecution(String id, RerunPlan plan, TableAction action, int parallelism, int maxAttempts, Duration backoff) {
        this.id = Objects.requireNonNull(id, "id is null");
        this.plan = Objects.requireNonNull(plan, "plan is null");
        this.action = Objects.requireNonNull(action, "action is null");
        if (parallelism < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("parallelism and maxAttempts must be at least 1");
        }
        this.parallelism = parallelism;
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff is null");
        plan.tables().forEach(t -> tables.put(t.table(), new TableRun(t.table(), t.wave(), t.wave() < 0 ? "BLOCKED_BY_CYCLE" : "PENDING", 0, "")));
    }

    /** Who is told of every change of state or of a table; set before the execution starts. */
    public void onChange(java.util.function.Consumer<PlanExecution> listener) {
        this.onChange = Objects.requireNonNull(listener, "listener is null");
    }

    public Instant createdAt() {
        return createdAt;
    }

    private void changed() {
        try {
            onChange.accept(this);
        } catch (RuntimeException e) {
            // recording is best effort: the graph being away must not stop the re-runs
        }
    }

    @Override
    public void run() {
        startedAt = Instant.now();
        state = "RUNNING";
        changed();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        String end = "FAILED";
        try {
            end = runWaves(pool) ? "SUCCEEDED" : "FAILED";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // a table's action threw: the execution failed
        } finally {
            pool.shutdownNow();
            // the end time before the state: whoever sees a finished state sees when it finished (both volatile)
            finishedAt = Instant.now();
            state = end;
            changed();
        }
    }

    /** The waves in order, each one's tables in parallel; false when a wave failed (the later tables are SKIPPED). */
    private boolean runWaves(ExecutorService pool) throws InterruptedException, java.util.concurrent.ExecutionException {
        for (List<String> wave : plan.waves()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (String table : wave) {
                results.add(pool.submit(() -> runTable(table)));
            }
            boolean ok = true;
            for (Future<Boolean> f : results) {
                ok &= f.get();
            }
            if (!ok) {
                synchronized (tables) {
                    tables.replaceAll((t, r) -> r.state().equals("PENDING") ? new TableRun(t, r.wave(), "SKIPPED", 0,
                            "an earlier wave failed") : r);
                }
                return false;
            }
        }
        return true;
    }

    private boolean runTable(String table) throws InterruptedException {
        int wave = tables.get(table).wave();
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            update(new TableRun(table, wave, "RUNNING", attempt, ""));
            TableAction.Outcome outcome = action.run(table);
            if (outcome.ok()) {
                update(new TableRun(table, wave, "SUCCEEDED", attempt, outcome.detail()));
                return true;
            }
            update(new TableRun(table, wave, attempt < maxAttempts ? "RETRYING" : "FAILED", attempt, outcome.detail()));
            if (attempt < maxAttempts) {
                Thread.sleep(backoff.multipliedBy(1L << (attempt - 1)).toMillis());
            }
        }
        return false;
    }

    private void update(TableRun run) {
        synchronized (tables) {
            tables.put(run.table(), run);
        }
        changed();
    }

    public String id() {
        return id;
    }

    public String state() {
        return state;
    }

    /** The execution as it stands now (the shape the graph records). */
    public dev.colineage.api.answer.PlanExecutionView view() {
        List<dev.colineage.api.answer.PlanExecutionView.TableRunView> rows = new ArrayList<>();
        synchronized (tables) {
            tables.values().forEach(t -> rows.add(new dev.colineage.api.answer.PlanExecutionView.TableRunView(t.table(), t.wave(),
                    t.state(), t.attempts(), t.detail())));
        }
        return new dev.colineage.api.answer.PlanExecutionView(id, state, Optional.ofNullable(startedAt).map(Instant::toString),
                Optional.ofNullable(finishedAt).map(Instant::toString), plan.waves(), rows);
    }
}
