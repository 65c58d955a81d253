package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-up for lineage tests: the test catalog (src/test/resources/test-catalog.json), default
 * project {@code p} and dataset {@code d}, and assertions on exact edge sets.
 */
abstract class LineageTestSupport {

    static final Catalog CATALOG = loadCatalog();
    static final AnalysisOptions OPTIONS = AnalysisOptions.of(CATALOG).withDefaultProject("p").withDefaultDataset("d");
    static LineageAnalyzer analyzer;

    @BeforeAll
    static void openAnalyzer() {
        analyzer = new LineageAnalyzer();
    }

    @AfterAll
    static void closeAnalyzer() {
        analyzer.close();
    }

    private static Catalog loadCatalog() {
        try (InputStream in = LineageTestSupport.class.getResourceAsStream("/test-catalog.json")) {
            return CatalogLoader.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LineageResult analyze(String sql) {
        return analyzer.analyze(sql, OPTIONS);
    }

    static LineageResult analyzeInto(String destination, String sql) {
        String[] p = destination.split("\\.");
        return analyzer.analyze(sql, OPTIONS.withDestination(new TableRef(p[0], p[1], p[2])));
    }

    /** The result has exactly these edges ({@code source -> target TYPE/SUBTYPE[+masking]}). */
    static void assertEdges(LineageResult result, String... expected) {
        Set<String> actual = result.edges().stream().map(Edge::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Arrays.asList(expected)), actual,
                () -> "diagnostics: " + result.diagnostics());
    }

    static void assertEdges(String sql, String... expected) {
        assertEdges(analyze(sql), expected);
    }

    static void assertEdgesInto(String destination, String sql, String... expected) {
        assertEdges(analyzeInto(destination, sql), expected);
    }

    static List<String> codes(LineageResult result) {
        return result.diagnostics().stream().map(Diagnostic::code).toList();
    }
}
