package dev.colineage.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRowParserTest {

    @Test
    void fullRowIsRead() {
        var row = JobRowParser.parse("""
                {"job_id":"j","project_id":"p","query":"SELECT 1","statement_type":"SELECT",
                 "destination_table":{"project_id":"p","dataset_id":"d","table_id":"t"},
                 "referenced_tables":[{"project_id":"p","dataset_id":"raw","table_id":"x"}],
                 "session_info":{"session_id":"s1"},"creation_time":"2026-01-01T00:00:00Z","unknown":[1]}
                """);
        JobRecord job = assertInstanceOf(JobRowParser.Parsed.class, row).job();
        assertEquals(Optional.of(new TableRef("p", "d", "t")), job.destination());
        assertEquals(List.of(new TableRef("p", "raw", "x")), job.referencedTables());
        assertEquals(Optional.of("s1"), job.sessionId());
    }

    @Test
    void rowsWithoutQueryOrIdAreMalformed() {
        assertInstanceOf(JobRowParser.Malformed.class, JobRowParser.parse("{\"job_id\":\"j\"}"));
        assertInstanceOf(JobRowParser.Malformed.class, JobRowParser.parse("{\"query\":\"SELECT 1\"}"));
        assertInstanceOf(JobRowParser.Malformed.class, JobRowParser.parse("[]"));
        assertInstanceOf(JobRowParser.Malformed.class, JobRowParser.parse("{"));
    }

    @Test
    void jobsThatMadeNoLineageAreSkippedNotMalformed() {
        assertEquals(new JobRowParser.Skipped("job_type LOAD"),
                JobRowParser.parse("{\"job_id\":\"j\",\"query\":\"x\",\"job_type\":\"LOAD\"}"));
        assertEquals(new JobRowParser.Skipped("state RUNNING"),
                JobRowParser.parse("{\"job_id\":\"j\",\"query\":\"SELECT 1\",\"state\":\"RUNNING\"}"));
        assertEquals(new JobRowParser.Skipped("failed job: invalidQuery"), JobRowParser.parse(
                "{\"job_id\":\"j\",\"query\":\"SELEC 1\",\"state\":\"DONE\",\"error_result\":{\"reason\":\"invalidQuery\"}}"));
        assertInstanceOf(JobRowParser.Parsed.class, JobRowParser.parse(
                "{\"job_id\":\"j\",\"query\":\"SELECT 1\",\"job_type\":\"QUERY\",\"state\":\"DONE\",\"error_result\":null}"));
    }

    @Test
    void anonymousDestinationIsNoLineageTarget() {
        JobRecord job = new JobRecord("j", "p", "SELECT 1", "SELECT", Optional.of(new TableRef("p", "_abc123", "anon")),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), job.selectDestination());
    }

    @Test
    void referencedTablesSupplyTheDefaultDataset() {
        JobRecord job = new JobRecord("j", "p", "SELECT a FROM t", "SELECT", Optional.of(new TableRef("p", "m", "out")),
                List.of(new TableRef("p", "raw", "t")), Optional.empty(), Optional.empty(), Optional.empty());
        try (JobAnalyzer analyzer = new JobAnalyzer(Catalog.empty())) {
            assertEquals("p.raw.t.a -> p.m.out.a DIRECT/IDENTITY", analyzer.analyze(job).edges().get(0).toString());
        }
    }

    @Test
    void tempTableOfASessionIsReadThroughByLaterJobsOfThatSessionOnly() {
        try (JobAnalyzer analyzer = new JobAnalyzer(Catalog.empty())) {
            analyzer.analyze(job("j1", Optional.of("s1"), "CREATE TEMP TABLE staged AS SELECT email FROM p.raw.users"));
            assertEquals("[p.raw.users.email -> p.mart.x.e DIRECT/IDENTITY]",
                    analyzer.analyze(job("j2", Optional.of("s1"), "INSERT INTO p.mart.x (e) SELECT email FROM staged")).edges().toString());
            assertEquals("[p._default_.staged.email -> p.mart.x.e DIRECT/IDENTITY]",
                    analyzer.analyze(job("j3", Optional.of("s2"), "INSERT INTO p.mart.x (e) SELECT email FROM staged")).edges().toString());
        }
    }

    private static JobRecord job(String id, Optional<String> session, String sql) {
        return new JobRecord(id, "p", sql, "SCRIPT", Optional.empty(), List.of(), session, Optional.empty(), Optional.empty());
    }
}
