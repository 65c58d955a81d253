package dev.colineage.core.sql;

import java.util.Objects;
import java.util.Optional;
import net.sf.jsqlparser.statement.Statement;

/**
 * What parsing one statement produced: the AST, or why there is none.
 *
 * @param rewritten the rewritten text that was parsed, with its facts and position map
 * @param statement the AST when parsing succeeded
 * @param error     a one-line reason when it failed
 * @param errorOffset offset in the original statement text where the failure was detected, or -1
 * @param timedOut  true when the parse time limit was hit
 */
public record ParseOutcome(RewrittenSql rewritten, Optional<Statement> statement, Optional<String> error,
                           int errorOffset, boolean timedOut) {
    public ParseOutcome {
        Objects.requireNonNull(rewritten, "rewritten is null");
        Objects.requireNonNull(statement, "statement is null");
        Objects.requireNonNull(error, "error is null");
    }

    public boolean parsed() {
        return statement.isPresent();
    }
}
