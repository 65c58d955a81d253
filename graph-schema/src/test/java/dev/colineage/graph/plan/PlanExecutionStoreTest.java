package dev.colineage.graph.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.colineage.graph.GraphTestSupport;
import dev.colineage.graph.plan.PlanExecutionStore.RecordedExecution;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan executions survive a restart in the graph, with a bounded history. */
class PlanExecutionStoreTest extends GraphTestSupport {

    @Test
    void theHistoryKeepsTheNewestAndAStoppedProcessesRunsAreAbandoned() {
        PlanExecutionStore store = new PlanExecutionStore(driver());
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < PlanExecutionStore.HISTORY + 5; i++) {
            store.save(new RecordedExecution(String.format("exec-%03d", i), i % 2 == 0 ? "SUCCEEDED" : "RUNNING",
                    t.plusSeconds(i), "{\"i\":" + i + "}"));
        }
        store.save(new RecordedExecution("exec-104", "RUNNING", t, "{\"i\":104,\"tables\":[]}"));
        List<RecordedExecution> history = store.history();
        assertEquals(PlanExecutionStore.HISTORY, history.size());
        assertEquals("exec-104", history.get(0).id(), "newest first; an update keeps its creation time");
        assertEquals("{\"i\":104,\"tables\":[]}", history.get(0).reportJson());
        assertEquals("exec-005", history.get(history.size() - 1).id(), "the five oldest are gone");
        assertEquals(51, store.abandonUnfinished(), "the 50 odd ones kept, and exec-104 running again");
        assertEquals(0, store.history().stream().filter(e -> e.state().equals("RUNNING")).count());
    }
}
