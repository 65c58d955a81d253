package dev.colineage.spark.cli;

import dev.colineage.graph.read.Direction;
import dev.colineage.graph.read.GraphEdge;
import dev.colineage.graph.read.Hit;
import dev.colineage.graph.read.Traversal;
import dev.colineage.graph.read.TraversalOptions;
import dev.colineage.graph.store.GraphSettings;
import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.job.ExtractionSettings;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.SampleJobSource;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code colineage demo}: the sample warehouse through Spark (local) into the graph, then the run
 * report and one impact question answered from the graph: where does customers.email go?
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Extract the sample warehouse into the lineage graph and show an impact query.")
public final class DemoCommand implements Callable<Integer> {

    public static final String EXAMPLE_COLUMN = "acme-shop.raw.customers.email";

    @Option(names = "--neo4j", description = "Bolt URI of the graph (default: a colineage graph on localhost:7687, else embedded)")
    String neo4j;
    /** The launcher asks where the sample went, to serve it only when it is in the embedded store. */
    @Option(names = "--graph-used-file", hidden = true)
    java.nio.file.Path graphUsedFile;
    @Option(names = "--column", defaultValue = EXAMPLE_COLUMN, description = "column whose downstream impact to show (default: ${DEFAULT-VALUE})")
    String column;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintStream out = System.out;
        GraphSettings settings = GraphSettings.fromEnvironment(System.getenv());
        dev.colineage.graph.change.HistorySettings history = ExtractCommand.history(spec);
        out.println("colineage demo: sample warehouse -> Spark (local) -> Neo4j (" + (neo4j != null ? neo4j
                : settings.uri().orElse("embedded, data in " + settings.dataDir().toAbsolutePath() + " unless a colineage graph listens on "
                + GraphConnection.DEFAULT_URI)) + ")");
        try (GraphStore store = GraphConnection.open(Optional.ofNullable(neo4j), settings);
             SparkSession spark = SparkSessions.start("local[*]")) {
            if (graphUsedFile != null) {
                java.nio.file.Files.writeString(graphUsedFile, store.embedded().isPresent() ? "embedded"
                        : store.settings().uri().orElseThrow());
            }
            // the whole sample every time (not from the watermark): a second demo shows the re-run changing nothing
            RunReport report = ExtractCommand.run(spark, store, new SampleJobSource(), ExtractionSettings.defaults()
                            .withWindow(Optional.of(java.time.Instant.EPOCH), Optional.empty()).withHistory(history),
                    System.console() != null ? Optional.of(System.err) : Optional.empty());
            out.println(report.toJson());
            if (report.error().isPresent()) {
                return ExtractCommand.RUN_FAILED;
            }
            out.println();
            out.println("What depends on " + column + "? (downstream, direct and indirect, unbounded depth, current lineage)");
            // the read model the server answers from: current lineage (retired pipelines left out)
            Optional<Traversal> t = new dev.colineage.graph.memory.InMemoryLineageReader(new dev.colineage.graph.memory.LineageGraphs(
                    store.driver(), Optional.empty(), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(2), history.activeWindow()))
                    .columnLineage(column, Direction.DOWNSTREAM, TraversalOptions.defaults());
            if (t.isEmpty()) {
                out.println("  no such column in the graph");
                return 0;
            }
            List<Hit> hits = t.get().hits().stream()
                    .sorted(Comparator.comparingInt(Hit::depth).thenComparing(Hit::fqn)).toList();
            for (Hit hit : hits) {
                GraphEdge last = hit.path().get(hit.path().size() - 1);
                out.printf("  depth %d  %-55s %s/%s%s%s%n", hit.depth(), hit.fqn(), last.type(), last.subtype(),
                        last.masking() ? " masked" : "", hit.unmaskedPath() ? "" : "  (PII stopped by a hash on the way)");
            }
            out.printf("%d downstream columns and tables%s%n", t.get().hits().size(), t.get().truncated() ? " (truncated)" : "");
            return 0;
        }
    }
}
