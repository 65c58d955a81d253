package dev.colineage.core.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.json.JsonLines;
import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.DottedName;
import dev.colineage.core.sql.Token;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The persistent functions of a warehouse, read from {@code INFORMATION_SCHEMA.ROUTINES} rows (JSON lines
 * with {@code routine_catalog}, {@code routine_schema}, {@code routine_name}, {@code routine_type},
 * {@code routine_body}, {@code ddl}), so that a call such as {@code mozfun.hist.extract(h)} is traced
 * the way a script's TEMP FUNCTION is: only the arguments its body uses flow, masked when the body
 * hashes. A body calling other routines masks when one of them does (followed transitively; a cycle
 * of routines calling each other is cut where it closes). JavaScript bodies cannot be read: every
 * argument flows, as a TRANSFORMATION. Table functions ({@code FROM ds.tvf(args)}) and procedures
 * ({@code CALL ds.p(args)}) are kept with their bodies, which the analysis reads at the call.
 */
public final class RoutineCatalog {

    private static final RoutineCatalog EMPTY = new RoutineCatalog(Map.of(), Map.of(), Map.of(), List.of());

    /** Function namespaces of BigQuery itself: {@code NET.HOST(x)} is no routine of the warehouse. */
    private static final Set<String> BUILT_IN_NAMESPACES = Set.of("safe", "net", "hll_count", "keys", "aead",
            "deterministic_aead", "kll_quantiles", "ml", "vector_search", "ai", "obj", "appends", "changes");

    /** Functions by lower-case {@code project.dataset.name}. */
    private final Map<String, UserFunction> functions;
    /** Table functions and procedures, by lower-case full name. */
    private final Map<String, TableValuedFunction> tableFunctions;
    private final Map<String, Procedure> procedures;
    /** Rows that could not be read (line number and reason). */
    private final List<String> problems;

    private RoutineCatalog(Map<String, UserFunction> functions, Map<String, TableValuedFunction> tableFunctions,
                           Map<String, Procedure> procedures, List<String> problems) {
        this.functions = Map.copyOf(functions);
        this.tableFunctions = Map.copyOf(tableFunctions);
        this.procedures = Map.copyOf(procedures);
        this.problems = List.copyOf(problems);
    }

    public static RoutineCatalog empty() {
        return EMPTY;
    }

    public static RoutineCatalog load(Path jsonLines) {
        try {
            return parse(Files.readAllLines(jsonLines, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routines " + jsonLines, e);
        }
    }

    /** One {@code INFORMATION_SCHEMA.ROUTINES} row per line; blank lines are skipped, bad ones reported. */
    public static RoutineCatalog parse(List<String> lines) {
        Map<String, UserFunction> direct = new HashMap<>();
        Map<String, Set<String>> calls = new HashMap<>();
        Set<String> javascript = new HashSet<>();
        Map<String, TableValuedFunction> tableFunctions = new HashMap<>();
        Map<String, Procedure> procedures = new HashMap<>();
        List<String> problems = JsonLines.read(lines, (line, row) -> {
            String project = text(row, "routine_catalog");
            String dataset = text(row, "routine_schema");
            String name = text(row, "routine_name");
            String type = row.path("routine_type").asText("FUNCTION").toUpperCase(Locale.ROOT);
            String full = (project + "." + dataset + "." + name).toLowerCase(Locale.ROOT);
            String ddl = text(row, "ddl");
            List<Token> words = BigQueryLexer.tokenize(ddl).stream().filter(t -> !t.isTrivia()).toList();
            if (type.equals("PROCEDURE") || type.equals("TABLE FUNCTION") || type.equals("TABLE_FUNCTION")) {
                boolean procedure = type.equals("PROCEDURE");
                Optional<Procedure> p = procedure ? ScriptDirectives.procedure(ddl, words) : Optional.empty();
                Optional<TableValuedFunction> f = procedure ? Optional.empty() : ScriptDirectives.tableFunction(ddl, words);
                p.ifPresent(x -> procedures.put(full, x.named(full)));
                f.ifPresent(x -> tableFunctions.put(full, x.named(full)));
                if (p.isEmpty() && f.isEmpty()) {
                    throw new IllegalArgumentException(full + ": the ddl declares no " + (procedure ? "procedure body" : "table function query"));
                }
                return;
            }
            UserFunction f = ScriptDirectives.tempFunction(words).orElseThrow(
                    () -> new IllegalArgumentException(full + ": the ddl declares no function")).named(full);
            if (row.path("routine_body").asText("SQL").equalsIgnoreCase("EXTERNAL")) {
                f = f.usingEveryArgument();
                javascript.add(full);
            } else {
                calls.put(full, calledNames(words, project));
            }
            direct.put(full, f);
        });
        Map<String, UserFunction> resolved = new HashMap<>();
        for (Map.Entry<String, UserFunction> e : direct.entrySet()) {
            boolean masks = !javascript.contains(e.getKey()) && masks(e.getKey(), direct, calls, new HashSet<>());
            resolved.put(e.getKey(), masks && !e.getValue().masking() ? e.getValue().masked() : e.getValue());
        }
        return new RoutineCatalog(resolved, tableFunctions, procedures, problems);
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    /** Whether {@code name}'s body hashes, itself or through the routines it calls; {@code seen} cuts cycles. */
    private static boolean masks(String name, Map<String, UserFunction> direct, Map<String, Set<String>> calls, Set<String> seen) {
        UserFunction f = direct.get(name);
        if (f == null || !seen.add(name)) {
            return false;
        }
        if (f.masking()) {
            return true;
        }
        for (String callee : calls.getOrDefault(name, Set.of())) {
            if (masks(callee, direct, calls, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The routines a body calls ({@code ds.f(} or {@code p.ds.f(}), by full name; inside a body {@code ds.f} is the routine's own project. */
    private static Set<String> calledNames(List<Token> words, String project) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < words.size(); i++) {
            if (!words.get(i).isName()) {
                continue;
            }
            DottedName.Read read = DottedName.readAt(words, i);
            if (read.next() < words.size() && words.get(read.next()).isSymbol("(")) {
                fullName(TableNameResolver.nameParts(read.name()), Optional.of(project)).ifPresent(out::add);
            }
            i = read.next() - 1;
        }
        return out;
    }

    /**
     * The full lower-case name of a call to a persistent routine ({@code ds.f} in the default project, or
     * {@code p.ds.f}); empty for a plain or built-in function.
     */
    static Optional<String> fullName(List<String> parts, Optional<String> defaultProject) {
        if (parts.size() < 2 || parts.size() > 3 || BUILT_IN_NAMESPACES.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (parts.size() == 2) {
            return defaultProject.map(p -> (p + "." + parts.get(0) + "." + parts.get(1)).toLowerCase(Locale.ROOT));
        }
        return Optional.of(String.join(".", parts).toLowerCase(Locale.ROOT));
    }

    /** The function a call names, by full lower-case name. */
    public Optional<UserFunction> function(String fullName) {
        return Optional.ofNullable(functions.get(fullName.toLowerCase(Locale.ROOT)));
    }

    /** The table function {@code FROM ds.tvf(...)} names, by full lower-case name. */
    public Optional<TableValuedFunction> tableFunction(String fullName) {
        return Optional.ofNullable(tableFunctions.get(fullName.toLowerCase(Locale.ROOT)));
    }

    /** The procedure {@code CALL ds.p(...)} names, by full lower-case name. */
    public Optional<Procedure> procedure(String fullName) {
        return Optional.ofNullable(procedures.get(fullName.toLowerCase(Locale.ROOT)));
    }

    /** Functions, table functions and procedures read. */
    public int size() {
        return functions.size() + tableFunctions.size() + procedures.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Rows that could not be read, each with its line number. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
