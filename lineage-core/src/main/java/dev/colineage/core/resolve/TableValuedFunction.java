package dev.colineage.core.resolve;

import java.util.List;
import java.util.Objects;

/**
 * A table-valued function ({@code CREATE TABLE FUNCTION name(p T, ...) AS (query)}), of the script or
 * read from {@code INFORMATION_SCHEMA.ROUTINES}: {@code FROM name(args)} reads its query with each
 * parameter bound to the caller's argument, so the caller's columns trace to the tables it reads.
 *
 * @param name       as written in the script, or the routine's full {@code project.dataset.name}
 * @param parameters names in declaration order
 * @param body       the query text, without the parentheses around it
 */
public record TableValuedFunction(String name, List<String> parameters, String body) {

    public TableValuedFunction {
        Objects.requireNonNull(name, "name is null");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters is null"));
        Objects.requireNonNull(body, "body is null");
    }

    public TableValuedFunction named(String fullName) {
        return new TableValuedFunction(fullName, parameters, body);
    }
}
