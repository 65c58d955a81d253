package dev.colineage.spark;

import dev.colineage.graph.store.GraphStore;
import dev.colineage.spark.cli.SparkSessions;
import dev.colineage.spark.job.ExtractionJob;
import dev.colineage.spark.job.ExtractionSettings;
import dev.colineage.spark.job.GraphTarget;
import dev.colineage.spark.job.RunReport;
import dev.colineage.spark.source.JobSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * One real SparkSession ({@code local[2]}) and one embedded Neo4j (Bolt on a random port) for all
 * tests of this JVM; the graph is emptied before each test.
 */
public abstract class SparkTestSupport {

    private static SparkSession spark;
    private static GraphStore store;

    protected static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.start("local[2]");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }

    protected static synchronized GraphStore store() {
        if (store == null) {
            store = GraphStore.openTemporary("colineage-spark-test", 64L * 1024 * 1024);
            Runtime.getRuntime().addShutdownHook(new Thread(store::close));
        }
        return store;
    }

    protected static Driver driver() {
        return store().driver();
    }

    protected static GraphTarget target() {
        return new GraphTarget(store().embedded().orElseThrow().boltUri(), "", "");
    }

    @BeforeEach
    protected void emptyGraph() {
        try (Session s = driver().session()) {
            s.executeWrite(tx -> tx.run("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n").consume());
        }
    }

    protected static RunReport extract(JobSource source, ExtractionSettings settings) {
        return extract(source, settings, target());
    }

    protected static RunReport extract(JobSource source, ExtractionSettings settings, GraphTarget target) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return new ExtractionJob(sc, driver(), target, Optional.empty()).run(source, settings);
    }

    protected static List<Map<String, Object>> rows(String cypher) {
        try (Session s = driver().session()) {
            return s.run(cypher).list(r -> r.asMap());
        }
    }

    /** Lineage and queries as sorted text (run history left out: each run has its own id and times). */
    protected static List<String> lineageSnapshot() {
        return lineageSnapshot(driver());
    }

    protected static List<String> lineageSnapshot(Driver graph) {
        try (Session s = graph.session()) {
            return s.run("""
                    MATCH (n) WHERE n:Table OR n:Column OR n:Query
                    OPTIONAL MATCH (n)-[r]->(m) WHERE NOT type(r) = 'FAILED'
                    RETURN labels(n)[0] AS label, properties(n) AS node, type(r) AS rel, properties(r) AS relProps,
                           properties(m) AS target
                    """).list(r -> r.get("label").asString() + " " + withoutSequence(r.get("node").asMap()) + " "
                    + r.get("rel") + " " + (r.get("relProps").isNull() ? "" : withoutSequence(r.get("relProps").asMap()))
                    + " " + (r.get("target").isNull() ? "" : r.get("target").asMap().getOrDefault("fqn", "")))
                    .stream().sorted().toList();
        }
    }

    /** Properties without the lineage sequence stamp (read-model bookkeeping: a re-run stamps again). */
    private static java.util.TreeMap<String, Object> withoutSequence(Map<String, Object> properties) {
        java.util.TreeMap<String, Object> out = new java.util.TreeMap<>(properties);
        out.remove("seq");
        return out;
    }

    protected static Path writeFile(String name, String content) {
        try {
            Path dir = Files.createTempDirectory("colineage-spark-input");
            Path file = dir.resolve(name);
            Files.writeString(file, content);
            // deleted at exit in reverse order of registration: the file, then its directory
            dir.toFile().deleteOnExit();
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static ExtractionSettings window(String since, String until) {
        return ExtractionSettings.defaults().withWindow(Optional.ofNullable(since).map(java.time.Instant::parse),
                Optional.ofNullable(until).map(java.time.Instant::parse));
    }
}
