package dev.colineage.graph.read;

import dev.colineage.graph.memory.QuerySummary;
import java.util.List;
import java.util.Objects;

/**
 * The queries around a column, newest run first: those whose edges write it (FEEDS into it) and those
 * that read it (FEEDS or INFLUENCES out of it).
 */
public record ColumnQueries(List<QuerySummary> writtenBy, List<QuerySummary> readBy) {
    public ColumnQueries {
        writtenBy = List.copyOf(Objects.requireNonNull(writtenBy, "writtenBy is null"));
        readBy = List.copyOf(Objects.requireNonNull(readBy, "readBy is null"));
    }
}
