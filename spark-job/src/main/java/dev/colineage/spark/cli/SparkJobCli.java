package dev.colineage.spark.cli;

import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of the spark-job jar: {@code extract}, {@code demo} and {@code bench extract}. Also the
 * main class for {@code spark-submit}.
 */
public final class SparkJobCli {

    private SparkJobCli() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        String[] rest = args;
        if (args.length >= 2 && args[0].equals("bench") && args[1].equals("extract")) {
            cli = new CommandLine(new ExtractBenchmark());
            rest = Arrays.copyOfRange(args, 2, args.length);
        } else if (args.length >= 1 && args[0].equals("demo")) {
            cli = new CommandLine(new DemoCommand());
            rest = Arrays.copyOfRange(args, 1, args.length);
        } else if (args.length >= 1 && args[0].equals("extract")) {
            cli = new CommandLine(new ExtractCommand());
            rest = Arrays.copyOfRange(args, 1, args.length);
        } else {
            System.err.println("usage: colineage extract [OPTIONS] | demo | bench extract [--rows N]");
            System.exit(2);
            return;
        }
        // usage mistakes exit 2, like the other colineage commands
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("colineage: " + e.getMessage());
            e.getCommandLine().usage(System.err);
            return 2;
        });
        int code = cli.execute(rest);
        System.exit(code);
    }
}
