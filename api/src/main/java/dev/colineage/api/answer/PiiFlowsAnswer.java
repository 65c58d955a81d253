package dev.colineage.api.answer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.colineage.graph.read.GraphEdge;
import java.util.List;
import java.util.Objects;

/** Where personal data flows: the rules that decided what is PII, a summary, and each PII column's flow. */
public record PiiFlowsAnswer(Rules rules, Summary summary, List<Flow> columns) {

    /**
     * The rules in force.
     *
     * @param policyTags which BigQuery policy tags mark PII ({@code any})
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rules(String names, String notNames, String tag, String notTag, String policyTags) {
        public Rules {
            Objects.requireNonNull(names, "names is null");
            Objects.requireNonNull(notNames, "notNames is null");
            Objects.requireNonNull(tag, "tag is null");
            Objects.requireNonNull(notTag, "notTag is null");
            Objects.requireNonNull(policyTags, "policyTags is null");
        }
    }

    /** How many columns hold PII, and how many distinct columns it reaches unmasked and masked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(int piiColumns, int exposedColumns, int maskedColumns) {
    }

    /** One PII column: the columns holding its values (exposed), those holding only a masked form, and why it is PII. */
    public record Flow(String column, List<Reach> exposed, List<Reach> masked, boolean truncated, List<String> reasons) {
        public Flow {
            Objects.requireNonNull(column, "column is null");
            exposed = List.copyOf(Objects.requireNonNull(exposed, "exposed is null"));
            masked = List.copyOf(Objects.requireNonNull(masked, "masked is null"));
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons is null"));
        }
    }

    /** A column the data reaches, at a depth, with the path that explains it. */
    public record Reach(String column, int depth, List<GraphEdge> path) {
        public Reach {
            Objects.requireNonNull(column, "column is null");
            path = List.copyOf(Objects.requireNonNull(path, "path is null"));
        }
    }

    public PiiFlowsAnswer {
        Objects.requireNonNull(rules, "rules is null");
        Objects.requireNonNull(summary, "summary is null");
        columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    }
}
