package dev.colineage.core.bench;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.LineageAnalyzer;
import dev.colineage.core.jobs.JobRecord;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * {@code colineage bench fuzz [--statements N] [--seed S] [--threads T]}: mutates the shared corpus
 * deterministically ({@link SqlMutator}) and runs every mutant through the analyzer, one analyzer per
 * thread. Counts what must never happen — an exception escaping the analyzer (a crash), an
 * {@code INTERNAL_ERROR} — and parse time-outs, the slowest statement and the peak heap. Last line JSON.
 * Every finding names its mutant number; {@code --show N} prints that mutant and its diagnostics, so a
 * finding is reproduced without re-running the rest.
 */
public final class FuzzBenchmark {

    /** Mutant number {@code n}: which corpus job, which mutation, and the mutated text. */
    record Mutant(int number, JobRecord job, SqlMutator.Kind kind, String sql) {
    }

    /** Each mutant's randomness depends on its number only: the same set whatever the threads. */
    static Mutant mutant(int n, long seed, List<JobRecord> corpus, SqlMutator.Kind[] kinds) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        JobRecord job = corpus.get(random.nextInt(corpus.size()));
        SqlMutator.Kind kind = kinds[n % kinds.length];
        return new Mutant(n, job, kind, SqlMutator.mutate(job.query(), kind, random));
    }

    private static AnalysisOptions options(Catalog catalog, JobRecord job) {
        AnalysisOptions options = AnalysisOptions.of(catalog).withDefaultProject(job.projectId());
        return job.selectDestination().isPresent() ? options.withDestination(job.selectDestination().get()) : options;
    }

    private FuzzBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) {
        Path dir = Path.of(System.getProperty("colineage.home", ".")).resolve("../shared/corpus/bigquery-etl").normalize();
        int statements = 100_000;
        long seed = 12;
        int threads = Runtime.getRuntime().availableProcessors();
        List<SqlMutator.Kind> only = List.of(SqlMutator.Kind.values());
        int show = -1;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--dir" -> dir = Path.of(args.get(i + 1));
                case "--statements" -> statements = Integer.parseInt(args.get(i + 1));
                case "--seed" -> seed = Long.parseLong(args.get(i + 1));
                case "--threads" -> threads = Integer.parseInt(args.get(i + 1));
                case "--show" -> show = Integer.parseInt(args.get(i + 1));
                case "--kinds" -> only = java.util.Arrays.stream(args.get(i + 1).split(",")).map(SqlMutator.Kind::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args.get(i));
            }
        }
        List<JobRecord> corpus = CorpusBenchmark.loadJobs(dir.resolve("statements.jsonl"));
        Path schemas = dir.resolve("schemas.json");
        Catalog catalog = Files.isRegularFile(schemas) ? CatalogLoader.load(schemas) : Catalog.empty();
        if (show >= 0) {
            Mutant m = mutant(show, seed, corpus, only.toArray(SqlMutator.Kind[]::new));
            out.printf("mutant #%d (%s of job %s, seed %d):%n%s%n", m.number(), m.kind(), m.job().jobId(), seed, m.sql());
            try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
                analyzer.analyze(m.sql(), options(catalog, m.job())).diagnostics().forEach(d -> out.println("  " + d));
            }
            return 0;
        }
        out.printf("fuzz: %d mutants of %d corpus statements, seed %d, %d threads%n", statements, corpus.size(), seed, threads);

        SqlMutator.Kind[] kinds = only.toArray(SqlMutator.Kind[]::new);
        AtomicLong crashes = new AtomicLong();
        AtomicLong internalErrors = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        AtomicLong tooDeep = new AtomicLong();
        LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
        Map<SqlMutator.Kind, AtomicLong> byKind = new EnumMap<>(SqlMutator.Kind.class);
        Map<SqlMutator.Kind, LongAccumulator> slowest = new EnumMap<>(SqlMutator.Kind.class);
        for (SqlMutator.Kind k : kinds) {
            byKind.put(k, new AtomicLong());
            slowest.put(k, new LongAccumulator(Math::max, 0));
        }
        List<String> findings = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "colineage-fuzz");
            t.setDaemon(true);   // a failed worker must not keep the others' JVM alive
            return t;
        });
        List<Future<?>> running = new ArrayList<>();
        int total = statements;
        long base = seed;
        for (int t = 0; t < threads; t++) {
            int worker = t;
            int workers = threads;
            running.add(pool.submit(() -> {
                try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
                    for (int n = worker; n < total; n += workers) {
                        Mutant m = mutant(n, base, corpus, kinds);
                        JobRecord job = m.job();
                        SqlMutator.Kind kind = m.kind();
                        String sql = m.sql();
                        AnalysisOptions options = options(catalog, job);
                        long t0 = System.nanoTime();
                        try {
                            LineageResult r = analyzer.analyze(sql, options);
                            for (Diagnostic d : r.diagnostics()) {
                                if (d.code().equals(Diagnostic.INTERNAL_ERROR)) {
                                    internalErrors.incrementAndGet();
                                    byKind.get(kind).incrementAndGet();
                                    if (findings.size() < 20) {
                                        findings.add("#" + m.number() + " " + kind + " " + job.jobId() + ": " + d.message());
                                    }
                                } else if (d.code().equals(Diagnostic.PARSE_TIMEOUT)) {
                                    timeouts.incrementAndGet();
                                } else if (d.code().equals(Diagnostic.TOO_DEEP)) {
                                    tooDeep.incrementAndGet();
                                }
                            }
                        } catch (RuntimeException | Error e) {
                            crashes.incrementAndGet();
                            byKind.get(kind).incrementAndGet();
                            if (findings.size() < 20) {
                                findings.add("#" + m.number() + " " + kind + " " + job.jobId() + ": crash " + e);
                            }
                        }
                        maxNanos.accumulate(System.nanoTime() - t0);
                        slowest.get(kind).accumulate((System.nanoTime() - t0) / 1_000_000);
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a fuzz worker failed outside the analyzer: " + e.getCause(), e.getCause());
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool2 : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool2.getType() == MemoryType.HEAP && pool2.getPeakUsage() != null) {
                peakHeap += pool2.getPeakUsage().getUsed();
            }
        }
        findings.forEach(f -> out.println("  " + f));
        out.printf("failures by mutation: %s%n", byKind);
        out.printf("slowest ms by mutation: %s%n", slowest);
        out.printf("%d statements in %.1f s (%.0f/s): %d crashes, %d internal errors, %d parse time-outs, %d too deep; "
                        + "slowest %d ms; peak heap %d MB%n", total, seconds, total / seconds, crashes.get(), internalErrors.get(),
                timeouts.get(), tooDeep.get(), maxNanos.get() / 1_000_000, peakHeap >> 20);
        out.printf("{\"statements\":%d,\"crashes\":%d,\"internal_errors\":%d,\"timeouts\":%d,\"too_deep\":%d,\"max_ms\":%d,"
                        + "\"peak_heap_mb\":%d,\"statements_per_s\":%.0f}%n", total, crashes.get(), internalErrors.get(), timeouts.get(),
                tooDeep.get(), maxNanos.get() / 1_000_000, peakHeap >> 20, total / seconds);
        return crashes.get() == 0 && internalErrors.get() == 0 ? 0 : 1;
    }
}
