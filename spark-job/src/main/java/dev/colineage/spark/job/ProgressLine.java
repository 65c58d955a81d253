package dev.colineage.spark.job;

import java.io.PrintStream;
import java.util.Optional;

/**
 * A line on the terminal, rewritten every second while a run goes on: rows read, queries analysed,
 * edges written (from the accumulators, which grow as tasks finish).
 */
final class ProgressLine implements AutoCloseable {

    private final Thread thread;
    private final Optional<PrintStream> out;
    private final ExtractionCounters counters;
    private volatile boolean running = true;

    ProgressLine(ExtractionCounters counters, Optional<PrintStream> out) {
        this.counters = counters;
        this.out = out;
        this.thread = new Thread(this::loop, "colineage-progress");
        thread.setDaemon(true);
        if (out.isPresent()) {
            thread.start();
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            print();
        }
    }

    private void print() {
        out.ifPresent(o -> o.printf("\rrows read %,d · queries analysed %,d · edges written %,d   ",
                counters.rowsRead.value(), counters.queriesAnalysed.value(), counters.edgesWritten.value()));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        if (out.isPresent()) {
            print();
            out.get().println();
        }
    }
}
