package dev.colineage.api;

import dev.colineage.api.answer.ColumnDetails;
import dev.colineage.graph.memory.LineageGraphs;
import dev.colineage.graph.read.LineageLookupStore;
import java.util.Optional;

/**
 * Adds and removes a column's hand-set tags. The store stamps the change with the lineage sequence and the
 * read model applies it at once, so the next PII answer of this server already counts it.
 */
final class TagService {

    private final LineageLookupStore lookups;
    private final LineageService lineage;
    private final LineageGraphs graphs;

    TagService(LineageLookupStore lookups, LineageService lineage, LineageGraphs graphs) {
        this.lookups = lookups;
        this.lineage = lineage;
        this.graphs = graphs;
    }

    /** The column as it is after the change; empty when the graph does not know it. */
    Optional<ColumnDetails> tag(String column, String tag, boolean add) {
        if (!lookups.tag(column, tag, add)) {
            return Optional.empty();
        }
        graphs.fresh();
        return lineage.column(column);
    }
}
