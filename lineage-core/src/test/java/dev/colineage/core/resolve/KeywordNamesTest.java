package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.colineage.core.model.Edge;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.sql.JSqlParserOnlyKeywords;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every word JSqlParser reserves and BigQuery does not works unquoted as a column, an alias, a table
 * and a function name, with the same edges as when back-quoted.
 */
class KeywordNamesTest extends LineageTestSupport {

    @Test
    void theGeneratedListHoldsTheWordsUsersHit() {
        Set<String> words = JSqlParserOnlyKeywords.all();
        assertFalse(words.isEmpty());
        for (String w : List.of("output", "settings", "unknown", "final", "sample")) {
            assertEquals(true, words.contains(w), w + " in " + words);
        }
        for (String w : List.of("select", "from", "window", "qualify", "pivot", "unpivot")) {
            assertEquals(false, words.contains(w), w);
        }
    }

    @Test
    void everyWordIsAColumnAnAliasATableAndAFunctionName() {
        List<String> wrong = new ArrayList<>();
        for (String w : JSqlParserOnlyKeywords.all()) {
            String sql = """
                    CREATE TABLE t2 AS
                    SELECT %1$s, x.%1$s AS c2, %1$s + 1 AS %1$s_plus, ds.%1$s(%1$s) AS c3, user_id AS %1$s_alias,
                           name %1$s
                    FROM raw.%1$s AS x JOIN users ON users.user_id = x.%1$s
                    WHERE %1$s > 0 GROUP BY %1$s, 2, 3, 4, 5, 6
                    """.formatted(w);
            Set<String> expected = new TreeSet<>(List.of(
                    "p.raw.%s.%s -> p.d.t2.%s DIRECT/IDENTITY",
                    "p.raw.%s.%s -> p.d.t2.c2 DIRECT/IDENTITY",
                    "p.raw.%s.%s -> p.d.t2.%s_plus DIRECT/TRANSFORMATION",
                    "p.raw.%s.%s -> p.d.t2.c3 DIRECT/TRANSFORMATION",
                    "p.d.users.user_id -> p.d.t2.%s_alias DIRECT/IDENTITY",
                    "p.d.users.name -> p.d.t2.%s DIRECT/IDENTITY",
                    "p.raw.%s.%s -> p.d.t2 INDIRECT/JOIN",
                    "p.d.users.user_id -> p.d.t2 INDIRECT/JOIN",
                    "p.raw.%s.%s -> p.d.t2 INDIRECT/FILTER",
                    "p.raw.%s.%s -> p.d.t2 INDIRECT/GROUP_BY",
                    "p.d.users.user_id -> p.d.t2 INDIRECT/GROUP_BY",
                    "p.d.users.name -> p.d.t2 INDIRECT/GROUP_BY").stream()
                    .map(e -> e.replace("%s", w)).toList());
            LineageResult result = analyze(sql);
            Set<String> actual = result.edges().stream().map(Edge::toString).collect(Collectors.toCollection(TreeSet::new));
            if (!expected.equals(actual)) {
                wrong.add(w + ": " + actual + " " + result.diagnostics());
            }
        }
        assertEquals(List.of(), wrong);
    }
}
