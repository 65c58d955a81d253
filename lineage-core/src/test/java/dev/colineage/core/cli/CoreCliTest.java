package dev.colineage.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyze command's contract: JSON shape, exit codes, usage errors, jobs mode. */
class CoreCliTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CoreCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void jsonOutputHasTheContractShape() throws IOException {
        Path sql = file("q.sql", "SELECT SUM(amount) AS total FROM d.orders WHERE status = 'x'");
        Run r = run("analyze", "--project", "p", "--destination", "p.mart.t", sql.toString());
        assertEquals(0, r.code());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode edge = json.get("edges").get(1);
        assertEquals("p.d.orders.amount", edge.get("source").asText());
        assertEquals("p.mart.t.total", edge.get("target").asText());
        assertEquals("DIRECT", edge.get("type").asText());
        assertEquals("AGGREGATION", edge.get("subtype").asText());
        assertEquals(false, edge.get("masking").asBoolean());
        assertEquals("p.mart.t", json.get("edges").get(0).get("target").asText());
        assertEquals("FILTER", json.get("edges").get(0).get("subtype").asText());
        assertEquals("UNKNOWN_TABLE", json.get("diagnostics").get(0).get("code").asText());
        assertEquals(1, json.get("diagnostics").get(0).get("statement").asInt());
    }

    @Test
    void routinesFromInformationSchemaRowsAreTracedThroughTheirBodies() throws IOException {
        Path routines = file("routines.jsonl", """
                {"routine_catalog": "p", "routine_schema": "udf", "routine_name": "mask", "routine_type": "FUNCTION", "routine_body": "SQL", "ddl": "CREATE FUNCTION udf.mask(x STRING, y STRING) AS (SHA256(x))"}
                {"routine_catalog": "p", "routine_schema": "udf"}
                """);
        Path sql = file("q.sql", "SELECT udf.mask(email, name) AS h, udf.other(name) AS o FROM d.users");
        Run r = run("analyze", "--routines", routines.toString(), "--project", "p", "--destination", "p.mart.t",
                "--format", "text", sql.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("p.d.users.email  p.mart.t.h  DIRECT    TRANSFORMATION  yes"), r.out());
        assertTrue(!r.out().contains("p.d.users.name   p.mart.t.h"), "the body ignores y: " + r.out());
        assertTrue(r.out().contains("WARNING UNKNOWN_ROUTINE (statement 1): routine p.udf.other is not in the routines given"), r.out());
        assertEquals("routines " + routines + ": skipped line 2: 'routine_name' is missing or not a string\n", r.err());
        assertEquals(2, run("analyze", "--routines", dir.resolve("nope.jsonl").toString(), sql.toString()).code());
    }

    @Test
    void metadataDefinitionsAreAnalysedAndItsRoutinesJoinTheRoutinesFile() throws IOException {
        Path metadata = file("metadata.jsonl", """
                {"information_schema_view": "VIEWS", "table_catalog": "p", "table_schema": "m", "table_name": "v", "view_definition": "SELECT udf.key(email) AS k FROM `p.d.users`"}
                {"information_schema_view": "ROUTINES", "routine_catalog": "p", "routine_schema": "udf", "routine_name": "key", "routine_type": "FUNCTION", "routine_body": "SQL", "ddl": "CREATE FUNCTION udf.key(x STRING) AS (TO_HEX(MD5(x)))"}
                {"information_schema_view": "VIEWS", "table_catalog": "p", "table_schema": "m", "table_name": "broken", "view_definition": "SELECT FROM WHERE"}
                """);
        Run r = run("analyze", "--metadata", metadata.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode broken = new ObjectMapper().readTree(lines.get(0));
        assertEquals("definition:VIEW:p.m.broken", broken.get("job_id").asText());
        assertEquals("parse_error", broken.get("status").asText());
        JsonNode view = new ObjectMapper().readTree(lines.get(1));
        assertEquals("VIEW", view.get("kind").asText());
        assertEquals("{\"source\":\"p.d.users.email\",\"target\":\"p.m.v.k\",\"type\":\"DIRECT\",\"subtype\":\"TRANSFORMATION\",\"masking\":true}",
                view.get("edges").get(0).toString());
        assertEquals("definitions: 2 (2 VIEW), failed: 1, not analysable: 0\n", r.err());
        assertEquals(2, run("analyze", "--metadata", dir.resolve("nope.jsonl").toString()).code());
    }

    @Test
    void nothingParsedExitsOne() throws IOException {
        Run r = run("analyze", file("bad.sql", "SELEC nothing").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("\"PARSE_ERROR\""));
    }

    @Test
    void partlyParsedScriptExitsZero() throws IOException {
        Run r = run("analyze", "--destination", "p.d.t", file("s.sql", "SELEC x; SELECT a FROM p.d.u").toString());
        assertEquals(0, r.code());
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        Path sql = file("ok.sql", "SELECT 1");
        assertEquals(2, run().code());
        assertEquals(2, run("analyze", "--format", "xml", sql.toString()).code());
        assertEquals(2, run("analyze", "--frmat", "json", sql.toString()).code());
        assertEquals(2, run("analyze", dir.resolve("missing.sql").toString()).code());
        assertEquals(2, run("analyze", "--destination", "only.two", sql.toString()).code());
        assertEquals(2, run("analyze", "--catalog", dir.resolve("none.json").toString(), sql.toString()).code());
        assertEquals(2, run("analyze", "--jobs", sql.toString(), "--project", "p").code());
        assertEquals(2, run("frobnicate").code());
        assertTrue(run("analyze", "--format", "xml", sql.toString()).err().contains("--format must be json or text"));
    }

    @Test
    void jobsModePrintsOneLinePerJobAndSkipsMalformedRows() throws IOException {
        Path jobs = file("jobs.jsonl", String.join("\n",
                "{\"job_id\":\"j1\",\"project_id\":\"p\",\"query\":\"SELECT a FROM d.t\",\"statement_type\":\"SELECT\","
                        + "\"destination_table\":{\"project_id\":\"p\",\"dataset_id\":\"m\",\"table_id\":\"x\"},\"extra\":1}",
                "{oops",
                "{\"job_id\":\"j2\",\"query\":\"\"}",
                "{\"job_id\":\"j3\",\"project_id\":\"p\",\"query\":\"INSERT INTO d.x (a) SELECT b FROM d.t; SELEC\"}",
                ""));
        Run r = run("analyze", "--jobs", jobs.toString());
        assertEquals(0, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size());
        ObjectMapper json = new ObjectMapper();
        assertEquals("ok", json.readTree(lines.get(0)).get("status").asText());
        assertEquals("p.d.t.a", json.readTree(lines.get(0)).get("edges").get(0).get("source").asText());
        assertEquals("partial", json.readTree(lines.get(1)).get("status").asText());
        assertTrue(r.err().contains("line 2: skipped malformed job row"), r.err());
        assertTrue(r.err().contains("line 3: skipped malformed job row: no query text"), r.err());
        assertTrue(r.err().contains("jobs: 2 (2 malformed rows skipped)"), r.err());
    }

    @Test
    void textFormatListsEdgesAndDiagnostics() throws IOException {
        Run r = run("analyze", "--format", "text", file("t.sql", "CREATE TABLE p.d.b AS SELECT x FROM p.d.a").toString());
        assertEquals(0, r.code());
        assertTrue(r.out().contains("p.d.a.x  p.d.b.x  DIRECT    IDENTITY        no"), r.out());
        assertTrue(r.out().contains("WARNING UNKNOWN_TABLE (statement 1)"), r.out());
    }

    /** Issue 12's reproduction: one invalid UTF-8 byte no longer aborts the run nor loses the rows after it. */
    @Test
    void anInvalidUtf8ByteIsReplacedAndEveryRowIsRead() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            rows.append("{\"job_id\":\"j").append(i).append("\",\"query\":\"SELECT ").append(i == 1000 ? "\u0001BAD" : "1").append("\"}\n");
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        int bad = rows.indexOf("\u0001BAD");
        bytes[bad] = (byte) 0xff;   // not UTF-8 anywhere
        Path jobs = dir.resolve("bad.jsonl");
        Files.write(jobs, bytes);
        Run r = run("analyze", "--jobs", jobs.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2000, r.out().lines().count());
        assertTrue(r.err().contains("line 1001: invalid UTF-8 replaced by U+FFFD"), r.err());
        JsonNode row = new ObjectMapper().readTree(r.out().lines().skip(1000).findFirst().orElseThrow());
        assertEquals("j1000", row.get("job_id").asText());
        assertEquals("j1999", new ObjectMapper().readTree(r.out().lines().skip(1999).findFirst().orElseThrow()).get("job_id").asText());

        Path sql = dir.resolve("bad.sql");
        Files.write(sql, new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', 'a', ' ', 'F', 'R', 'O', 'M', ' ', 't', ' ', '-', '-', ' ', (byte) 0xc3});
        Run one = run("analyze", "--destination", "p.d.x", sql.toString());
        assertEquals(0, one.code(), one.err());
        assertTrue(one.err().contains("invalid UTF-8 replaced by U+FFFD"), one.err());
        assertTrue(one.out().contains("\"target\":\"p.d.x.a\""), one.out());
    }

    @Test
    void jobRowsAreNotCoercedAndNothingOnALineIsDroppedSilently() throws IOException {
        Path jobs = file("lax.jsonl", """
                {"job_id":"a","query":12345}
                {"job_id":1,"query":"SELECT 1"}
                {"job_id":"c","query":"SELECT 1"} {"job_id":"d","query":"SELECT 2"}
                {"job_id":"e","query":"SELECT 3"}
                """);
        Run r = run("analyze", "--jobs", jobs.toString());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.err().contains("line 1: skipped malformed job row: query is not a string"), r.err());
        assertTrue(r.err().contains("line 2: skipped malformed job row: job_id is not a string"), r.err());
        assertTrue(r.err().contains("line 3: skipped malformed job row: more than one JSON value on the line"), r.err());
    }
}
