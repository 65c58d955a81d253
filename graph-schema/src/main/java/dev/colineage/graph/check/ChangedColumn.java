package dev.colineage.graph.check;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column the change touches directly (for {@link ChangeKind#ROWS_CHANGED}, a table).
 *
 * @param file          the file whose statement changes it
 * @param statement     1-based statement of that file (0: the file as a whole, a new version of a query)
 * @param detail        what happened, in words ("renamed to payment_method", "type set to NUMERIC")
 * @param replacedQuery the query of the graph whose definition the file's new version replaces
 * @param before        its inputs in the graph's current lineage (for a new version of a query)
 * @param after         its inputs in the new version
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChangedColumn(String column, ChangeKind change, String file, int statement, String detail,
                            Optional<String> replacedQuery, List<LineageInput> before, List<LineageInput> after) {
    public ChangedColumn {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(change, "change is null");
        Objects.requireNonNull(file, "file is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(replacedQuery, "replacedQuery is null");
        before = List.copyOf(Objects.requireNonNull(before, "before is null"));
        after = List.copyOf(Objects.requireNonNull(after, "after is null"));
    }
}
