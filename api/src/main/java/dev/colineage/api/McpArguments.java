package dev.colineage.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of each MCP tool, read from the call's JSON by the API's mapper (unknown arguments and wrong
 * types refused) and checked here: an argument left out takes its default, one out of range is an {@link
 * IllegalArgumentException} naming it.
 */
final class McpArguments {

    private McpArguments() {
    }

    private static int within(String name, Integer value, int min, int max, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** search_lineage_nodes */
    record Search(String query, Integer limit) {
        Search {
            required("query", query);
            if (query.length() > 300) {
                throw new IllegalArgumentException("query is at most 300 characters");
            }
            limit = within("limit", limit, 1, 200, 20);
        }
    }

    /** column_impact and column_origin */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Lineage(String column, Integer depth, Boolean directOnly, Integer limit) {
        Lineage {
            column = Params.column(required("column", column));
            depth = depth == null ? null : within("depth", depth, 1, 100, 100);
            directOnly = Boolean.TRUE.equals(directOnly);
            limit = within("limit", limit, 1, Params.MAX_LIMIT, 100);
        }
    }

    /** pii_flows */
    record Pii(Optional<String> column, Integer columns, Integer limit) {
        Pii {
            column = column == null ? Optional.empty() : column.map(Params::column);
            columns = within("columns", columns, 1, 1_000, 50);
            limit = within("limit", limit, 1, 1_000, 100);
        }
    }

    /** explain_edge: the target is a column, or a table for a JOIN/WHERE edge */
    record Edge(String source, String target) {
        Edge {
            source = Params.column(required("source", source));
            required("target", target);
            target = target.chars().filter(c -> c == '.').count() == 2 ? Params.table(target) : Params.column(target);
        }
    }

    /** rerun_plan */
    record Plan(List<String> columns, List<String> tables, Integer limit) {
        Plan {
            columns = columns == null ? List.of() : columns.stream().map(Params::column).toList();
            tables = tables == null ? List.of() : tables.stream().map(Params::table).toList();
            if (columns.isEmpty() && tables.isEmpty()) {
                throw new IllegalArgumentException("name the changed columns or tables");
            }
            if (columns.size() + tables.size() > 1_000) {
                throw new IllegalArgumentException("at most 1,000 columns and tables");
            }
            limit = within("limit", limit, 1, Params.MAX_LIMIT, 200);
        }
    }

    /** check_change: {@code POST /api/v1/check}'s body, and a limit */
    record Check(List<CheckRequest.File> files, Optional<String> project, Optional<String> dataset, Integer limit) {
        Check {
            project = CheckRequest.part("project", project == null ? Optional.empty() : project);
            dataset = CheckRequest.part("dataset", dataset == null ? Optional.empty() : dataset);
            limit = within("limit", limit, 1, Params.MAX_LIMIT, 200);
        }

        CheckRequest request() {
            return new CheckRequest(files, project, dataset);
        }
    }
}
