package dev.colineage.graph.plan;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Plan executions as the graph records them, so that a restart loses none: one
 * {@code (:PlanExecution {execution_id})} per execution with its state and its report (the JSON the API
 * shows), written on every change while it runs. The history is bounded: saving drops the oldest beyond
 * {@link #HISTORY}. An execution a stopped process left running is marked ABANDONED when the next one starts.
 */
public final class PlanExecutionStore {

    /** Executions kept, newest first. */
    public static final int HISTORY = 100;

    /** One recorded execution: its id, state, when it was created, and its report as JSON text. */
    public record RecordedExecution(String id, String state, Instant createdAt, String reportJson) {
        public RecordedExecution {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(state, "state is null");
            Objects.requireNonNull(createdAt, "createdAt is null");
            Objects.requireNonNull(reportJson, "reportJson is null");
        }
    }

    private final Driver driver;

    public PlanExecutionStore(Driver driver) {
        this.driver = Objects.requireNonNull(driver, "driver is null");
    }

    public void save(RecordedExecution e) {
        try (Session s = driver.session()) {
            s.executeWrite(tx -> {
                tx.run("""
                        MERGE (x:PlanExecution {execution_id: $id})
                        ON CREATE SET x.created_at = $created
                        SET x.state = $state, x.report = $report
                        """, Map.of("id", e.id(), "created", e.createdAt().atZone(ZoneOffset.UTC), "state", e.state(),
                        "report", e.reportJson())).consume();
                tx.run("""
                        MATCH (x:PlanExecution) WITH x ORDER BY x.created_at DESC, x.execution_id DESC SKIP $keep
                        DELETE x
                        """, Map.of("keep", HISTORY)).consume();
                return null;
            });
        }
    }

    /** The recorded executions, newest first. */
    public List<RecordedExecution> history() {
        try (Session s = driver.session()) {
            return s.executeRead(tx -> tx.run("""
                    MATCH (x:PlanExecution)
                    RETURN x.execution_id AS id, x.state AS state, x.created_at AS created, x.report AS report
                    ORDER BY x.created_at DESC, x.execution_id DESC LIMIT $keep
                    """, Map.of("keep", HISTORY)).list(r -> new RecordedExecution(r.get("id").asString(), r.get("state").asString(),
                    r.get("created").asZonedDateTime().toInstant(), r.get("report").asString("{}"))));
        }
    }

    /** Marks what a stopped process left QUEUED or RUNNING as ABANDONED; returns how many. */
    public int abandonUnfinished() {
        try (Session s = driver.session()) {
            return s.executeWrite(tx -> tx.run("""
                    MATCH (x:PlanExecution) WHERE x.state IN ['QUEUED', 'RUNNING']
                    SET x.state = 'ABANDONED'
                    RETURN count(x) AS n
                    """).single().get("n").asInt());
        }
    }
}
