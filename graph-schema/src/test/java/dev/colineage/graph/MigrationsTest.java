package dev.colineage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.graph.schema.Migrations;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MigrationsTest extends GraphTestSupport {

    @Test
    void migrationsAreRecordedAndRunningThemTwiceChangesNothing() {
        Migrations migrations = new Migrations(driver());
        assertEquals(List.of(), migrations.apply(), "already applied when the store opened");
        assertEquals(List.of(), migrations.apply());
        assertEquals(List.of(1, 2, 3, 4, 5), migrations.recorded());
        assertTrue(Migrations.isColineageGraph(driver()), "the marker that tells our graph from any other Neo4j");
    }

    @Test
    void constraintsAndIndexesExist() {
        Set<String> constraints = rows("SHOW CONSTRAINTS YIELD name RETURN name").stream()
                .map(r -> (String) r.get("name")).collect(Collectors.toSet());
        assertTrue(constraints.containsAll(Set.of("table_fqn", "column_fqn", "query_fingerprint", "extraction_run_id", "run_day_key")), constraints.toString());
        Set<String> indexes = rows("SHOW INDEXES YIELD name RETURN name").stream()
                .map(r -> (String) r.get("name")).collect(Collectors.toSet());
        assertTrue(indexes.containsAll(Set.of("column_search", "table_search", "column_table", "table_kind", "run_day_day", "run_day_fingerprint", "feeds_seq",
                "influences_seq", "column_seq", "query_seq")), indexes.toString());
    }

    @Test
    void migrationFilesSplitIntoStatements() {
        Migrations.Migration first = Migrations.available().get(0);
        assertEquals(1, first.version());
        assertEquals(4, first.statements().size());
    }
}
