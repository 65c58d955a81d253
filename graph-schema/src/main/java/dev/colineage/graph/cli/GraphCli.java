package dev.colineage.graph.cli;

import dev.colineage.graph.bench.GraphBenchmark;
import java.util.Arrays;
import java.util.List;

/** Entry point of the graph-schema jar: {@code bench graph}, {@code bench plan}, {@code bench check}, {@code bench index}. */
public final class GraphCli {

    private GraphCli() {
    }

    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        if (a.size() >= 2 && a.get(0).equals("bench") && a.get(1).equals("graph")) {
            try {
                System.exit(GraphBenchmark.run(a.subList(2, a.size()), System.out));
            } catch (IllegalArgumentException e) {
                System.err.println("colineage: " + e.getMessage());
                System.exit(2);
            }
        }
        if (a.size() >= 2 && a.get(0).equals("bench") && a.get(1).equals("plan")) {
            try {
                System.exit(dev.colineage.graph.bench.PlanBenchmark.run(a.subList(2, a.size()), System.out));
            } catch (IllegalArgumentException e) {
                System.err.println("colineage: " + e.getMessage());
                System.exit(2);
            }
        }
        if (a.size() >= 2 && a.get(0).equals("bench") && a.get(1).equals("check")) {
            try {
                System.exit(dev.colineage.graph.bench.CheckBenchmark.run(a.subList(2, a.size()), System.out));
            } catch (IllegalArgumentException e) {
                System.err.println("colineage: " + e.getMessage());
                System.exit(2);
            }
        }
        if (a.size() >= 2 && a.get(0).equals("bench") && a.get(1).equals("index")) {
            try {
                System.exit(dev.colineage.graph.bench.IndexBenchmark.run(a.subList(2, a.size()), System.out));
            } catch (IllegalArgumentException e) {
                System.err.println("colineage: " + e.getMessage());
                System.exit(2);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }
        System.err.println("usage: colineage bench graph [--columns N] [--edges M] [--queries Q] [--batch B] | bench plan [--tables N] | bench check [--tables N] [--repeat N] | bench index [--edges 5000000] [--clients 32] [--seconds 20]");
        System.exit(2);
    }
}
