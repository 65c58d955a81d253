package dev.colineage.api;

import dev.colineage.core.model.Transformation;
import dev.colineage.graph.read.LineageTime;
import dev.colineage.graph.read.TraversalOptions;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of what a request carries: names in the path and the query parameters of each endpoint.
 * Anything unknown or malformed is a 400 that names the parameter; nothing unvalidated reaches Cypher
 * (which is parameterised anyway).
 */
final class Params {

    /**
     * A BigQuery name part: what flexible column names allow (letters and digits of any script, marks,
     * connectors, dashes, spaces and {@code & % = + : ' < > # |}), {@code :} of domain-scoped projects, and
     * {@code *} (an unexpanded star); never a control character, a dot, a quote or a bracket.
     */
    private static final Pattern PART = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd}\\p{Zs}&%=+:'<>#|*$]{1,300}");
    /**
     * A table or column outside BigQuery, named by its OpenLineage namespace and name
     * ({@code postgres://db:5432/shop.public.customers[.email]}): a URI scheme, then no space, control character,
     * quote, angle bracket or backslash.
     */
    private static final Pattern FOREIGN = Pattern.compile("[a-z][a-z0-9+.-]{0,30}://[^\\s\\p{Cntrl}\"'<>\\\\]{1,990}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    static final Set<String> TIME = Set.of("as_of", "history");
    static final Set<String> TRAVERSAL = Set.of("depth", "direct", "subtypes", "masking", "limit", "as_of", "history", "paths");
    static final int MAX_LIMIT = 10_000;

    private Params() {
    }

    /** {@code project.dataset.table.column[.field...]}: at least four parts; or a column outside BigQuery. */
    static String column(String value) {
        if (FOREIGN.matcher(value).matches() && value.indexOf('.', value.indexOf("://") + 3) > 0) {
            return value;
        }
        return name(value, "column", 4);
    }

    /** {@code project.dataset.table}; or a table outside BigQuery. */
    static String table(String value) {
        if (FOREIGN.matcher(value).matches()) {
            return value;
        }
        String t = name(value, "table", 3);
        if (t.chars().filter(c -> c == '.').count() != 2) {
            throw Problem.badParameter("table", "a table is project.dataset.table: '" + value + "'");
        }
        return t;
    }

    static String tag(String value) {
        String t = value.toLowerCase(Locale.ROOT);
        if (!TAG.matcher(t).matches()) {
            throw Problem.badParameter("tag", "a tag is 1-64 of a-z 0-9 _ . : - starting with a letter or digit: '" + value + "'");
        }
        return t;
    }

    private static String name(String value, String parameter, int minParts) {
        String[] parts = value.split("\\.", -1);
        if (value.length() > 1024 || parts.length < minParts) {
            throw Problem.badParameter(parameter, "'" + value + "' is not a " + parameter + " name ("
                    + (minParts == 3 ? "project.dataset.table" : "project.dataset.table.column") + ")");
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                throw Problem.badParameter(parameter, "'" + value + "' has an empty or invalid name part '" + p + "'");
            }
        }
        return value;
    }

    /** Refuses query parameters the endpoint does not know: a typo should not silently widen a query. */
    static void only(Context ctx, Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw Problem.badParameter(name, "unknown parameter '" + name + "'; this endpoint takes " + (known.isEmpty()
                        ? "none" : String.join(", ", new java.util.TreeSet<>(known))));
            }
        }
    }

    /** depth (1-100, default unbounded), direct, subtypes, masking, limit (1-10000, default 1000). */
    static TraversalOptions traversal(Context ctx) {
        only(ctx, TRAVERSAL);
        TraversalOptions options = TraversalOptions.defaults();
        Optional<Integer> depth = integer(ctx, "depth", 1, 100);
        if (depth.isPresent()) {
            options = options.withMaxDepth(depth.get());
        }
        if (bool(ctx, "direct").orElse(false)) {
            options = options.directOnly();
        }
        String subtypes = ctx.queryParam("subtypes");
        if (subtypes != null) {
            Set<Transformation.Subtype> only = EnumSet.noneOf(Transformation.Subtype.class);
            for (String s : subtypes.split(",")) {
                try {
                    only.add(Transformation.Subtype.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw Problem.badParameter("subtypes", "unknown subtype '" + s + "'; known: "
                            + java.util.Arrays.toString(Transformation.Subtype.values()));
                }
            }
            options = options.withSubtypes(only);
        }
        Optional<Boolean> masking = bool(ctx, "masking");
        if (masking.isPresent()) {
            options = options.withMasking(masking.get());
        }
        return options.withLimit(integer(ctx, "limit", 1, MAX_LIMIT).orElse(1000)).at(time(ctx.queryParam("as_of"), ctx.queryParam("history")));
    }

    /**
     * Which lineage: {@code as_of} an instant ({@code 2026-10-15T12:00:00Z}) or a date (its end: the lineage as
     * that UTC day closed), {@code history=true} every edge ever seen; neither: the current lineage.
     */
    static LineageTime time(String asOf, String history) {
        boolean all = history != null && bool("history", history);
        if (asOf == null || asOf.isBlank()) {
            return all ? LineageTime.history() : LineageTime.current();
        }
        if (all) {
            throw Problem.badParameter("history", "history=true shows every edge ever seen; it does not go with as_of");
        }
        return LineageTime.asOf(instant("as_of", asOf, true));
    }

    /**
     * An instant or a date; a date is its start ({@code endOfDay} false) or its end (the last instant of that
     * UTC day).
     */
    static Instant instant(String name, String value, boolean endOfDay) {
        String v = value.strip();
        if (v.length() > 40) {
            throw Problem.badParameter(name, name + " is an instant (2026-10-15T12:00:00Z) or a date (2026-10-15)");
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                return endOfDay ? start.plus(Duration.ofDays(1)).minusMillis(1) : start;
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badParameter(name, name + " is an instant (2026-10-15T12:00:00Z) or a date (2026-10-15), not '" + v + "'");
        }
    }

    static Optional<Integer> integer(Context ctx, String name, int min, int max) {
        String v = ctx.queryParam(name);
        return v == null ? Optional.empty() : Optional.of(integer(name, v, min, max));
    }

    static int integer(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw Problem.badParameter(name, name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.badParameter(name, name + " must be an integer, not '" + v + "'");
        }
    }

    static Optional<Boolean> bool(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? Optional.empty() : Optional.of(bool(name, v));
    }

    static boolean bool(String name, String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Problem.badParameter(name, name + " must be true or false, not '" + v + "'");
        };
    }

    static String required(Context ctx, String name, int maxLength) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw Problem.badParameter(name, "missing parameter '" + name + "'");
        }
        if (v.length() > maxLength) {
            throw Problem.badParameter(name, name + " is longer than " + maxLength + " characters");
        }
        return v.strip();
    }
}
