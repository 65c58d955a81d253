package dev.colineage.api.answer;

import java.util.List;
import java.util.Objects;

/** search_lineage_nodes: names holding the text, shortest first, at most the limit of each. */
public record NodeSearchAnswer(String query, List<String> columns, List<String> tables, boolean truncated) {
    public NodeSearchAnswer {
        Objects.requireNonNull(query, "query is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }
}
