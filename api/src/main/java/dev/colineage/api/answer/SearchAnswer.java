package dev.colineage.api.answer;

import java.util.List;
import java.util.Objects;

/** Columns and tables whose names contain the fragment {@code q}, shortest first. */
public record SearchAnswer(String q, List<String> columns, List<String> tables) {
    public SearchAnswer {
        Objects.requireNonNull(q, "q is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
        tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    }
}
