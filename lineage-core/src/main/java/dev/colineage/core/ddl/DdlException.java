package dev.colineage.core.ddl;

/** A DDL statement that changes a table in a way {@link SchemaChangeReader} cannot read; the message says which part. */
public final class DdlException extends RuntimeException {

    public DdlException(String message) {
        super(message);
    }
}
