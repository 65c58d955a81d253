package dev.colineage.core.resolve;

import dev.colineage.core.model.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names visible at one point of a query: FROM items (tables, aliases, UNNESTs, subqueries),
 * CTEs, the enclosing query's scope (for correlated subqueries) and script variables. Resolves a
 * column reference to its value, or reports why it cannot.
 */
public final class Scope {

    /** BigQuery pseudo-columns: they exist on every table of the right kind and carry no lineage. */
    private static final Set<String> PSEUDO_COLUMNS = Set.of("_table_suffix", "_partitiontime", "_partitiondate",
            "_file_name", "_change_type", "_change_timestamp");

    /** Date parts and weekdays, written as bare words in DATE_TRUNC(d, MONTH), WEEK(MONDAY), ... */
    static final Set<String> DATE_PARTS = Set.of("microsecond", "millisecond", "second", "minute", "hour", "day",
            "dayofweek", "dayofyear", "week", "isoweek", "month", "quarter", "year", "isoyear", "date", "datetime",
            "time", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    private final AnalysisContext context;
    private final Optional<Scope> parent;
    private final Map<String, Relation> ctes;
    private final List<ScopeEntry> entries = new ArrayList<>();
    private final Map<String, Value> usingColumns = new HashMap<>();
    /** Select-list aliases, visible to HAVING, QUALIFY and ORDER BY after the FROM items' columns. */
    private final Map<String, Value> outputAliases = new HashMap<>();

    private Scope(AnalysisContext context, Optional<Scope> parent, Map<String, Relation> ctes) {
        this.context = context;
        this.parent = parent;
        this.ctes = ctes;
    }

    /** The scope of a top-level statement. */
    public static Scope root(AnalysisContext context) {
        return new Scope(context, Optional.empty(), Map.of());
    }

    /** A nested query's scope: it sees this scope's names (correlation) and CTEs. */
    public Scope child() {
        return new Scope(context, Optional.of(this), ctes);
    }

    /** The same visibility with more CTEs defined. */
    public Scope withCte(String name, Relation relation) {
        Map<String, Relation> more = new HashMap<>(ctes);
        more.put(name.toLowerCase(Locale.ROOT), relation);
        Scope s = new Scope(context, parent, more);
        s.entries.addAll(entries);
        s.usingColumns.putAll(usingColumns);
        return s;
    }

    /**
     * The scope of a subquery in FROM: it sees the enclosing query's names and the CTEs, but not
     * the other items of the FROM clause it is part of (only UNNEST and LATERAL may).
     */
    public Scope derivedTable() {
        return new Scope(context, parent, ctes);
    }

    /** The same names plus the select list's aliases, for HAVING, QUALIFY and ORDER BY. */
    public Scope withOutputColumns(List<RelationColumn> outputs) {
        Scope s = new Scope(context, parent, ctes);
        s.entries.addAll(entries);
        s.usingColumns.putAll(usingColumns);
        for (RelationColumn c : outputs) {
            if (!c.isUnlisted()) {
                s.outputAliases.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.value());
            }
        }
        return s;
    }

    /** This (empty) scope, seeing the CTEs of {@code other}. */
    public Scope withCtesOf(Scope other) {
        return new Scope(context, parent, other.ctes);
    }

    public AnalysisContext context() {
        return context;
    }

    public Optional<Relation> cte(String name) {
        return Optional.ofNullable(ctes.get(name.toLowerCase(Locale.ROOT)));
    }

    public void add(ScopeEntry entry) {
        entries.add(entry);
    }

    public List<ScopeEntry> entries() {
        return List.copyOf(entries);
    }

    /** {@code JOIN ... USING (k)}: {@code k} unqualified now means the merged join column. */
    public void addUsingColumn(String name, Value merged) {
        usingColumns.put(name.toLowerCase(Locale.ROOT), merged);
    }

    public boolean isUsingColumn(String name) {
        return usingColumns.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Optional<ScopeEntry> entry(String alias) {
        for (ScopeEntry e : entries) {
            if (e.alias().equalsIgnoreCase(alias)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a dotted reference ({@code col}, {@code alias.col}, {@code col.field},
     * {@code dataset.table.col}...). Reports unknown and ambiguous names; never throws.
     */
    public Optional<Value> resolve(List<String> parts) {
        if (parts.isEmpty() || parts.get(0).isEmpty()) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.UNKNOWN_COLUMN, "an empty column name is not a column");
            return Optional.empty();
        }
        ambiguousReported = false;
        Optional<Value> here = resolveHere(parts);
        if (here.isPresent() || ambiguousReported) {
            return here;
        }
        if (parent.isPresent()) {
            // a correlated reference: the enclosing query resolves it, or reports it
            return parent.get().resolve(parts);
        }
        Optional<Value> variable = context.script().variable(parts.get(0));
        if (variable.isPresent()) {
            return Optional.of(fields(variable.get(), parts, 1));
        }
        // date parts never reach here from their own positions: a date-part word here is a column nobody has
        if (!isPseudo(parts)) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.UNKNOWN_COLUMN,
                    "column " + String.join(".", parts) + " is not in any table in scope");
        }
        return Optional.empty();
    }

    /** Whether this scope or an enclosing one has the name, without reporting anything. */
    private boolean canResolve(List<String> parts) {
        if (parts.size() > 1 && entry(parts.get(0)).isPresent()) {
            return true;
        }
        for (ScopeEntry e : entries) {
            if (e.relation().lists(parts.get(0))) {
                return true;
            }
        }
        return parent.isPresent() && parent.get().canResolve(parts);
    }

    /** Set by {@link #resolveHere} when it reported an ambiguity: nothing further is tried. */
    private boolean ambiguousReported;

    private Optional<Value> resolveHere(List<String> parts) {
        String first = parts.get(0);
        // alias.column..., or an aliased UNNEST element
        if (parts.size() > 1) {
            Optional<ScopeEntry> byAlias = entry(first);
            if (byAlias.isPresent()) {
                return Optional.of(fromEntry(byAlias.get(), parts, 1));
            }
        }
        // column..., unqualified
        Value using = usingColumns.get(first.toLowerCase(Locale.ROOT));
        if (using != null) {
            return Optional.of(fields(using, parts, 1));
        }
        List<ScopeEntry> listing = new ArrayList<>();
        for (ScopeEntry e : entries) {
            if (e.relation().lists(first)) {
                listing.add(e);
            }
        }
        if (listing.size() == 1) {
            return Optional.of(fromEntry(listing.get(0), parts, 0));
        }
        if (listing.size() > 1) {
            return ambiguous(parts, listing.size());
        }
        Value alias = outputAliases.get(first.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return Optional.of(fields(alias, parts, 1));
        }
        // an aliased value table or a table alias alone: the whole row / element
        Optional<ScopeEntry> whole = entry(first);
        if (whole.isPresent()) {
            ScopeEntry e = whole.get();
            Value row = e.rowValue().orElseGet(() -> e.relation().asStruct());
            return Optional.of(fields(row, parts, 1));
        }
        // dataset.table.column, project.dataset.table.column
        for (ScopeEntry e : entries) {
            if (e.table().isEmpty()) {
                continue;
            }
            int matched = tablePrefixLength(e, parts);
            if (matched > 0 && parts.size() > matched) {
                return Optional.of(fromEntry(e, parts, matched));
            }
        }
        // a column of a table whose schema is unknown, if exactly one such table is in scope
        if (parent.isPresent() && parent.get().canResolve(parts)) {
            return Optional.empty();
        }
        if (context.script().variable(first).isPresent()) {
            return Optional.empty();
        }
        List<ScopeEntry> open = new ArrayList<>();
        for (ScopeEntry e : entries) {
            if (!e.relation().unlisted().isEmpty()) {
                open.add(e);
            }
        }
        // a date-part word here is a column: date parts in their own positions never reach the resolver
        if (open.size() == 1 && !isPseudo(parts)) {
            return Optional.of(fromEntry(open.get(0), parts, 0));
        }
        if (open.size() > 1 && !isPseudo(parts)) {
            return ambiguous(parts, open.size());
        }
        return Optional.empty();
    }

    private static boolean isPseudo(List<String> parts) {
        return parts.size() == 1 && PSEUDO_COLUMNS.contains(parts.get(0).toLowerCase(Locale.ROOT));
    }

    private Optional<Value> ambiguous(List<String> parts, int candidates) {
        ambiguousReported = true;
        context.report(Diagnostic.Level.WARNING, Diagnostic.AMBIGUOUS_COLUMN,
                "column " + String.join(".", parts) + " could come from " + candidates + " tables in scope; qualify it");
        return Optional.empty();
    }

    private static int tablePrefixLength(ScopeEntry e, List<String> parts) {
        var t = e.table().get();
        if (parts.size() > 3 && parts.get(0).equalsIgnoreCase(t.project()) && parts.get(1).equalsIgnoreCase(t.dataset())
                && parts.get(2).equalsIgnoreCase(t.name())) {
            return 3;
        }
        if (parts.size() > 2 && parts.get(0).equalsIgnoreCase(t.dataset()) && parts.get(1).equalsIgnoreCase(t.name())) {
            return 2;
        }
        return 0;
    }

    /** The value of {@code parts[from]} in the entry, then its nested fields. */
    private Value fromEntry(ScopeEntry entry, List<String> parts, int from) {
        if (from >= parts.size()) {
            return entry.rowValue().orElseGet(() -> entry.relation().asStruct());
        }
        String column = parts.get(from);
        if (entry.rowValue().isPresent() && !entry.relation().lists(column)) {
            return fields(entry.rowValue().get(), parts, from);
        }
        Relation.Lookup found = entry.relation().column(column);
        Value value;
        if (found instanceof Relation.Found f) {
            value = f.value();
        } else if (found instanceof Relation.Ambiguous a) {
            ambiguous(parts, a.candidates());
            return Value.NOTHING;
        } else {
            if (!PSEUDO_COLUMNS.contains(column.toLowerCase(Locale.ROOT))) {
                context.report(Diagnostic.Level.WARNING, Diagnostic.UNKNOWN_COLUMN,
                        "column " + column + " is not in " + entry.table().map(Object::toString).orElse(entry.alias()));
            }
            value = entry.table().map(t -> Value.of(Dependencies.of(t.column(column),
                    dev.colineage.core.model.Transformation.IDENTITY))).orElse(Value.NOTHING);
        }
        return fields(value, parts, from + 1);
    }

    private static Value fields(Value value, List<String> parts, int from) {
        Value v = value;
        for (int i = from; i < parts.size(); i++) {
            v = v.field(parts.get(i));
        }
        return v;
    }
}
