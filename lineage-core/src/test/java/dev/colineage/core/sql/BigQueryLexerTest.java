package dev.colineage.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BigQueryLexerTest {

    private static List<String> significant(String sql) {
        return BigQueryLexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).map(Token::text).toList();
    }

    @Test
    void backtickIdentifierWithDashesAndDotsIsOneToken() {
        assertEquals(List.of("SELECT", "*", "FROM", "`my-proj.ds.t`"), significant("SELECT * FROM `my-proj.ds.t`"));
    }

    @Test
    void rawBytesAndTripleQuotedStringsAreOneToken() {
        assertEquals(List.of("r'a\\d'", "b\"x\"", "'''it's'''", "\"\"\"a\nb\"\"\""),
                significant("r'a\\d' b\"x\" '''it's''' \"\"\"a\nb\"\"\""));
    }

    @Test
    void hashAndDashCommentsAreTrivia() {
        assertEquals(List.of("SELECT", "1"), significant("# note\nSELECT -- x\n 1 /* y */"));
    }

    @Test
    void parametersAndSystemVariables() {
        List<Token> tokens = BigQueryLexer.tokenize("@submission_date @@error.message ?");
        assertEquals(Token.Kind.PARAMETER, tokens.get(0).kind());
        assertEquals("@@error", tokens.get(2).text());
        assertEquals(Token.Kind.PARAMETER, tokens.get(tokens.size() - 1).kind());
    }

    @Test
    void unterminatedLiteralRunsToEndWithoutFailing() {
        assertEquals(List.of("SELECT", "'abc"), significant("SELECT 'abc"));
    }

    @Test
    void offsetsPointIntoTheSource() {
        Token from = BigQueryLexer.tokenize("SELECT a FROM t").stream().filter(t -> t.isWord("FROM")).findFirst().orElseThrow();
        assertEquals(9, from.start());
    }
}
