package dev.colineage.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSplitterTest {

    private static List<String> texts(String script) {
        return ScriptSplitter.split(script).stream().map(ScriptStatement::text).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(List.of("SELECT ';'", "SELECT (1)"), texts("SELECT ';'; SELECT (1);"));
    }

    @Test
    void controlFlowIsFlattenedKeepingEveryBranch() {
        assertEquals(List.of("INSERT a SELECT 1", "INSERT b SELECT 2", "SELECT 3"), texts("""
                BEGIN
                  IF x > (SELECT 1) THEN INSERT a SELECT 1;
                  ELSEIF y THEN INSERT b SELECT 2;
                  END IF;
                EXCEPTION WHEN ERROR THEN SELECT 3;
                END;
                """));
    }

    @Test
    void loopsAndTransactionsCarryNoStatementsOfTheirOwn() {
        assertEquals(List.of("INSERT t SELECT 1"), texts("BEGIN TRANSACTION; WHILE i < 3 DO INSERT t SELECT 1; END WHILE; COMMIT TRANSACTION;"));
    }

    @Test
    void ifFunctionIsNotControlFlow() {
        assertEquals(List.of("SELECT IF(a, 1, 2) FROM t"), texts("SELECT IF(a, 1, 2) FROM t"));
    }

    @Test
    void statementsKeepTheirIndexAndOffset() {
        List<ScriptStatement> s = ScriptSplitter.split("SELECT 1;\n  SELECT 2");
        assertEquals(2, s.get(1).index());
        assertEquals(12, s.get(1).offset());
    }
}
