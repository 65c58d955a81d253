package dev.colineage.graph.write;

import dev.colineage.core.catalog.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    private BulkGraphLoader() {
    }

    /**
     * Builds a new store under {@code home} (the embedded server's data directory) from the records.
     *
     * @throws IllegalStateException when {@code home} already holds a lineage database
     */
    public static WriteSummary load(Path home, List<QueryRecord> records, Catalog catalog) {
        if (!isNewStore(home)) {
            throw new IllegalStateException("bulk load only builds a new store; " + database(home) + " exists");
        }
        long start = System.nanoTime();
        GraphRows rows = GraphRows.of(records, catalog);
        long rowsMillis = (System.nanoTime() - start) / 1_000_000;
        Path csv;
        List<String> multiline = new ArrayList<>();
        try {
            csv = Files.createTempDirectory("colineage-bulk");
            Files.createDirectories(home.resolve("conf"));
            // integer ids (a row's position in its list): the importer maps them far faster than strings
            try (CsvFile f = new CsvFile(csv.resolve("tables.csv"), ":ID(Table),fqn,project,dataset,name,search_name,kind,:LABEL")) {
                for (int i = 0; i < rows.tables().size(); i++) {
                    GraphRows.TableRow t = rows.tables().get(i);
                    f.id(i).text(t.fqn()).text(t.project()).text(t.dataset()).text(t.name()).text(t.searchName())
                            .text(t.kind()).text("Table").end();
                }
                f.markIfMultiline(multiline);
            }
            try (CsvFile f = new CsvFile(csv.resolve("columns.csv"),
                    ":ID(Column),fqn,name,path,table_fqn,search_name,type,policy_tag,:LABEL")) {
                for (int i = 0; i < rows.columns().size(); i++) {
                    GraphRows.ColumnRow c = rows.columns().get(i);
                    f.id(i).text(c.fqn()).text(c.name()).text(c.path()).text(c.table()).text(c.searchName())
                            .text(c.type()).text(c.policyTag()).text("Column").end();
                }
                f.markIfMultiline(multiline);
            }
            try (CsvFile f = new CsvFile(csv.resolve("queries.csv"), ":ID(Query),fingerprint,sample_sql,statement_type,kind,"
                    + "first_seen:datetime,last_seen:datetime,last_job_id,users:string[],run_days:string[],run_count:long,:LABEL")) {
                for (int i = 0; i < rows.queries().size(); i++) {
                    GraphRows.QueryRow q = rows.queries().get(i);
                    f.id(i).text(q.fingerprint()).text(q.sampleSql()).text(q.statementType()).text(q.kind().name()).time(q.firstSeen())
                            .time(q.lastSeen()).text(q.lastJobId()).array(q.users()).array(q.runDays()).id(q.runCount())
                            .text("Query").end();
                }
                f.markIfMultiline(multiline);
            }
            try (CsvFile f = new CsvFile(csv.resolve("run_days.csv"), ":ID(RunDay),key,fingerprint,day:date,runs:string[],:LABEL")) {
                for (int i = 0; i < rows.runDays().size(); i++) {
                    GraphRows.RunDayRow d = rows.runDays().get(i);
                    f.id(i).text(d.key()).text(d.fingerprint()).text(d.day().toString()).array(d.runs()).text("RunDay").end();
                }
            }
            try (CsvFile f = new CsvFile(csv.resolve("has_column.csv"), ":START_ID(Table),:END_ID(Column),:TYPE")) {
                for (int i = 0; i < rows.columns().size(); i++) {
                    f.id(rows.columns().get(i).tableIndex()).id(i).text("HAS_COLUMN").end();
                }
            }
            String edgeHeader = ",type,subtype,masking:boolean,first_seen:datetime,last_seen:datetime,last_job_id,"
                    + "fingerprints:string[],query_count:long,:TYPE";
            edges(csv.resolve("feeds.csv"), ":START_ID(Column),:END_ID(Column)" + edgeHeader, rows.feeds(), "FEEDS", multiline);
            edges(csv.resolve("influences.csv"), ":START_ID(Column),:END_ID(Table)" + edgeHeader, rows.influences(),
                    "INFLUENCES", multiline);
            try (CsvFile f = new CsvFile(csv.resolve("feeds_table.csv"),
                    ":START_ID(Table),:END_ID(Table),direct:boolean,last_seen:datetime,:TYPE")) {
                for (GraphRows.TableFeedRow t : rows.tableFeeds()) {
                    f.id(t.sourceIndex()).id(t.targetIndex()).bool(t.direct()).time(t.lastSeen()).text("FEEDS_TABLE").end();
                }
            }
            Map<String, Integer> tableIds = new HashMap<>(rows.tables().size() * 2);
            for (int i = 0; i < rows.tables().size(); i++) {
                tableIds.put(rows.tables().get(i).fqn(), i);
            }
            try (CsvFile reads = new CsvFile(csv.resolve("reads.csv"), ":START_ID(Query),:END_ID(Table),:TYPE");
                 CsvFile writes = new CsvFile(csv.resolve("writes.csv"), ":START_ID(Query),:END_ID(Table),:TYPE")) {
                for (int i = 0; i < rows.queries().size(); i++) {
                    for (String t : rows.queries().get(i).reads()) {
                        reads.id(i).id(tableIds.get(t)).text("READS").end();
                    }
                    for (String t : rows.queries().get(i).writes()) {
                        writes.id(i).id(tableIds.get(t)).text("WRITES").end();
                    }
                    for (String t : rows.queries().get(i).drops()) {
                        writes.id(i).id(tableIds.get(t)).text("DROPS").end();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bulk-load files", e);
        }
        long csvMillis = (System.nanoTime() - start) / 1_000_000 - rowsMillis;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), logStream, logStream,
                new DefaultFileSystemAbstraction());
        CommandLine command = new CommandLine(new ImportCommand.Full(context));
        // usage errors and exceptions go to the log, which a failure reports
        command.setErr(new java.io.PrintWriter(logStream, true));
        command.setOut(new java.io.PrintWriter(logStream, true));
        int exit = command.execute(
                "--nodes=" + csv.resolve("tables.csv"), "--nodes=" + csv.resolve("columns.csv"),
                "--nodes=" + csv.resolve("queries.csv"), "--nodes=" + csv.resolve("run_days.csv"),
                "--relationships=" + csv.resolve("has_column.csv"), "--relationships=" + csv.resolve("feeds.csv"),
                "--relationships=" + csv.resolve("influences.csv"), "--relationships=" + csv.resolve("feeds_table.csv"),
                "--relationships=" + csv.resolve("reads.csv"), "--relationships=" + csv.resolve("writes.csv"),
                // sample SQL spans lines: only files holding a line break are parsed as multi-line, the rest
                // can be split into chunks and parsed in parallel
                "--array-delimiter=" + CsvFile.ARRAY_DELIMITER,
                // (naming files needs the importer's v2 multi-line format)
                "--multiline-fields=" + (multiline.isEmpty() ? "false" : String.join(",", multiline)),
                "--multiline-fields-format=" + (multiline.isEmpty() ? "v1" : "v2"),
                "--overwrite-destination=true", "--id-type=INTEGER", "--skip-bad-relationships=false",
                // the importer's report goes with its input, not into the working directory
                "--report-file=" + csv.resolve("import.report"), "neo4j");
        dev.colineage.graph.store.Directories.deleteTree(csv);
        try {
            Files.writeString(home.resolve("bulk-import.log"), log.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the report is a convenience
        }
        if (exit != 0) {
            // leave no half-built store behind: a new attempt must find the place empty again
            dev.colineage.graph.store.Directories.deleteTree(database(home));
            dev.colineage.graph.store.Directories.deleteTree(home.resolve("data/transactions/neo4j"));
            throw new IllegalStateException("Neo4j import failed (exit " + exit + "):\n" + log.toString(StandardCharsets.UTF_8));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new WriteSummary(rows.tables().size(), rows.columns().size(), rows.feeds().size(), rows.influences().size(),
                rows.queries().size(), millis, Map.of("rows", rowsMillis, "csv", csvMillis,
                        "import", millis - rowsMillis - csvMillis));
    }

    private static void edges(Path file, String header, List<GraphRows.EdgeRow> edges, String type, List<String> multiline)
            throws IOException {
        try (CsvFile f = new CsvFile(file, header)) {
            for (GraphRows.EdgeRow e : edges) {
                f.id(e.sourceIndex()).id(e.targetIndex()).text(e.transformation().type().name())
                        .text(e.transformation().subtype().name()).bool(e.transformation().masking()).time(e.firstSeen())
                        .time(e.lastSeen()).text(e.lastJobId()).array(e.fingerprints()).id(e.fingerprints().size())
                        .text(type).end();
            }
            f.markIfMultiline(multiline);
        }
    }

    /** Whether {@code home} (an embedded server's data directory) holds no lineage database yet. */
    public static boolean isNewStore(Path home) {
        Path database = database(home);
        return !Files.isDirectory(database) || !hasFiles(database);
    }

    private static Path database(Path home) {
        return home.resolve("data/databases/neo4j");
    }

    private static boolean hasFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }
}
