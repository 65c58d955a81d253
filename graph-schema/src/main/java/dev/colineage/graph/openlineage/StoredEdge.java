package dev.colineage.graph.openlineage;

import dev.colineage.core.model.Transformation;
import java.util.Objects;
import java.util.Optional;

/**
 * One column edge a query produced: from a column (its table and dotted path) to a column, or to a whole table
 * ({@code targetPath} empty: an INFLUENCES edge, such as a filter's column affecting every row).
 */
public record StoredEdge(String sourceTable, String sourcePath, String targetTable, Optional<String> targetPath,
                         Transformation transformation) {

    public StoredEdge {
        Objects.requireNonNull(sourceTable, "sourceTable is null");
        Objects.requireNonNull(sourcePath, "sourcePath is null");
        Objects.requireNonNull(targetTable, "targetTable is null");
        Objects.requireNonNull(targetPath, "targetPath is null");
        Objects.requireNonNull(transformation, "transformation is null");
    }
}
