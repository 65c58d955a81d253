package dev.colineage.api.answer;

import java.util.List;
import java.util.Objects;

/**
 * pii_flows for an assistant: the rules and the summary of every PII column, the flows of the first {@code
 * columns} of them (each flow itself bounded), and whether more were left out.
 */
public record PiiFlowsPage(PiiFlowsAnswer.Rules rules, PiiFlowsAnswer.Summary summary, List<PiiFlowsAnswer.Flow> columns,
                           boolean truncated) {
    public PiiFlowsPage {
        Objects.requireNonNull(rules, "rules is null");
        Objects.requireNonNull(summary, "summary is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    }

    public static PiiFlowsPage of(PiiFlowsAnswer all, int columns) {
        return new PiiFlowsPage(all.rules(), all.summary(), all.columns().stream().limit(columns).toList(), all.columns().size() > columns);
    }
}
