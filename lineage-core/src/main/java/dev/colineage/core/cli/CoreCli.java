package dev.colineage.core.cli;

import dev.colineage.core.bench.CorpusBenchmark;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the lineage-core jar: {@code analyze} and {@code bench corpus}. The repository's
 * {@code ./colineage} launcher sends these subcommands here; other modules' subcommands go to their
 * own jars.
 */
public final class CoreCli {

    private static final String USAGE = """
            usage:
              colineage analyze [--catalog FILE] [--routines FILE] [--project P] [--dataset D] [--destination P.D.T] [--format json|text] [SQL_FILE|-]
              colineage analyze --jobs FILE.jsonl [--catalog FILE] [--routines FILE]
              colineage bench corpus [--dir DIR] [--repeat N]
              colineage bench fuzz [--statements N] [--seed S] [--threads T]
            """;

    private CoreCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        try {
            return switch (args.get(0)) {
                case "analyze" -> AnalyzeCommand.run(args.subList(1, args.size()), out, err);
                case "bench" -> {
                    if (args.size() >= 2 && args.get(1).equals("fuzz")) {
                        yield dev.colineage.core.bench.FuzzBenchmark.run(args.subList(2, args.size()), out);
                    }
                    if (args.size() < 2 || !args.get(1).equals("corpus")) {
                        throw new CliArguments.UsageException("lineage-core benchmarks: bench corpus, bench fuzz");
                    }
                    yield CorpusBenchmark.run(args.subList(2, args.size()), out);
                }
                default -> throw new CliArguments.UsageException("unknown command: " + args.get(0));
            };
        } catch (CliArguments.UsageException e) {
            err.println("colineage: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println("colineage: " + e.getMessage());
            return 1;
        }
    }
}
