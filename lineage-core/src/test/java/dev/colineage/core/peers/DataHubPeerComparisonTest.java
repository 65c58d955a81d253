package dev.colineage.core.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.resolve.AnalysisOptions;
import dev.colineage.core.resolve.LineageAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * colineage against DataHub's BigQuery column-lineage goldens ({@code ../shared/peers/datahub-bigquery}):
 * for every case with expected pairs, the column pairs DataHub finds must be found here too (recall),
 * and pairs found here beyond DataHub's are listed (DataHub is coarser on struct paths).
 */
class DataHubPeerComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT_TARGET = "<select>";

    record Pair(String source, String target) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            return (source + target).compareTo(o.source + o.target);
        }
    }

    static Path cases() {
        return Path.of(System.getProperty("colineage.shared", "../../shared")).resolve("peers/datahub-bigquery/cases.jsonl");
    }

    @Test
    void everyPairDataHubFindsIsFoundHere() throws IOException {
        assumeTrue(Files.isRegularFile(cases()), "peer cases not present: " + cases());
        Map<String, String> report = new TreeMap<>();
        int expectedPairs = 0;
        int found = 0;
        int finer = 0;
        List<String> missing = new ArrayList<>();
        try (LineageAnalyzer analyzer = new LineageAnalyzer()) {
            for (String line : Files.readAllLines(cases())) {
                JsonNode c = JSON.readTree(line);
                if (c.path("expected").isEmpty()) {
                    Set<Pair> ours = ours(analyzer, c);
                    System.out.println("[peers] " + c.get("name").asText() + " DataHub: no column pairs; colineage: " + ours);
                    continue;
                }
                Set<Pair> theirs = new TreeSet<>();
                for (JsonNode e : c.get("expected")) {
                    theirs.add(new Pair(normalize(e.get("source_table").asText()) + "." + e.get("source_column").asText().toLowerCase(Locale.ROOT),
                            normalize(e.get("target_table").asText()) + "." + e.get("target_column").asText().toLowerCase(Locale.ROOT)));
                }
                Set<Pair> ours = ours(analyzer, c);
                int hit = 0;
                Set<Pair> extra = new TreeSet<>(ours);
                for (Pair p : theirs) {
                    // a pair from a nested field of DataHub's column refines it: DataHub coarsens struct paths
                    List<Pair> matching = ours.stream().filter(o -> o.target().equals(p.target())
                            && (o.source().equals(p.source()) || o.source().startsWith(p.source() + "."))).toList();
                    if (matching.isEmpty()) {
                        missing.add(c.get("name").asText() + ": " + p);
                    } else {
                        hit++;
                        finer += matching.stream().anyMatch(o -> !o.source().equals(p.source())) ? 1 : 0;
                        matching.forEach(extra::remove);
                    }
                }
                expectedPairs += theirs.size();
                found += hit;
                report.put(c.get("name").asText() + (c.path("skipped_in_datahub").asBoolean(false) ? " (skipped in DataHub: aspirational)" : ""),
                        hit + "/" + theirs.size() + (extra.isEmpty() ? "" : " +" + extra));
            }
        }
        report.forEach((k, v) -> System.out.println("[peers] " + k + " " + v));
        System.out.println("[peers] DataHub pairs found: " + found + "/" + expectedPairs + " (" + finer
                + " of them at a finer struct path than DataHub's)");
        missing.forEach(m -> System.out.println("[peers] missing " + m));
        assertEquals(List.of(), missing);
    }

    /** Our edges into columns (DIRECT, and column-level INDIRECT such as CASE conditions), as pairs. */
    private static Set<Pair> ours(LineageAnalyzer analyzer, JsonNode c) {
        Optional<String> project = text(c, "project");
        Optional<String> dataset = text(c, "dataset");
        AnalysisOptions options = AnalysisOptions.of(catalog(c.get("catalog"), project, dataset))
                .withDestination(new TableRef("_select_", "_select_", SELECT_TARGET));
        if (project.isPresent()) {
            options = options.withDefaultProject(project.get());
        }
        if (dataset.isPresent()) {
            options = options.withDefaultDataset(dataset.get());
        }
        LineageResult r = analyzer.analyze(c.get("sql").asText(), options);
        Set<Pair> pairs = new TreeSet<>();
        for (Edge e : r.edges()) {
            if (e.target() instanceof ColumnRef target) {
                pairs.add(new Pair(name(e.source()), name(target)));
            }
        }
        return pairs;
    }

    /** DataHub's names: no unknown default project, date shards as {@code _yyyymmdd}, lower case. */
    private static String name(ColumnRef c) {
        TableRef t = c.table();
        String table = t.name().equals(SELECT_TARGET) ? SELECT_TARGET
                : (t.project().equals("_default_") ? "" : t.project() + ".") + (t.dataset().equals("_default_") ? "" : t.dataset() + ".") + t.name();
        return normalize(table) + "." + c.name().toLowerCase(Locale.ROOT);
    }

    private static String normalize(String table) {
        return table.toLowerCase(Locale.ROOT).replaceAll("_(\\d{8}|\\d{4}\\*|\\*)$", "_yyyymmdd");
    }

    /** The case's {@code {name: [{name, type}]}} catalog as BigQuery schema JSON, dotted names nested. */
    private static Catalog catalog(JsonNode cases, Optional<String> project, Optional<String> dataset) {
        ObjectNode root = JSON.createObjectNode();
        if (cases == null) {
            return Catalog.empty();
        }
        Iterator<Map.Entry<String, JsonNode>> it = cases.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> parts = new ArrayList<>(List.of(e.getKey().split("\\.")));
            if (parts.size() > 3 || parts.get(parts.size() - 1).contains("yyyymmdd")) {
                parts.set(parts.size() - 1, parts.get(parts.size() - 1).replace("yyyymmdd", "20230101"));
            }
            while (parts.size() < 3) {
                parts.add(0, parts.size() == 2 ? project.orElse("_default_") : dataset.orElse("_default_"));
            }
            if (parts.size() > 3) {
                continue;
            }
            ArrayNode fields = root.putArray(String.join(".", parts));
            for (JsonNode col : e.getValue()) {
                addField(fields, col.get("name").asText().split("\\."), 0, col.get("type").asText());
            }
        }
        return CatalogLoader.fromJson(root);
    }

    private static void addField(ArrayNode fields, String[] path, int i, String type) {
        for (JsonNode f : fields) {
            if (f.get("name").asText().equalsIgnoreCase(path[i])) {
                if (i + 1 < path.length) {
                    ObjectNode o = (ObjectNode) f;
                    o.put("type", "RECORD");
                    addField(o.has("fields") ? (ArrayNode) o.get("fields") : o.putArray("fields"), path, i + 1, type);
                }
                return;
            }
        }
        ObjectNode f = fields.addObject();
        f.put("name", path[i]);
        f.put("type", i + 1 < path.length ? "RECORD" : type);
        if (i + 1 < path.length) {
            addField(f.putArray("fields"), path, i + 1, type);
        }
    }

    private static Optional<String> text(JsonNode c, String field) {
        return c.hasNonNull(field) ? Optional.of(c.get(field).asText()) : Optional.empty();
    }
}
