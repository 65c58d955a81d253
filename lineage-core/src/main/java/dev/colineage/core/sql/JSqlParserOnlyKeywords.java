package dev.colineage.core.sql;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParserKeywordsUtils;

/**
 * The words JSqlParser reserves that BigQuery does not: in BigQuery they are ordinary names
 * ({@code output}, {@code settings}, {@code unknown}, ...), in JSqlParser a parse error. Generated
 * from JSqlParser's own keyword list (its grammar tokens less the ones it allows as names), less
 * BigQuery's reserved keywords, less the few BigQuery uses as keywords in the places the rewriter
 * quotes names; then only those JSqlParser really rejects as a column are kept, so that a JSqlParser
 * upgrade changes the list without anyone editing it.
 */
public final class JSqlParserOnlyKeywords {

    /** BigQuery's reserved keywords (GoogleSQL lexical structure). */
    static final Set<String> BIGQUERY_RESERVED = Set.of("ALL", "AND", "ANY", "ARRAY", "AS", "ASC",
            "ASSERT_ROWS_MODIFIED", "AT", "BETWEEN", "BY", "CASE", "CAST", "COLLATE", "CONTAINS", "CREATE", "CROSS",
            "CUBE", "CURRENT", "DEFAULT", "DEFINE", "DESC", "DISTINCT", "ELSE", "END", "ENUM", "ESCAPE", "EXCEPT",
            "EXCLUDE", "EXISTS", "EXTRACT", "FALSE", "FETCH", "FOLLOWING", "FOR", "FROM", "FULL", "GROUP", "GROUPING",
            "GROUPS", "HASH", "HAVING", "IF", "IGNORE", "IN", "INNER", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN",
            "LATERAL", "LEFT", "LIKE", "LIMIT", "LOOKUP", "MERGE", "NATURAL", "NEW", "NO", "NOT", "NULL", "NULLS", "OF",
            "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "PROTO", "QUALIFY", "RANGE", "RECURSIVE",
            "RESPECT", "RIGHT", "ROLLUP", "ROWS", "SELECT", "SET", "SOME", "STRUCT", "TABLESAMPLE", "THEN", "TO", "TREAT",
            "TRUE", "UNBOUNDED", "UNION", "UNNEST", "USING", "WHEN", "WHERE", "WINDOW", "WITH", "WITHIN");

    /** Not reserved in BigQuery, but keywords of its own syntax where a name could also stand. */
    private static final Set<String> BIGQUERY_CONTEXTUAL = Set.of("PIVOT", "UNPIVOT", "RETURNS", "CONSTRAINT",
            "FOREIGN", "PRIMARY", "KEY", "REFERENCES", "ONLY", "INCLUDE", "OPTIONS", "LANGUAGE", "DETERMINISTIC",
            "INSERT", "UPDATE", "DELETE", "VALUES", "MATCHED", "TABLE", "VIEW", "REPLACE", "TEMP", "TEMPORARY",
            "FUNCTION", "PROCEDURE", "BEGIN", "DECLARE", "EXECUTE", "IMMEDIATE", "RETURN", "SYSTEM_TIME");

    private static final Set<String> WORDS = generate();

    private JSqlParserOnlyKeywords() {
    }

    /** Whether {@code word} (any case) is one of them. */
    public static boolean contains(String word) {
        return WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** All of them, lower case, sorted. */
    public static Set<String> all() {
        return WORDS;
    }

    private static Set<String> generate() {
        Set<String> allowedAsNames = ParserKeywordsUtils.getNonReservedKeywords();
        Set<String> words = new TreeSet<>();
        for (String image : CCJSqlParserConstants.tokenImage) {
            if (!image.startsWith("<K_") || !image.endsWith(">")) {
                continue;
            }
            String word = image.substring(3, image.length() - 1);
            if (allowedAsNames.contains(word) || BIGQUERY_RESERVED.contains(word) || BIGQUERY_CONTEXTUAL.contains(word)
                    || !word.matches("[A-Z][A-Z0-9_]*") || acceptedAsColumn(word.toLowerCase(Locale.ROOT))) {
                continue;
            }
            words.add(word.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(words);
    }

    /** Some grammar keywords JSqlParser still accepts as names: those need no quoting. */
    private static boolean acceptedAsColumn(String word) {
        try {
            CCJSqlParserUtil.parse("SELECT " + word + ", t." + word + " AS " + word + " FROM t AS " + word,
                    p -> p.withDialect(AbstractJSqlParser.Dialect.BIGQUERY));
            return true;
        } catch (Exception | Error e) {
            return false;
        }
    }
}
