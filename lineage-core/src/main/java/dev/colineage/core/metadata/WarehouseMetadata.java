package dev.colineage.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colineage.core.json.JsonLines;
import dev.colineage.core.model.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a warehouse's {@code INFORMATION_SCHEMA} says beyond its query log: view, materialized view,
 * snapshot and clone definitions, and routines. Read from JSON lines, each one row of
 * {@code VIEWS}, {@code TABLES}, {@code TABLE_SNAPSHOTS}, {@code ROUTINES} or {@code PARAMETERS} with
 * that view's own column names plus {@code "information_schema_view"} naming it (the shape the
 * BigQuery source writes too). Rows of one table may come from several views in any order: a view's
 * text is in VIEWS, its time in TABLES; a snapshot's base table is in either.
 *
 * @param definitions  one per view, materialized view, snapshot and clone, by table name
 * @param routineRows  ROUTINES rows as JSON lines for {@link dev.colineage.core.resolve.RoutineCatalog}; a row
 *                     without {@code ddl} gets one built from its body and its PARAMETERS rows
 * @param rowsByView   rows read per view
 * @param unusable     definitions that could not be built, per kind (a legacy SQL view, a materialized view
 *                     without its ddl); each is also in {@code problems}
 * @param externalTables EXTERNAL tables seen: sources outside BigQuery, no definition to analyse
 * @param problems     rows that could not be read or used, each with its line number and reason
 */
public record WarehouseMetadata(List<Definition> definitions, List<String> routineRows, Map<MetadataView, Integer> rowsByView,
                                Map<DefinitionKind, Integer> unusable, int externalTables, List<String> problems) {

    public static final String VIEW_FIELD = "information_schema_view";

    public WarehouseMetadata {
        definitions = List.copyOf(Objects.requireNonNull(definitions, "definitions is null"));
        routineRows = List.copyOf(Objects.requireNonNull(routineRows, "routineRows is null"));
        rowsByView = Map.copyOf(Objects.requireNonNull(rowsByView, "rowsByView is null"));
        unusable = Map.copyOf(Objects.requireNonNull(unusable, "unusable is null"));
        problems = List.copyOf(Objects.requireNonNull(problems, "problems is null"));
    }

    public static WarehouseMetadata empty() {
        return parse(List.of());
    }

    public static WarehouseMetadata load(Path jsonLines) {
        try {
            return parse(Files.readAllLines(jsonLines, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metadata " + jsonLines, e);
        }
    }

    public boolean isEmpty() {
        return definitions.isEmpty() && routineRows.isEmpty() && problems.isEmpty();
    }

    /** Definitions of one kind. */
    public long count(DefinitionKind kind) {
        return definitions.stream().filter(d -> d.kind() == kind).count();
    }

    /** The rows of one table, gathered across views while reading. */
    private static final class TableRows {
        final TableRef table;
        JsonNode view;
        JsonNode tables;
        JsonNode snapshot;
        int line;

        TableRows(TableRef table) {
            this.table = table;
        }
    }

    public static WarehouseMetadata parse(List<String> lines) {
        Map<String, TableRows> tables = new LinkedHashMap<>();
        List<ObjectNode> routines = new ArrayList<>();
        List<Integer> routineLines = new ArrayList<>();
        Map<String, List<JsonNode>> parameters = new LinkedHashMap<>();
        Map<MetadataView, Integer> rows = new EnumMap<>(MetadataView.class);
        List<String> problems = new ArrayList<>(JsonLines.read(lines, (line, row) -> {
            String named = row.path(VIEW_FIELD).asText("");
            MetadataView view = MetadataView.named(named).orElseThrow(() -> new IllegalArgumentException(
                    "'" + VIEW_FIELD + "' must be VIEWS, TABLES, TABLE_SNAPSHOTS, ROUTINES or PARAMETERS, not '" + named + "'"));
            rows.merge(view, 1, Integer::sum);
            switch (view) {
                case ROUTINES -> {
                    routines.add((ObjectNode) row);
                    routineLines.add(line);
                }
                case PARAMETERS -> parameters.computeIfAbsent(key(text(row, "specific_catalog"), text(row, "specific_schema"),
                        text(row, "specific_name")), k -> new ArrayList<>()).add(row);
                default -> {
                    TableRef table = new TableRef(text(row, "table_catalog"), text(row, "table_schema"), text(row, "table_name"));
                    TableRows t = tables.computeIfAbsent(table.fqn().toLowerCase(Locale.ROOT), k -> new TableRows(table));
                    t.line = t.line == 0 ? line : t.line;
                    switch (view) {
                        case VIEWS -> t.view = row;
                        case TABLES -> t.tables = row;
                        default -> t.snapshot = row;
                    }
                }
            }
        }));
        List<Definition> definitions = new ArrayList<>();
        Map<DefinitionKind, Integer> unusable = new EnumMap<>(DefinitionKind.class);
        int external = 0;
        for (TableRows t : tables.values()) {
            String type = t.tables == null ? (t.view != null ? "VIEW" : "SNAPSHOT")
                    : t.tables.path("table_type").asText("").toUpperCase(Locale.ROOT);
            Optional<String> created = t.tables == null ? Optional.empty() : optional(t.tables, "creation_time");
            switch (type) {
                case "VIEW" -> view(t, created).ifPresentOrElse(definitions::add, () -> {
                    unusable.merge(DefinitionKind.VIEW, 1, Integer::sum);
                    problems.add("line " + t.line + ": " + t.table.fqn() + ": " + viewProblem(t));
                });
                case "MATERIALIZED VIEW" -> {
                    Optional<String> ddl = t.tables == null ? Optional.empty() : optional(t.tables, "ddl");
                    if (ddl.isPresent()) {
                        definitions.add(new Definition(DefinitionKind.MATERIALIZED_VIEW, t.table, ddl.get(), created, List.of()));
                    } else {
                        unusable.merge(DefinitionKind.MATERIALIZED_VIEW, 1, Integer::sum);
                        problems.add("line " + t.line + ": " + t.table.fqn() + ": a materialized view without its ddl");
                    }
                }
                case "SNAPSHOT", "CLONE" -> {
                    DefinitionKind kind = type.equals("SNAPSHOT") ? DefinitionKind.SNAPSHOT : DefinitionKind.CLONE;
                    JsonNode source = t.snapshot != null ? t.snapshot : t.tables;
                    Optional<TableRef> base = base(source);
                    if (base.isEmpty()) {
                        unusable.merge(kind, 1, Integer::sum);
                        problems.add("line " + t.line + ": " + t.table.fqn() + ": a " + type.toLowerCase(Locale.ROOT)
                                + " without its base table");
                        continue;
                    }
                    Optional<String> at = t.snapshot != null ? optional(t.snapshot, "snapshot_time").or(() -> created) : created;
                    String sql = (kind == DefinitionKind.SNAPSHOT ? "CREATE SNAPSHOT TABLE " : "CREATE TABLE ")
                            + quoted(t.table) + " CLONE " + quoted(base.get());
                    definitions.add(new Definition(kind, t.table, sql, at, List.of(base.get())));
                }
                case "EXTERNAL" -> external++;
                default -> {
                    // BASE TABLE and the like: its schema is the catalog's business, it has no definition
                }
            }
        }
        definitions.sort(Comparator.comparing((Definition d) -> d.table().fqn()).thenComparing(Definition::kind));
        List<String> routineRows = new ArrayList<>();
        for (int i = 0; i < routines.size(); i++) {
            ObjectNode r = routines.get(i);
            if (optional(r, "ddl").isEmpty()) {
                Optional<String> ddl = routineDdl(r, parameters);
                if (ddl.isEmpty()) {
                    problems.add("line " + routineLines.get(i) + ": a routine without ddl or routine_definition");
                    continue;
                }
                r = r.deepCopy().put("ddl", ddl.get());
            }
            routineRows.add(r.toString());
        }
        return new WarehouseMetadata(definitions, routineRows, rows, unusable, external, problems);
    }

    private static Optional<Definition> view(TableRows t, Optional<String> created) {
        Optional<String> at = created.or(() -> t.view == null ? Optional.empty()
                : optional(t.view, "last_altered").or(() -> optional(t.view, "creation_time")));
        if (t.view != null) {
            if (t.view.path("use_standard_sql").asText("YES").equalsIgnoreCase("NO")) {
                return Optional.empty();
            }
            return optional(t.view, "view_definition").map(body -> new Definition(DefinitionKind.VIEW, t.table,
                    "CREATE OR REPLACE VIEW " + quoted(t.table) + " AS\n" + body, at, List.of()));
        }
        return optional(t.tables, "ddl").map(ddl -> new Definition(DefinitionKind.VIEW, t.table, ddl, at, List.of()));
    }

    private static String viewProblem(TableRows t) {
        if (t.view != null && t.view.path("use_standard_sql").asText("YES").equalsIgnoreCase("NO")) {
            return "a legacy SQL view; only GoogleSQL views are analysed";
        }
        return "a view without its view_definition (no VIEWS row) or ddl";
    }

    private static Optional<TableRef> base(JsonNode row) {
        if (row == null) {
            return Optional.empty();
        }
        Optional<String> p = optional(row, "base_table_catalog");
        Optional<String> d = optional(row, "base_table_schema");
        Optional<String> n = optional(row, "base_table_name");
        return p.isPresent() && d.isPresent() && n.isPresent() ? Optional.of(new TableRef(p.get(), d.get(), n.get())) : Optional.empty();
    }

    /**
     * A {@code CREATE} statement for a routine row without {@code ddl}, from {@code routine_definition}
     * and its PARAMETERS rows (types are left out: lineage needs only the names and order).
     */
    private static Optional<String> routineDdl(JsonNode r, Map<String, List<JsonNode>> parameters) {
        Optional<String> body = optional(r, "routine_definition");
        if (body.isEmpty()) {
            return Optional.empty();
        }
        String project = text(r, "routine_catalog");
        String dataset = text(r, "routine_schema");
        String name = text(r, "routine_name");
        List<JsonNode> params = new ArrayList<>(parameters.getOrDefault(key(project, dataset, name), List.of()));
        params.removeIf(p -> p.path("is_result").asText("NO").equalsIgnoreCase("YES") || optional(p, "parameter_name").isEmpty());
        params.sort(Comparator.comparingInt(p -> p.path("ordinal_position").asInt(0)));
        String type = r.path("routine_type").asText("FUNCTION").toUpperCase(Locale.ROOT);
        StringBuilder list = new StringBuilder();
        for (JsonNode p : params) {
            list.append(list.isEmpty() ? "" : ", ");
            if (type.equals("PROCEDURE")) {
                list.append(p.path("parameter_mode").asText("IN")).append(' ');
            }
            list.append(p.get("parameter_name").asText()).append(' ').append(p.path("data_type").asText("ANY TYPE"));
        }
        String full = "`" + project + "." + dataset + "." + name + "`(" + list + ")";
        boolean javascript = r.path("routine_body").asText("SQL").equalsIgnoreCase("EXTERNAL");
        return Optional.of(switch (type) {
            case "PROCEDURE" -> "CREATE PROCEDURE " + full + "\nBEGIN\n" + body.get() + "\nEND";
            case "TABLE FUNCTION", "TABLE_FUNCTION" -> "CREATE TABLE FUNCTION " + full + " AS (\n" + body.get() + "\n)";
            default -> javascript ? "CREATE FUNCTION " + full + " LANGUAGE js AS r'''" + body.get().replace("'''", "") + "'''"
                    : "CREATE FUNCTION " + full + " AS (\n" + body.get() + "\n)";
        });
    }

    private static String key(String project, String dataset, String name) {
        return (project + "." + dataset + "." + name).toLowerCase(Locale.ROOT);
    }

    private static String quoted(TableRef t) {
        return "`" + t.fqn() + "`";
    }

    private static String text(JsonNode row, String field) {
        return optional(row, field).orElseThrow(() -> new IllegalArgumentException("'" + field + "' is missing or not a string"));
    }

    private static Optional<String> optional(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }
}
