package dev.colineage.graph.check;

import dev.colineage.core.model.TableRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One changed SQL file of a pull request: DDL, and/or the new version of a query, view or script.
 *
 * @param name        how the report names it (its path)
 * @param destination where a plain SELECT's result goes (a scheduled query's table); statements naming their
 *                    target need none
 */
public record ChangeFile(String name, String sql, Optional<TableRef> destination) {
    public ChangeFile {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(destination, "destination is null");
    }
}
