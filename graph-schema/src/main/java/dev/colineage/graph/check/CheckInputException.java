package dev.colineage.graph.check;

/**
 * A change the check cannot read: SQL that does not parse, DDL on a table the lineage graph does not know,
 * a SELECT with nowhere to go. The message names the file and statement.
 */
public final class CheckInputException extends RuntimeException {

    public CheckInputException(String message) {
        super(message);
    }
}
