package dev.colineage.api;

import dev.colineage.core.model.TableRef;
import dev.colineage.graph.check.ChangeFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /api/v1/check}: what {@code colineage check} reads from its files and options.
 * <pre>{"files": [{"name": "sql/drop_order_id.sql", "sql": "ALTER TABLE ...", "destination": "p.d.t"}],
 *  "project": "p", "dataset": "d"}</pre>
 */
record CheckRequest(List<File> files, Optional<String> project, Optional<String> dataset) {

    static final int MAX_FILES = 500;

    /** One changed file: its path, its SQL, and where a plain SELECT in it writes. */
    record File(String name, String sql, Optional<String> destination) {
    }

    CheckRequest {
        files = files == null ? List.of() : List.copyOf(files);
        project = project == null ? Optional.empty() : project;
        dataset = dataset == null ? Optional.empty() : dataset;
    }

    /** The files, validated; a {@link Problem} naming the field by JSON path otherwise. */
    List<ChangeFile> changeFiles() {
        if (files.isEmpty()) {
            throw Problem.badParameter("files", "files lists the changed SQL files: [{\"name\": ..., \"sql\": ...}]");
        }
        if (files.size() > MAX_FILES) {
            throw Problem.badParameter("files", "at most " + MAX_FILES + " files at a time");
        }
        List<ChangeFile> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            File f = files.get(i);
            String at = "files[" + i + "]";
            if (f == null) {
                throw Problem.badParameter(at, at + " is null");
            }
            if (f.name() == null || f.name().isBlank() || f.name().length() > 1_000 || f.name().chars().anyMatch(Character::isISOControl)) {
                throw Problem.badParameter(at + ".name", at + ".name is the file's path: 1 to 1,000 printable characters");
            }
            if (f.sql() == null || f.sql().isBlank()) {
                throw Problem.badParameter(at + ".sql", at + ".sql is the file's SQL, and it is missing or blank");
            }
            Optional<TableRef> destination = f.destination() == null ? Optional.empty() : f.destination().map(d -> destination(at, d));
            out.add(new ChangeFile(f.name(), f.sql(), destination));
        }
        return out;
    }

    private static TableRef destination(String at, String value) {
        try {
            return TableRef.parse(Params.table(value)).orElseThrow();
        } catch (Problem | java.util.NoSuchElementException e) {
            throw Problem.badParameter(at + ".destination", at + ".destination is project.dataset.table: '" + value + "'");
        }
    }

    /** A default project or dataset: one name part. */
    static Optional<String> part(String field, Optional<String> value) {
        value.ifPresent(v -> {
            if (v.isBlank() || v.length() > 1_024 || !v.matches("[A-Za-z0-9_:.-]+")) {
                throw Problem.badParameter(field, field + " is a BigQuery project or dataset name: '" + v + "'");
            }
        });
        return value;
    }
}
