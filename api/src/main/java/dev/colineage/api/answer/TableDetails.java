package dev.colineage.api.answer;

import java.util.List;
import java.util.Objects;

/** A table as the lineage graph knows it: its columns (those some query read or wrote), PII marked. */
public record TableDetails(String table, List<Column> columns) {

    /** One column; {@code pii}: it holds personal data itself. */
    public record Column(String id, boolean pii) {
        public Column {
            Objects.requireNonNull(id, "id is null");
        }
    }

    public TableDetails {
        Objects.requireNonNull(table, "table is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    }
}
