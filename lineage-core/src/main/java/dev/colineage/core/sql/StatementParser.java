package dev.colineage.core.sql;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one BigQuery statement: rewrite, then JSqlParser with the BigQuery dialect and a time limit.
 * Not thread-safe: each thread (or Spark partition) uses its own instance, which owns the one worker
 * thread JSqlParser's time limit needs. Close it when done.
 */
public final class StatementParser implements AutoCloseable {

    /** Default per-statement limit; the slowest corpus statement parses in well under a second. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(5);

    private static final ThreadFactory DAEMON = r -> {
        Thread thread = new Thread(r, "colineage-parser");
        thread.setDaemon(true);
        return thread;
    };

    private final Duration timeLimit;
    private ExecutorService worker = Executors.newSingleThreadExecutor(DAEMON);

    public StatementParser() {
        this(DEFAULT_TIME_LIMIT);
    }

    public StatementParser(Duration timeLimit) {
        this.timeLimit = timeLimit;
    }

    public ParseOutcome parse(String statementText) {
        RewrittenSql rewritten = BigQueryRewriter.rewrite(statementText);
        Optional<dev.colineage.core.sql.Token> open = BigQueryLexer.unterminated(statementText);
        if (open.isPresent()) {
            // JSqlParser may accept what BigQuery refuses (the rest of the text read as one literal)
            String what = switch (open.get().kind()) {
                case STRING -> "string literal";
                case QUOTED_IDENTIFIER -> "back-quoted name";
                default -> "comment";
            };
            return failure(rewritten, "unterminated " + what + " (it runs to the end of the statement)", open.get().start(), false);
        }
        // JSqlParser's complex-parsing mode backtracks more: measured ~40% slower on the corpus, and
        // needed by well under 1% of statements, so it is only the second attempt
        try {
            Statement simple = CCJSqlParserUtil.parseStatement(newParser(rewritten, false), worker);
            if (simple != null) {
                return new ParseOutcome(rewritten, Optional.of(simple), Optional.empty(), -1, false);
            }
        } catch (JSQLParserException | RuntimeException e) {
            // fall through to the complete grammar, which reports the error if there is one
        }
        CCJSqlParser parser = newParser(rewritten, true);
        try {
            Statement statement = CCJSqlParserUtil.parseStatement(parser, worker);
            if (statement == null) {
                return failure(rewritten, "empty statement", -1, false);
            }
            return new ParseOutcome(rewritten, Optional.of(statement), Optional.empty(), -1, false);
        } catch (JSQLParserException e) {
            boolean timedOut = e.getCause() instanceof java.util.concurrent.TimeoutException
                    || String.valueOf(e.getMessage()).contains("Time out");
            if (timedOut) {
                // the worker may still be stuck in the pathological input: replace it
                worker.shutdownNow();
                worker = Executors.newSingleThreadExecutor(DAEMON);
                return failure(rewritten, "parse exceeded " + timeLimit.toMillis() + " ms", -1, true);
            }
            return failure(rewritten, firstLine(e), errorOffset(e, rewritten), false);
        } catch (RuntimeException | StackOverflowError e) {
            return failure(rewritten, e.getClass().getSimpleName() + ": " + e.getMessage(), -1, false);
        }
    }

    /**
     * One expression (a {@code REPLACE} expression the rewriter kept aside), parsed on the worker thread
     * under the same time limit as a statement; empty when it does not parse, overflows or times out.
     */
    public Optional<net.sf.jsqlparser.expression.Expression> parseExpression(String text) {
        java.util.concurrent.Future<net.sf.jsqlparser.expression.Expression> parsing = worker.submit(() ->
                CCJSqlParserUtil.parseExpression(text, false, p -> p.withDialect(AbstractJSqlParser.Dialect.BIGQUERY)
                        .withTimeOut(timeLimit.toMillis())));
        try {
            return Optional.ofNullable(parsing.get(timeLimit.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            parsing.cancel(true);
            worker.shutdownNow();
            worker = Executors.newSingleThreadExecutor(DAEMON);
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();   // a parse error, or a StackOverflowError in deep nesting: both are the worker's
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private CCJSqlParser newParser(RewrittenSql rewritten, boolean complex) {
        return CCJSqlParserUtil.newParser(rewritten.text())
                .withDialect(AbstractJSqlParser.Dialect.BIGQUERY)
                .withAllowComplexParsing(complex)
                .withTimeOut(timeLimit.toMillis());
    }

    private static ParseOutcome failure(RewrittenSql rewritten, String error, int offset, boolean timedOut) {
        return new ParseOutcome(rewritten, Optional.empty(), Optional.of(error), offset, timedOut);
    }

    private static String firstLine(Exception e) {
        Throwable cause = e.getCause() instanceof ParseException ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int nl = message.indexOf('\n');
        String line = (nl > 0 ? message.substring(0, nl) : message).strip();
        // JSqlParser's wording names its own classes and lexer states; users need the token and place
        return line.replace("net.sf.jsqlparser.parser.ParseException: ", "")
                .replace(", in lexical state DEFAULT.", "").replace("Encountered: ", "unexpected ")
                .replaceAll(",? at line \\d+, column \\d+", "");
    }

    private static final java.util.regex.Pattern AT_LINE_COLUMN =
            java.util.regex.Pattern.compile("at line (\\d+), column (\\d+)");

    /** Offset in the original statement of the token JSqlParser stopped at. */
    private static int errorOffset(JSQLParserException e, RewrittenSql rewritten) {
        int line;
        int column;
        if (e.getCause() instanceof ParseException pe && pe.currentToken != null) {
            Token at = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
            line = at.beginLine;
            column = at.beginColumn;
        } else {
            java.util.regex.Matcher m = AT_LINE_COLUMN.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) {
                return -1;
            }
            line = Integer.parseInt(m.group(1));
            column = Integer.parseInt(m.group(2));
        }
        int offset = PositionMap.offsetOf(rewritten.text(), line, column);
        return rewritten.positions().toOriginal(offset);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
