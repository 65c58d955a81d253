package dev.colineage.core.resolve;

import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.sql.RewriteFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Per-analysis state shared by the resolver's parts: name resolution, the script's state, and the
 * diagnostics collected so far (deduplicated: one unknown table is reported once per statement).
 */
public final class AnalysisContext {

    private TableNameResolver names;
    private final ScriptState script;
    private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    private int statement;
    private RewriteFacts facts = RewriteFacts.none();
    /** Column reference nodes of the current statement that were resolved, recognised or reported. */
    private final Set<Object> traced = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** Parses expressions the rewriter kept aside, under the parser's time limit. */
    private final dev.colineage.core.sql.StatementParser parser;

    /** The warehouse's persistent functions, and how many calls to persistent routines were seen and resolved. */
    private final RoutineCatalog routines;
    private int routineCalls;
    private int routineCallsResolved;

    public AnalysisContext(TableNameResolver names, ScriptState script, dev.colineage.core.sql.StatementParser parser) {
        this(names, script, parser, RoutineCatalog.empty());
    }

    public AnalysisContext(TableNameResolver names, ScriptState script, dev.colineage.core.sql.StatementParser parser,
                           RoutineCatalog routines) {
        this.names = Objects.requireNonNull(names, "names is null");
        this.script = Objects.requireNonNull(script, "script is null");
        this.parser = Objects.requireNonNull(parser, "parser is null");
        this.routines = Objects.requireNonNull(routines, "routines is null");
    }

    /**
     * The persistent function a call names ({@code ds.f} in the default project, {@code p.ds.f}), counting
     * the call; a call the routines lack is reported when routines were given (without them every call
     * would be reported, and the caller did not ask).
     */
    public java.util.Optional<UserFunction> persistentFunction(java.util.List<String> nameParts) {
        return persistent(nameParts, routines::function);
    }

    /** The persistent table function {@code FROM ds.tvf(args)} names, counted and reported like a function call. */
    public java.util.Optional<TableValuedFunction> persistentTableFunction(java.util.List<String> nameParts) {
        return persistent(nameParts, routines::tableFunction);
    }

    /** The persistent procedure {@code CALL ds.p(args)} names, counted and reported like a function call. */
    public java.util.Optional<Procedure> persistentProcedure(java.util.List<String> nameParts) {
        return persistent(nameParts, routines::procedure);
    }

    private <T> java.util.Optional<T> persistent(java.util.List<String> nameParts,
                                                 java.util.function.Function<String, java.util.Optional<T>> lookup) {
        java.util.Optional<String> full = RoutineCatalog.fullName(nameParts, names.defaultProject());
        if (full.isEmpty()) {
            return java.util.Optional.empty();
        }
        routineCalls++;
        java.util.Optional<T> found = lookup.apply(full.get());
        if (found.isPresent()) {
            routineCallsResolved++;
        } else if (!routines.isEmpty()) {
            report(Diagnostic.Level.WARNING, Diagnostic.UNKNOWN_ROUTINE, "routine " + full.get()
                    + " is not in the routines given; every argument is taken to flow into its result");
        }
        return found;
    }

    /** The facts of the statement being read, to be put back after reading a routine body in between. */
    public RewriteFacts saveFacts() {
        return facts;
    }

    public void restoreFacts(RewriteFacts saved) {
        this.facts = Objects.requireNonNull(saved, "saved is null");
    }

    /** A query text (a table function's body) parsed on the parser's worker, with its rewrite facts; empty when it does not parse. */
    public java.util.Optional<dev.colineage.core.sql.ParseOutcome> parseStatement(String text) {
        dev.colineage.core.sql.ParseOutcome outcome = parser.parse(text);
        return outcome.parsed() ? java.util.Optional.of(outcome) : java.util.Optional.empty();
    }

    public int routineCalls() {
        return routineCalls;
    }

    public int routineCallsResolved() {
        return routineCallsResolved;
    }

    /** An expression text parsed on the parser's worker, with its time limit; empty when it does not parse. */
    public java.util.Optional<net.sf.jsqlparser.expression.Expression> parseExpression(String text) {
        return parser.parseExpression(text);
    }

    public TableNameResolver names() {
        return names;
    }

    /** Tables created earlier in the script extend the catalog for the statements after them. */
    public void extendCatalog(dev.colineage.core.catalog.TableSchema table) {
        names = names.withCatalog(names.catalog().with(table));
    }

    /**
     * Runs {@code body} with unqualified projects read in {@code project}: BigQuery reads a persistent
     * routine's body in the routine's own project, whatever project calls it. Tables the body creates
     * still extend the catalog afterwards.
     */
    public <T> T inProject(Optional<String> project, java.util.function.Supplier<T> body) {
        if (project.isEmpty() || project.equals(names.defaultProject())) {
            return body.get();
        }
        Optional<String> caller = names.defaultProject();
        names = names.withDefaultProject(project);
        try {
            return body.get();
        } finally {
            names = names.withDefaultProject(caller);
        }
    }

    /** The project of a persistent routine's full {@code project.dataset.name}. */
    public static Optional<String> projectOf(String routineFullName) {
        List<String> parts = TableNameResolver.nameParts(routineFullName);
        return parts.size() == 3 ? Optional.of(parts.get(0)) : Optional.empty();
    }

    public ScriptState script() {
        return script;
    }

    public void startStatement(int index, RewriteFacts statementFacts) {
        this.statement = index;
        this.facts = Objects.requireNonNull(statementFacts, "statementFacts is null");
    }

    /**
     * Marks a column reference node as accounted for: resolved (or reported as unknown or
     * ambiguous), or recognised as an alias, a target name, a date part.
     */
    public void traced(Object referenceNode) {
        if (referenceNode != null) {
            traced.add(referenceNode);
        }
    }

    public boolean isTraced(Object referenceNode) {
        return traced.contains(referenceNode);
    }

    /** Starts the coverage record of a new parsed statement. */
    public void startCoverage() {
        traced.clear();
    }

    /** Tables this script drops: created here too, they live only inside it and are resolved through. */
    private final Set<String> droppedInScript = new java.util.HashSet<>();

    public void droppedInScript(dev.colineage.core.model.TableRef table) {
        droppedInScript.add(table.fqn().toLowerCase(java.util.Locale.ROOT));
    }

    public boolean isDroppedInScript(dev.colineage.core.model.TableRef table) {
        return droppedInScript.contains(table.fqn().toLowerCase(java.util.Locale.ROOT));
    }

    public int statement() {
        return statement;
    }

    public RewriteFacts facts() {
        return facts;
    }

    public void report(Diagnostic.Level level, String code, String message) {
        diagnostics.add(Diagnostic.of(level, code, message, statement));
    }

    public void report(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    public List<Diagnostic> diagnostics() {
        return new ArrayList<>(diagnostics);
    }
}
