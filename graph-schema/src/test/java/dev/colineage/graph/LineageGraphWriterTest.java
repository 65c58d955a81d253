package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import dev.colineage.graph.write.GraphUnavailableException;
import dev.colineage.graph.write.LineageGraphWriter;
import dev.colineage.graph.write.QueryRecord;
import dev.colineage.graph.write.WriteSummary;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

class LineageGraphWriterTest extends GraphTestSupport {

    private static final Instant T1 = Instant.parse("2026-11-20T03:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-21T03:00:00Z");

    private static final String SQL = """
            CREATE TABLE mart.contacts AS
            SELECT u.user_id, TO_HEX(SHA256(u.email)) AS email_hash, o.total
            FROM raw.users u JOIN raw.orders o ON u.user_id = o.user_id
            WHERE u.country = 'DE'
            """;

    @Test
    void writesTheModel() {
        WriteSummary s = new LineageGraphWriter(driver()).write(List.of(record("q1", SQL, "job-1", T1, "ana@x")), Catalog.empty());
        assertEquals(3, s.tables());
        assertEquals(8, s.columns());
        assertEquals(3, s.feeds());
        assertEquals(3, s.influences());
        assertEquals(List.of(Map.of("kind", "TABLE", "name", "contacts", "dataset", "mart", "project", "p")),
                rows("MATCH (t:Table {fqn: 'p.mart.contacts'}) RETURN t.kind AS kind, t.name AS name, t.dataset AS dataset, t.project AS project"));
        assertEquals(List.of(Map.of("type", "DIRECT", "subtype", "TRANSFORMATION", "masking", true, "query_count", 1L,
                        "last_job_id", "job-1")),
                rows("""
                        MATCH (:Column {fqn: 'p.raw.users.email'})-[f:FEEDS]->(:Column {fqn: 'p.mart.contacts.email_hash'})
                        RETURN f.type AS type, f.subtype AS subtype, f.masking AS masking, f.query_count AS query_count,
                               f.last_job_id AS last_job_id
                        """));
        assertEquals(List.of(Map.of("subtype", "FILTER")),
                rows("MATCH (:Column {fqn: 'p.raw.users.country'})-[i:INFLUENCES]->(:Table {fqn: 'p.mart.contacts'}) RETURN i.subtype AS subtype"));
        assertEquals(2L, count("MATCH (:Table)-[:FEEDS_TABLE]->(:Table {fqn: 'p.mart.contacts'}) RETURN count(*)"));
        assertEquals(List.of(Map.of("run_count", 1L, "users", List.of("ana@x"), "reads", 2L, "writes", 1L)),
                rows("""
                        MATCH (q:Query {fingerprint: 'q1'})
                        RETURN q.run_count AS run_count, q.users AS users,
                               COUNT { (q)-[:READS]->() } AS reads, COUNT { (q)-[:WRITES]->() } AS writes
                        """));
        assertEquals(3L, count("MATCH (:Table {fqn: 'p.mart.contacts'})-[:HAS_COLUMN]->(c:Column) RETURN count(c)"));
    }

    @Test
    void writingTheSameRunTwiceChangesNothing() {
        LineageGraphWriter writer = new LineageGraphWriter(driver(), 2);
        List<QueryRecord> run = List.of(record("q1", SQL, "job-1", T1, "ana@x"),
                record("q2", "INSERT INTO mart.contacts (user_id) SELECT user_id FROM raw.users", "job-2", T1, "bo@x"));
        writer.write(run, Catalog.empty());
        List<String> once = snapshot(driver());
        writer.write(run, Catalog.empty());
        assertEquals(once, snapshot(driver()));
    }

    @Test
    void laterRunsMoveLastSeenAndCountDistinctQueriesAndDays() {
        LineageGraphWriter writer = new LineageGraphWriter(driver());
        writer.write(List.of(record("q1", SQL, "job-1", T1, "ana@x")), Catalog.empty());
        QueryRecord sameQueryNextDay = record("q1", SQL, "job-9", T2, "bo@x");
        QueryRecord otherQuery = record("q7", "INSERT INTO mart.contacts (user_id) SELECT user_id FROM raw.users", "job-7", T2, "bo@x");
        writer.write(List.of(sameQueryNextDay, otherQuery), Catalog.empty());
        writer.write(List.of(sameQueryNextDay), Catalog.empty()); // the same window again: no double count
        assertEquals(List.of(Map.of("query_count", 2L, "last_job_id", "job-9")), rows("""
                MATCH (:Column {fqn: 'p.raw.users.user_id'})-[f:FEEDS {type: 'DIRECT'}]->(:Column {fqn: 'p.mart.contacts.user_id'})
                RETURN f.query_count AS query_count, f.last_job_id AS last_job_id
                """));
        assertEquals(List.of(Map.of("run_count", 2L, "users", List.of("ana@x", "bo@x"), "days", List.of("2026-11-20=1", "2026-11-21=1"))),
                rows("MATCH (q:Query {fingerprint: 'q1'}) RETURN q.run_count AS run_count, q.users AS users, q.run_days AS days"));
    }

    @Test
    void overlappingWindowTakesTheLargerDailyCount() {
        LineageGraphWriter writer = new LineageGraphWriter(driver());
        QueryRecord partialDay = record("q1", SQL, "job-1", T1, "ana@x");
        QueryRecord fullDay = new QueryRecord("q1", SQL, "QUERY", T1, T1, "job-3", Map.of(LocalDate.parse("2026-11-20"), 3),
                Set.of("ana@x"), partialDay.reads(), partialDay.writes(), partialDay.edges());
        writer.write(List.of(partialDay), Catalog.empty());
        writer.write(List.of(fullDay), Catalog.empty());
        writer.write(List.of(partialDay), Catalog.empty());
        assertEquals(3L, count("MATCH (q:Query {fingerprint: 'q1'}) RETURN q.run_count"));
    }

    @Test
    void columnTypesAndViewKindComeFromCatalogAndStatement() {
        Catalog catalog = CatalogLoader.parse("{\"p.raw.users\": [{\"name\": \"email\", \"type\": \"STRING\"}]}");
        new LineageGraphWriter(driver()).write(List.of(record("v", "CREATE VIEW mart.v AS SELECT email FROM raw.users", "j", T1, "u")), catalog);
        assertEquals(List.of(Map.of("type", "STRING")), rows("MATCH (c:Column {fqn: 'p.raw.users.email'}) RETURN c.type AS type"));
        assertEquals(List.of(Map.of("kind", "VIEW")), rows("MATCH (t:Table {fqn: 'p.mart.v'}) RETURN t.kind AS kind"));
    }

    @Test
    void unreachableGraphIsReportedNotSwallowed() {
        Config quick = Config.builder().withMaxTransactionRetryTime(1, java.util.concurrent.TimeUnit.SECONDS)
                .withConnectionTimeout(500, java.util.concurrent.TimeUnit.MILLISECONDS).build();
        try (Driver dead = GraphDatabase.driver("bolt://localhost:1", AuthTokens.none(), quick)) {
            LineageGraphWriter writer = new LineageGraphWriter(dead);
            List<QueryRecord> run = List.of(record("q1", SQL, "job-1", T1, "ana@x"));
            assertThrows(GraphUnavailableException.class, () -> writer.write(run, Catalog.empty()));
        }
    }
}
