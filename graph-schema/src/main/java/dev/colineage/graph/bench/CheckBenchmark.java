package dev.colineage.graph.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.model.ColumnRef;
import dev.colineage.graph.check.ChangeFile;
import dev.colineage.graph.check.CheckOptions;
import dev.colineage.graph.check.CheckReport;
import dev.colineage.graph.check.SchemaChangeCheck;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.store.GraphStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code colineage bench check}: the plan benchmark's synthetic warehouse (~20k tables) bulk-loaded into a fresh
 * embedded Neo4j, then {@code colineage check} for DDL on its most widely read raw columns and tables (drop,
 * retype, drop table), each timed as the check itself runs it (the read model's freshness probe, reading the
 * DDL, the walks, the report). Prints each change's reach and time, then the widest change {@code --repeat}
 * times, and last one JSON line.
 */
public final class CheckBenchmark {

    private CheckBenchmark() {
    }

    public static int run(List<String> args, PrintStream out) {
        int tables = 20_000;
        int repeat = 9;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--tables" -> tables = Integer.parseInt(args.get(i + 1));
                case "--repeat" -> repeat = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + " (known: --tables, --repeat)");
            }
        }
        if (repeat < 1 || args.size() % 2 != 0) {
            throw new IllegalArgumentException("usage: bench check [--tables N] [--repeat N]");
        }
        try (LoadedWarehouse loaded = LoadedWarehouse.planSized(tables, "colineage-bench-check", out)) {
            SyntheticWarehouse warehouse = loaded.warehouse;
            GraphStore store = loaded.store;
            LineageGraphs graphs = new LineageGraphs(store.driver(), Duration.ofSeconds(60), Duration.ZERO);
            long l = System.nanoTime();
            graphs.fresh();
            out.printf("read model loaded in %d ms (serve holds it already; a check from the command line loads it once)%n",
                    (System.nanoTime() - l) / 1_000_000);
            SchemaChangeCheck check = new SchemaChangeCheck(graphs);
            CheckOptions options = CheckOptions.defaults();
            List<ColumnRef> top = warehouse.upstreamColumns().stream().limit(3).toList();
            List<String> changes = new ArrayList<>();
            for (ColumnRef c : top) {
                changes.add("ALTER TABLE `" + c.table().fqn() + "` DROP COLUMN " + c.name());
                changes.add("ALTER TABLE `" + c.table().fqn() + "` ALTER COLUMN " + c.name() + " SET DATA TYPE STRING");
            }
            changes.add("DROP TABLE `" + top.get(0).table().fqn() + "`");
            long w = System.nanoTime();
            check.check(List.of(file(changes.get(0))), options);
            out.printf("first check, building the catalog of the graph's tables (%d ms): later checks reuse it until lineage"
                    + " changes%n", (System.nanoTime() - w) / 1_000_000);
            String widest = null;
            CheckReport widestReport = null;
            for (String sql : changes) {
                long s = System.nanoTime();
                CheckReport r = check.check(List.of(file(sql)), options);
                long ms = (System.nanoTime() - s) / 1_000_000;
                out.printf("%s: %s, %d tables and %d columns downstream, %d queries fail, %d change; check in %d ms%n", sql,
                        r.severity().label(), r.summary().affectedTables(), r.summary().affectedColumns(), r.summary().breakingQueries(),
                        r.summary().changingQueries(), ms);
                if (widestReport == null || r.summary().affectedTables() > widestReport.summary().affectedTables()) {
                    widest = sql;
                    widestReport = r;
                }
            }
            String change = widest;
            long[] times = LoadedWarehouse.timed(repeat, () -> check.check(List.of(file(change)), options));
            out.printf("the widest change %d more times: median %.1f ms, min %.1f ms, max %.1f ms%n", repeat, times[repeat / 2] / 1e3,
                    times[0] / 1e3, times[repeat - 1] / 1e3);
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("change", widest);
            last.put("affected_tables", widestReport.summary().affectedTables());
            last.put("affected_columns", widestReport.summary().affectedColumns());
            last.put("breaking_queries", widestReport.summary().breakingQueries());
            last.put("repeat", repeat);
            last.put("median_ms", times[repeat / 2] / 1e3);
            last.put("min_ms", times[0] / 1e3);
            last.put("max_ms", times[repeat - 1] / 1e3);
            out.println(new ObjectMapper().writeValueAsString(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static ChangeFile file(String sql) {
        return new ChangeFile("change.sql", sql, Optional.empty());
    }
}
