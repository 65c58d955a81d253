package dev.colineage.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {

    @Test
    void schedulesBecomeExtractArguments() throws Exception {
        List<Schedule> s = ScheduleConfig.parse("""
                {"schedules": [
                  {"name": "bq", "cron": "0 * * * *", "timezone": "Europe/Berlin",
                   "source": {"type": "bigquery", "projects": ["p1", "p2"], "regions": ["eu"]}, "overlap_minutes": 15},
                  {"name": "export", "cron": "30 2 * * *", "source": {"type": "jsonl", "path": "gs://b/jobs/", "catalog": "c.json"},
                   "max_attempts": 5, "backoff_seconds": 30}]}
                """);
        assertEquals(List.of("--source", "bigquery", "--project", "p1,p2", "--region", "eu"), s.get(0).extractArguments());
        assertEquals("bigquery:p1/eu", s.get(0).sourceKey());
        assertEquals(Duration.ofMinutes(15), s.get(0).overlap());
        assertEquals(List.of("--source", "jsonl", "--jobs", "gs://b/jobs/", "--catalog", "c.json"), s.get(1).extractArguments());
        assertEquals(5, s.get(1).maxAttempts());
        assertEquals("UTC", s.get(1).cron().zone().getId());
    }

    @Test
    void mistakesNameTheSchedule() {
        var e = assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.parse(
                "{\"schedules\": [{\"name\": \"x\", \"cron\": \"0 * *\", \"source\": {\"type\": \"sample\"}}]}"));
        assertTrue(e.getMessage().startsWith("schedule 'x': a cron expression has five fields"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScheduleConfig.parse(
                "{\"schedules\": [{\"name\": \"x\", \"cron\": \"0 * * * *\", \"source\": {\"type\": \"s3\"}}]}"));
    }

    @Test
    void aRealProcessReportsItsExitStatus() throws Exception {
        java.nio.file.Path logs = java.nio.file.Files.createTempDirectory("colineage-sched");
        ProcessLauncher launcher = new ProcessLauncher(List.of("/bin/sh", "-c", "exit 3", "sh"), "bolt://localhost:7687", logs);
        Schedule s = ScheduleConfig.parse("{\"schedules\": [{\"name\": \"x\", \"cron\": \"0 * * * *\", \"source\": {\"type\": \"sample\"}}]}").get(0);
        ScheduleRunner.Attempt a = launcher.start(s, List.of());
        long deadline = System.currentTimeMillis() + 10_000;
        while (a.exitCode().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(java.util.Optional.of(3), a.exitCode());
        dev.colineage.graph.store.Directories.deleteTree(logs);
    }
}
