package dev.colineage.graph.bench;

import dev.colineage.core.model.ColumnRef;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.model.Transformation;
import dev.colineage.core.model.Transformation.Subtype;
import dev.colineage.graph.write.QueryRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic synthetic warehouse of realistic shape for benchmarks: tables in four layers
 * (raw, staging, mart, report) with skewed widths; each derived table is built by one query from a few
 * earlier tables, popular tables and key columns (ids, dates) being read far more often than others,
 * as in a real warehouse.
 */
public final class SyntheticWarehouse {

    private static final String[] LAYERS = {"raw", "staging", "mart", "report"};
    private static final double[] LAYER_SHARE = {0.35, 0.30, 0.23, 0.12};

    private final List<List<ColumnRef>> tables = new ArrayList<>();
    private final List<Integer> layerOf = new ArrayList<>();
    private final List<QueryRecord> queries = new ArrayList<>();
    private int columns;
    private int edges;

    /** Builds about {@code targetColumns} columns and {@code targetEdges} column edges. */
    public SyntheticWarehouse(int targetColumns, int targetEdges, long seed) {
        this(targetColumns, targetEdges, 16, seed);
    }

    /** As above, with tables of 4 + about {@code meanExtraWidth} columns (fewer makes more tables). */
    public SyntheticWarehouse(int targetColumns, int targetEdges, int meanExtraWidth, long seed) {
        Random random = new Random(seed);
        for (int layer = 0; layer < LAYERS.length; layer++) {
            int layerColumns = (int) (targetColumns * LAYER_SHARE[layer]);
            int made = 0;
            while (made < layerColumns) {
                int width = Math.min(layerColumns - made, 4 + (int) (-Math.log(1 - random.nextDouble()) * meanExtraWidth));
                TableRef t = new TableRef("acme-prod", LAYERS[layer] + "_" + (tables.size() % 40), "t" + tables.size());
                List<ColumnRef> cols = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cols.add(t.column(c == 0 ? "id" : c == 1 ? "event_date" : "c" + c));
                }
                tables.add(cols);
                layerOf.add(layer);
                made += width;
            }
        }
        columns = tables.stream().mapToInt(List::size).sum();
        int derivedColumns = 0;
        for (int i = 0; i < tables.size(); i++) {
            derivedColumns += layerOf.get(i) > 0 ? tables.get(i).size() : 0;
        }
        double inputsPerColumn = Math.max(1.0, (double) targetEdges / Math.max(1, derivedColumns));
        Instant at = Instant.parse("2026-11-20T03:00:00Z");
        for (int i = 0; i < tables.size(); i++) {
            if (layerOf.get(i) == 0) {
                continue;
            }
            queries.add(query(i, inputsPerColumn, random, at));
        }
    }

    private QueryRecord query(int target, double inputsPerColumn, Random random, Instant at) {
        List<Integer> sources = new ArrayList<>();
        int k = 1 + random.nextInt(4);
        for (int s = 0; s < k; s++) {
            sources.add(skewedEarlierTable(target, random));
        }
        List<Edge> out = new ArrayList<>();
        Set<TableRef> reads = new LinkedHashSet<>();
        TableRef targetTable = tables.get(target).get(0).table();
        for (ColumnRef col : tables.get(target)) {
            // inputs per column: skewed around the mean (most columns copy one input, some combine many)
            int inputs = Math.max(1, (int) Math.round(-Math.log(1 - random.nextDouble()) * inputsPerColumn));
            for (int n = 0; n < inputs; n++) {
                List<ColumnRef> from = tables.get(sources.get(random.nextInt(sources.size())));
                ColumnRef source = from.get(skewedColumn(from.size(), random));
                reads.add(source.table());
                out.add(new Edge(source, col, transformation(random)));
            }
        }
        for (int sourceTable : sources) {
            // join keys and filters: the hot columns of each source
            List<ColumnRef> from = tables.get(sourceTable);
            out.add(new Edge(from.get(0), targetTable, Transformation.indirect(Subtype.JOIN)));
            if (from.size() > 1 && random.nextBoolean()) {
                out.add(new Edge(from.get(1), targetTable, Transformation.indirect(Subtype.FILTER)));
            }
        }
        edges += out.size();
        return new QueryRecord("fp-" + target, "-- synthetic query for " + targetTable.fqn(), "CREATE_TABLE_AS_SELECT",
                at, at, "job-" + target, Map.of(LocalDate.parse("2026-11-20"), 1), Set.of("etl@acme"), reads,
                Set.of(targetTable), out);
    }

    /** Earlier tables, the first of each layer popular (Zipf-like over the index). */
    private int skewedEarlierTable(int target, Random random) {
        int candidates = 0;
        while (candidates < target && layerOf.get(candidates) < layerOf.get(target)) {
            candidates++;
        }
        double u = random.nextDouble();
        return Math.min(candidates - 1, (int) (candidates * Math.pow(u, 3)));
    }

    private static int skewedColumn(int width, Random random) {
        double u = random.nextDouble();
        return u < 0.3 ? 0 : u < 0.45 ? Math.min(1, width - 1) : random.nextInt(width);
    }

    private static Transformation transformation(Random random) {
        double u = random.nextDouble();
        if (u < 0.5) {
            return Transformation.IDENTITY;
        }
        if (u < 0.8) {
            return u < 0.78 ? Transformation.TRANSFORMATION : Transformation.TRANSFORMATION.masked();
        }
        if (u < 0.95) {
            return Transformation.AGGREGATION;
        }
        return Transformation.indirect(u < 0.975 ? Subtype.CONDITIONAL : Subtype.WINDOW);
    }

    /** Tables built, in layer order. */
    public int tables() {
        return tables.size();
    }

    public List<QueryRecord> queries() {
        return queries;
    }

    public int columns() {
        return columns;
    }

    public int edges() {
        return edges;
    }

    /** Every column, for picking traversal starts. */
    public List<ColumnRef> allColumns() {
        List<ColumnRef> all = new ArrayList<>();
        tables.forEach(all::addAll);
        return all;
    }

    /** Columns of the raw and staging layers: where a schema change has something downstream. */
    public List<ColumnRef> upstreamColumns() {
        List<ColumnRef> all = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            if (layerOf.get(i) <= 1) {
                all.addAll(tables.get(i));
            }
        }
        return all;
    }
}
