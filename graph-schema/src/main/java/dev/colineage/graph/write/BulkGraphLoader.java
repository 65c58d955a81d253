package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * The offline bulk path for a first load: writes the same graph as {@link LineageGraphWriter} as CSV
 * files and builds a brand-new store from them with Neo4j's own importer, which writes store files
 * directly instead of running a transaction per batch. It only ever creates a new store, while no
 * server runs on it; every later write goes through the idempotent online writer. Constraints and
 * indexes are created by the migrations when the store is opened.
 */
public final class BulkGraphLoader {

    /** Separates array elements: a control character no fingerprint, user or date contains. */
    private static final char ARRAY_DELIMITER = '\u001F';

    private BulkGraphLoader() {
    }

    /**
     * Builds a new store under {@code home} (the embedded server's data directory) from the records.
     *
     * @throws IllegalStateException when {@code home} already holds a lineage database
     */
    public static WriteSummary load(Path home, List<QueryRecord> records, Catalog catalog) {
        Path database = home.resolve("data/databases/neo4j");
        if (Files.isDirectory(database) && hasFiles(database)) {
            throw new IllegalStateException("bulk load only builds a new store; " + database + " exists");
        }
        long start = System.nanoTime();
        GraphRows rows = GraphRows.of(records, catalog);
        long rowsMillis = (System.nanoTime() - start) / 1_000_000;
        Path csv;
        try {
            csv = Files.createTempDirectory("colineage-bulk");
            Files.createDirectories(home.resolve("conf"));
            // integer ids: the importer maps them far faster than strings; fqn stays a property
            Map<Object, Long> tableIds = ids(rows.tables(), "fqn");
            Map<Object, Long> columnIds = ids(rows.columns(), "fqn");
            Map<Object, Long> queryIds = ids(rows.queries(), "fingerprint");
            write(csv.resolve("tables.csv"), ":ID(Table),fqn,project,dataset,name,search_name,kind,:LABEL",
                    rows.tables(), r -> List.of(tableIds.get(r.get("fqn")), r.get("fqn"), r.get("project"), r.get("dataset"),
                            r.get("name"), r.get("search"), r.get("kind"), "Table"));
            write(csv.resolve("columns.csv"), ":ID(Column),fqn,name,path,table_fqn,search_name,type,policy_tag,:LABEL",
                    rows.columns(), r -> java.util.Arrays.asList(columnIds.get(r.get("fqn")), r.get("fqn"), r.get("name"),
                            r.get("path"), r.get("table"), r.get("search"), r.get("type"), r.get("policy_tag"), "Column"));
            write(csv.resolve("queries.csv"), ":ID(Query),fingerprint,sample_sql,statement_type,first_seen:datetime,"
                            + "last_seen:datetime,last_job_id,users:string[],run_days:string[],run_count:long,:LABEL",
                    rows.queries(), r -> List.of(queryIds.get(r.get("fingerprint")), r.get("fingerprint"), r.get("sample_sql"),
                            r.get("statement_type"), r.get("first_seen"), r.get("last_seen"), r.get("last_job_id"),
                            r.get("users"), runDays(r), runCount(r), "Query"));
            write(csv.resolve("has_column.csv"), ":START_ID(Table),:END_ID(Column),:TYPE",
                    rows.columns(), r -> List.of(tableIds.get(r.get("table")), columnIds.get(r.get("fqn")), "HAS_COLUMN"));
            String edgeHeader = ",type,subtype,masking:boolean,first_seen:datetime,last_seen:datetime,last_job_id,"
                    + "fingerprints:string[],query_count:long,:TYPE";
            write(csv.resolve("feeds.csv"), ":START_ID(Column),:END_ID(Column)" + edgeHeader, rows.feeds(),
                    r -> edge(r, columnIds.get(r.get("source")), columnIds.get(r.get("target")), "FEEDS"));
            write(csv.resolve("influences.csv"), ":START_ID(Column),:END_ID(Table)" + edgeHeader, rows.influences(),
                    r -> edge(r, columnIds.get(r.get("source")), tableIds.get(r.get("target")), "INFLUENCES"));
            write(csv.resolve("feeds_table.csv"), ":START_ID(Table),:END_ID(Table),direct:boolean,last_seen:datetime,:TYPE",
                    rows.tableFeeds(), r -> List.of(tableIds.get(r.get("source")), tableIds.get(r.get("target")), r.get("direct"),
                            r.get("last_seen"), "FEEDS_TABLE"));
            write(csv.resolve("reads.csv"), ":START_ID(Query),:END_ID(Table),:TYPE", expand(rows.queries(), "reads"),
                    r -> List.of(queryIds.get(r.get("fingerprint")), tableIds.get(r.get("table")), "READS"));
            write(csv.resolve("writes.csv"), ":START_ID(Query),:END_ID(Table),:TYPE", expand(rows.queries(), "writes"),
                    r -> List.of(queryIds.get(r.get("fingerprint")), tableIds.get(r.get("table")), "WRITES"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bulk-load files", e);
        }
        long csvMillis = (System.nanoTime() - start) / 1_000_000 - rowsMillis;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), logStream, logStream,
                new DefaultFileSystemAbstraction());
        int exit = new CommandLine(new ImportCommand.Full(context)).execute(
                "--nodes=" + csv.resolve("tables.csv"), "--nodes=" + csv.resolve("columns.csv"),
                "--nodes=" + csv.resolve("queries.csv"),
                "--relationships=" + csv.resolve("has_column.csv"), "--relationships=" + csv.resolve("feeds.csv"),
                "--relationships=" + csv.resolve("influences.csv"), "--relationships=" + csv.resolve("feeds_table.csv"),
                "--relationships=" + csv.resolve("reads.csv"), "--relationships=" + csv.resolve("writes.csv"),
                // sample SQL spans lines; measured: multi-line parsing does not slow this import down
                "--array-delimiter=" + ARRAY_DELIMITER, "--multiline-fields=true", "--overwrite-destination=true",
                "--id-type=INTEGER", "--skip-bad-relationships=false", "neo4j");
        dev.colineage.graph.store.Directories.deleteTree(csv);
        try {
            Files.writeString(home.resolve("bulk-import.log"), log.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the report is a convenience
        }
        if (exit != 0) {
            throw new IllegalStateException("Neo4j import failed (exit " + exit + "):\n" + log.toString(StandardCharsets.UTF_8));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new WriteSummary(rows.tables().size(), rows.columns().size(), rows.feeds().size(), rows.influences().size(),
                rows.queries().size(), millis, Map.of("rows", rowsMillis, "csv", csvMillis,
                        "import", millis - rowsMillis - csvMillis));
    }

    private static Map<Object, Long> ids(List<Map<String, Object>> rows, String key) {
        Map<Object, Long> ids = new java.util.HashMap<>(rows.size() * 2);
        for (Map<String, Object> r : rows) {
            ids.put(r.get(key), (long) ids.size());
        }
        return ids;
    }

    private static List<Object> edge(Map<String, Object> r, long source, long target, String type) {
        @SuppressWarnings("unchecked")
        List<String> fingerprints = (List<String>) r.get("fingerprints");
        return List.of(source, target, r.get("type"), r.get("subtype"), r.get("masking"),
                r.get("first_seen"), r.get("last_seen"), r.get("last_job_id"), fingerprints, (long) fingerprints.size(), type);
    }

    @SuppressWarnings("unchecked")
    private static List<String> runDays(Map<String, Object> r) {
        List<String> days = (List<String>) r.get("days");
        List<Long> counts = (List<Long>) r.get("counts");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            out.add(days.get(i) + "=" + counts.get(i));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static long runCount(Map<String, Object> r) {
        return ((List<Long>) r.get("counts")).stream().mapToLong(Long::longValue).sum();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expand(List<Map<String, Object>> queries, String key) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Map<String, Object> q : queries) {
            for (String table : (List<String>) q.get(key)) {
                out.add(Map.of("fingerprint", q.get("fingerprint"), "table", table));
            }
        }
        return out;
    }

    private static void write(Path file, String header, List<Map<String, Object>> rows,
                              java.util.function.Function<Map<String, Object>, List<Object>> fields) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header);
            w.write('\n');
            StringBuilder line = new StringBuilder(256);
            for (Map<String, Object> row : rows) {
                line.setLength(0);
                List<Object> values = fields.apply(row);
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    append(line, values.get(i));
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    /**
     * One CSV field: strings and arrays quoted (quotes doubled), numbers and booleans bare, and null as
     * an empty unquoted field, which the importer reads as "no property" (a quoted "" is an empty string).
     */
    private static void append(StringBuilder line, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean || value instanceof Number) {
            line.append(value);
            return;
        }
        String text = value instanceof List<?> list
                ? String.join(String.valueOf(ARRAY_DELIMITER), list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    private static boolean hasFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }
}
