package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code colineage check} on the sample warehouse, from the command line (over Bolt, and over HTTP with
 * {@code --url}) and as {@code POST /api/v1/check}: exact reports for a column dropped where only a JOIN
 * reads it, a column retyped on its way through a hash, a view's new version, and an unknown table.
 */
class CheckTest extends ApiTestSupport {

    private static final Path EXAMPLES = Path.of("..", "examples", "check");
    private static Path dir;

    @BeforeAll
    static void files() throws IOException {
        server();
        dir = Files.createTempDirectory("colineage-check-test");
        // the README's examples, under the names the expected outputs give them
        for (String example : List.of("drop_order_id.sql", "retype_email.sql", "vw_contactable_customers.sql")) {
            Files.copy(EXAMPLES.resolve(example), dir.resolve(example));
        }
        Files.copy(EXAMPLES.resolve("fct_orders_insert.sql"), dir.resolve("fct_orders.sql"));
        write("unknown.sql", "ALTER TABLE mart.dim_customers DROP COLUMN age_band;\n");
        write("drop_dim_customer.sql", "DROP TABLE acme-shop.mart.dim_customer;\n");
        write("add_column.sql", "ALTER TABLE mart.dim_customer ADD COLUMN IF NOT EXISTS loyalty_tier STRING;\n");
        Path etl = Files.createDirectories(dir.resolve("sql/acme-shop/staging/stg_payments"));
        Files.writeString(etl.resolve("query.sql"), "SELECT order_id, amount, method, card_number AS card_last4 FROM raw.payments\n");
    }

    private static void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    /** What a run printed and returned. */
    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>();
        for (String a : args) {
            all.add(a.endsWith(".sql") ? dir.resolve(a).toString() : a);
        }
        int exit = CheckCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        // the report names files as given: the temporary directory is left out for comparing
        String prefix = dir + "/";
        return new Run(exit, out.toString(StandardCharsets.UTF_8).replace(prefix, ""), err.toString(StandardCharsets.UTF_8).replace(prefix, ""));
    }

    private static String bolt() {
        return store().embedded().orElseThrow().boltUri();
    }

    private static String expected(String name) {
        try (InputStream in = CheckTest.class.getResourceAsStream("/check/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing test resource check/" + name));
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    @Test
    void aColumnReadOnlyInAJoinBreaksTheQueryThatJoinsOnIt() throws IOException {
        Run text = cli("--neo4j", bolt(), "drop_order_id.sql");
        assertEquals(1, text.exit(), text.err());
        assertEquals(expected("drop_order_id.txt"), text.out());
        Run json = cli("--neo4j", bolt(), "--format", "json", "drop_order_id.sql");
        assertEquals(1, json.exit());
        JsonNode r = JSON.readTree(json.out());
        assertEquals("breaking", r.path("severity").asText());
        assertEquals(List.of("acme-shop.staging.stg_payments.order_id"), texts(r.path("changed_columns"), "column"));
        assertEquals(1, r.path("breaking_queries").size());
        JsonNode insert = r.path("breaking_queries").get(0);
        assertEquals("INSERT", insert.path("statement_type").asText());
        assertEquals(31, insert.path("run_count").asInt());
        assertEquals(List.of("airflow@acme-shop.iam.gserviceaccount.com"), JSON.convertValue(insert.path("users"), List.class));
        assertEquals("{\"column\":\"acme-shop.staging.stg_payments.order_id\",\"use\":\"JOIN\"}", insert.path("reasons").get(0).toString());
        assertEquals(0, r.path("changing_queries").size());
        assertEquals(58, r.path("affected_columns").size());
        assertEquals("acme-shop.mart.fct_orders", r.path("affected_tables").get(0).path("table").asText());
        assertEquals(15, r.path("summary").path("affected_tables").asInt());
        Run markdown = cli("--neo4j", bolt(), "--format", "markdown", "drop_order_id.sql");
        assertEquals(expected("drop_order_id.md"), markdown.out());
    }

    @Test
    void aColumnRetypedThroughAHashChangesResultsMasked() throws IOException {
        Run text = cli("--neo4j", bolt(), "retype_email.sql");
        assertEquals(0, text.exit(), text.err());
        assertEquals(expected("retype_email.txt"), text.out());
        JsonNode r = JSON.readTree(cli("--neo4j", bolt(), "--format", "json", "retype_email.sql").out());
        assertEquals("changing", r.path("severity").asText());
        List<String> masked = StreamSupport.stream(r.path("affected_columns").spliterator(), false)
                .filter(c -> c.path("masked").asBoolean()).map(c -> c.path("column").asText()).toList();
        assertEquals(List.of("acme-shop.staging.stg_customers.email_hash", "acme-shop.mart.dim_customer.email_hash",
                "acme-shop.mart.vw_contactable_customers.email_token", "acme-shop.mart.crm_audience.email_token",
                "acme-shop.mart.promo_targets.email_hash", "acme-shop.mart.vw_active_customers.email_hash"), masked);
        assertTrue(texts(r.path("affected_columns"), "column").contains("acme-shop.mart.marketing_contacts.email"));
        assertTrue(!texts(r.path("affected_columns"), "column").contains("acme-shop.mart.newsletter_subscribers.email"),
                "the newsletter pipeline is retired: not current lineage");
    }

    @Test
    void aViewsNewVersionIsItsLineageDifference() {
        Run text = cli("--neo4j", bolt(), "vw_contactable_customers.sql");
        assertEquals(0, text.exit(), text.err());
        assertEquals(expected("vw_contactable_customers.txt"), text.out());
    }

    @Test
    void aScheduledQueryInBigQueryEtlsLayoutWritesItsDirectorysTable() {
        Run text = cli("--neo4j", bolt(), "--format", "json", "sql/acme-shop/staging/stg_payments/query.sql");
        assertEquals(0, text.exit(), text.err());
        JsonNode r;
        try {
            r = JSON.readTree(text.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // card_last4 now copies the whole card number: rewritten, and what reads it changes
        assertEquals(List.of("acme-shop.staging.stg_payments.card_last4", "acme-shop.staging.stg_payments"),
                texts(r.path("changed_columns"), "column"));
        assertEquals(List.of("REWRITTEN", "ROWS_CHANGED"), texts(r.path("changed_columns"), "change"));
    }

    @Test
    void aDroppedTableBreaksItsReadersAndTheDmlWritingIt() throws IOException {
        Run run = cli("--neo4j", bolt(), "--format", "json", "drop_dim_customer.sql");
        assertEquals(1, run.exit(), run.err());
        JsonNode r = JSON.readTree(run.out());
        List<String> why = new ArrayList<>();
        for (JsonNode q : r.path("breaking_queries")) {
            List<String> reasons = new ArrayList<>();
            q.path("reasons").forEach(x -> reasons.add(x.path("column").asText().replace("acme-shop.mart.dim_customer.", "") + " "
                    + x.path("use").asText()));
            why.add(q.path("statement_type").asText() + " " + q.path("kind").asText() + ": " + String.join(", ", reasons));
        }
        assertEquals(List.of(
                "SCRIPT JOB: age_band SELECT, country SELECT, customer_id JOIN",
                "INSERT JOB: country SELECT, customer_id JOIN",
                "MERGE JOB: age_band WRITE, country WRITE, customer_id JOIN, customer_id WRITE, email_hash WRITE, signup_date WRITE",
                "CREATE_TABLE_AS_SELECT JOB: age_band FILTER, country SELECT, customer_id SELECT, email_hash SELECT",
                "CREATE_VIEW DEFINITION: age_band SELECT, country SELECT, customer_id SELECT, customer_id JOIN, email_hash SELECT, signup_date SELECT",
                "CREATE_VIEW JOB: age_band SELECT, country SELECT, customer_id SELECT, customer_id JOIN, email_hash SELECT, signup_date SELECT"),
                why);
        assertEquals(List.of("age_band", "country", "customer_id", "email_hash", "signup_date"), texts(r.path("changed_columns"), "column")
                .stream().map(c -> c.substring(c.lastIndexOf('.') + 1)).toList());
    }

    @Test
    void anAppendingQuerysNewVersionNoLongerWritingAColumnChangesItsReaders() {
        Run text = cli("--neo4j", bolt(), "fct_orders.sql");
        assertEquals(0, text.exit(), text.err());
        assertEquals(expected("fct_orders.txt"), text.out());
    }

    @Test
    void anUnknownTableIsAClearErrorAndUsageMistakesExit2() {
        Run unknown = cli("--neo4j", bolt(), "unknown.sql");
        assertEquals(2, unknown.exit());
        assertEquals("", unknown.out());
        assertEquals("colineage: unknown.sql: statement 1: the lineage graph has no table mart.dim_customers in any project"
                + " (did you mean acme-shop.mart.dim_customer?)\n", unknown.err());
        Run added = cli("--neo4j", bolt(), "--format", "json", "add_column.sql");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().startsWith("{\"severity\":\"none\""), added.out());
        assertEquals(2, cli("--format", "yaml", "drop_order_id.sql").exit());
        assertEquals(2, cli("--neo4j", bolt()).exit());
        assertEquals(2, cli("--url", "ftp://x", "drop_order_id.sql").exit());
        assertEquals(2, cli("--neo4j", bolt(), "missing.sql").exit());
        // nothing to check against is no verdict: never exit 1, which says "breaking" to a pull request
        Run noGraph = cli("--neo4j", "bolt://127.0.0.1:1", "drop_order_id.sql");
        assertEquals(2, noGraph.exit());
        assertTrue(noGraph.err().startsWith("colineage: check failed: the lineage graph cannot be read: Unable to connect"), noGraph.err());
        Run noServer = cli("--url", "http://127.0.0.1:1", "drop_order_id.sql");
        assertEquals(2, noServer.exit());
        assertEquals("colineage: check failed: ConnectException (http://127.0.0.1:1)\n", noServer.err());
    }

    @Test
    void theApiAnswersWhatTheCommandLineDoes() throws IOException {
        // over HTTP, the command line gives the same report as over Bolt
        Run local = cli("--neo4j", bolt(), "--format", "json", "drop_order_id.sql", "vw_contactable_customers.sql");
        Run remote = cli("--url", base(), "--format", "json", "drop_order_id.sql", "vw_contactable_customers.sql");
        assertEquals(1, remote.exit(), remote.err());
        assertEquals(local.out(), remote.out());
        String body = JSON.writeValueAsString(Map.of("files", List.of(Map.of("name", "drop_order_id.sql",
                "sql", Files.readString(dir.resolve("drop_order_id.sql"))))));
        Reply markdown = send("POST", "/api/v1/check?format=markdown", null, body);
        assertEquals(200, markdown.status());
        assertEquals(expected("drop_order_id.md"), markdown.body());
        Reply unknown = send("POST", "/api/v1/check", null, JSON.writeValueAsString(Map.of("files", List.of(Map.of("name", "u.sql",
                "sql", "ALTER TABLE mart.nope DROP COLUMN x")))));
        assertEquals(422, unknown.status());
        assertEquals("u.sql: statement 1: the lineage graph has no table mart.nope in any project", unknown.json().path("detail").asText());
        assertEquals(400, send("POST", "/api/v1/check", null, "{\"files\": []}").status());
        assertEquals("files[0].sql", send("POST", "/api/v1/check", null, "{\"files\": [{\"name\": \"a.sql\"}]}").json()
                .path("title").asText().replace("Bad parameter: ", ""));
        assertEquals(400, send("POST", "/api/v1/check", null, "{\"files\": [{\"name\": \"a.sql\", \"sql\": \"SELECT 1\","
                + " \"destination\": \"not a table\"}]}").status());
        Reply typo = send("POST", "/api/v1/check", null, JSON.writeValueAsString(Map.of("files", List.of(Map.of("name", "a.sql",
                "sql", "ALTER TABLE acme-shop.raw.customers DROP COLUMN phone")), "projekt", "acme-shop")));
        assertEquals(400, typo.status(), typo.body());
        assertTrue(typo.json().path("detail").asText().contains("\"projekt\""), typo.body());
        assertEquals(400, send("POST", "/api/v1/check?format=pdf", null, body).status());
    }
}
