package dev.colineage.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colineage.core.model.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one JSON line of an {@code INFORMATION_SCHEMA.JOBS} export into a {@link JobRecord}. Unknown
 * fields are ignored; a line that is not a usable job row yields a reason instead of an exception.
 */
public final class JobRowParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed row, a well-formed row that is no lineage source, or why the line is unusable. */
    public sealed interface Row permits Parsed, Skipped, Malformed {
    }

    public record Parsed(JobRecord job) implements Row {
    }

    /**
     * A job that made no lineage: not a query job, not finished, or failed. JOBS holds these next to
     * the successful ones; the BigQuery source filters them in SQL, an export may not have.
     */
    public record Skipped(String reason) implements Row {
    }

    public record Malformed(String reason) implements Row {
    }

    private JobRowParser() {
    }

    public static Row parse(String line) {
        JsonNode node;
        try (com.fasterxml.jackson.core.JsonParser parser = JSON.createParser(line)) {
            node = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                // a second object on the line would otherwise be dropped without a word
                return new Malformed("more than one JSON value on the line");
            }
        } catch (Exception e) {
            return new Malformed("not JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return fromJson(node);
    }

    public static Row fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Malformed("not a JSON object");
        }
        Optional<String> jobType = text(node, "job_type");
        if (jobType.isPresent() && !jobType.get().equals("QUERY")) {
            return new Skipped("job_type " + jobType.get());
        }
        Optional<String> state = text(node, "state");
        if (state.isPresent() && !state.get().equals("DONE")) {
            return new Skipped("state " + state.get());
        }
        JsonNode error = node.get("error_result");
        if (error != null && !error.isNull() && !(error.isObject() && error.isEmpty())) {
            return new Skipped("failed job: " + error.path("reason").asText("error"));
        }
        for (String field : List.of("query", "job_id")) {
            JsonNode v = node.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return new Malformed(field + " is not a string");   // never coerced: 12345 is no query text
            }
        }
        String query = text(node, "query").orElse("");
        if (query.isBlank()) {
            return new Malformed("no query text");
        }
        String jobId = text(node, "job_id").orElse("");
        if (jobId.isEmpty()) {
            return new Malformed("no job_id");
        }
        Optional<TableRef> destination = table(node.get("destination_table"));
        List<TableRef> referenced = new ArrayList<>();
        JsonNode refs = node.get("referenced_tables");
        if (refs != null && refs.isArray()) {
            for (JsonNode r : refs) {
                table(r).ifPresent(referenced::add);
            }
        }
        return new Parsed(new JobRecord(jobId, text(node, "project_id").orElse(""), query,
                text(node, "statement_type").orElse(""), destination, referenced,
                text(node.path("session_info"), "session_id"), text(node, "creation_time"), text(node, "user_email")));
    }

    private static Optional<TableRef> table(JsonNode t) {
        if (t == null || !t.isObject()) {
            return Optional.empty();
        }
        Optional<String> p = text(t, "project_id");
        Optional<String> d = text(t, "dataset_id");
        Optional<String> n = text(t, "table_id");
        if (p.isEmpty() || d.isEmpty() || n.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TableRef(p.get(), d.get(), n.get()));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }
}
