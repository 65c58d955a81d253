package dev.colineage.core.resolve;

import dev.colineage.core.catalog.TableNameResolver;
import dev.colineage.core.compose.TransientComposition;
import dev.colineage.core.compose.TransientTables;
import dev.colineage.core.model.Edge;
import dev.colineage.core.model.TableRef;
import dev.colineage.core.sql.ShortLivedTables;
import dev.colineage.core.model.Diagnostic;
import dev.colineage.core.model.LineageResult;
import dev.colineage.core.sql.ParseOutcome;
import dev.colineage.core.sql.PositionMap;
import dev.colineage.core.sql.ScriptStatement;
import dev.colineage.core.sql.ScriptSplitter;
import dev.colineage.core.sql.StatementParser;
import dev.colineage.core.sql.Token;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import net.sf.jsqlparser.statement.select.Select;

/**
 * Column-level lineage of BigQuery SQL: a statement or a whole script. Statements are resolved in
 * order, so temp tables, tables created earlier and variables carry through. Bad SQL never throws: it
 * becomes a diagnostic and the other statements are still analysed.
 *
 * <p>Not thread-safe (it owns a parser with its worker thread): use one per thread, and close it.
 * Statements are resolved on a thread of its own with a deep stack ({@link #RESOLVER_STACK_BYTES}): the
 * resolver's visitors recurse once per operator, and real generated SQL chains thousands of them.
 */
public final class LineageAnalyzer implements AutoCloseable {

    /** Stack of the resolving thread: 4,000-term {@code a + a + ...} chains need ~10 MB; reserved, not committed. */
    public static final long RESOLVER_STACK_BYTES = 256L << 20;

    private final StatementParser parser;
    private final java.util.concurrent.ExecutorService resolver = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "colineage-resolver", RESOLVER_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    public LineageAnalyzer() {
        this(new StatementParser());
    }

    public LineageAnalyzer(StatementParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser is null");
    }

    public LineageResult analyze(String sql, AnalysisOptions options) {
        return analyze(sql, options, new ScriptState());
    }

    /**
     * Analyses {@code sql} continuing from {@code state}: the temp tables, variables and temp
     * functions that earlier queries of the same BigQuery session left. {@code state} is updated.
     */
    public LineageResult analyze(String sql, AnalysisOptions options, ScriptState state) {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(options, "options is null");
        Objects.requireNonNull(state, "state is null");
        java.util.concurrent.Future<LineageResult> result = resolver.submit(() -> resolve(sql, options, state));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analysing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            // resolve() turns every failure into a diagnostic; only an Error outside a statement lands here
            throw new IllegalStateException("lineage analysis failed: " + e.getCause(), e.getCause());
        }
    }

    private LineageResult resolve(String sql, AnalysisOptions options, ScriptState state) {
        AnalysisContext context = new AnalysisContext(
                new TableNameResolver(options.defaultProject(), options.defaultDataset(), options.catalog()), state, parser,
                options.routines());
        EdgeCollector edges = new EdgeCollector();
        List<ScriptStatement> statements = ScriptSplitter.split(sql);
        Set<TableRef> shortLived = new LinkedHashSet<>();
        Set<TableRef> dropped = new LinkedHashSet<>();
        for (ScriptStatement statement : statements) {
            ScriptDirectives.droppedRelation(statement.text()).ifPresent(t -> dropped.add(
                    context.names().resolve(TableNameResolver.nameParts(t))));
            ScriptDirectives.droppedTable(statement.text()).ifPresent(t -> context.droppedInScript(
                    context.names().resolve(TableNameResolver.nameParts(t))));
            ShortLivedTables.shortLivedTable(statement.text()).ifPresent(t -> shortLived.add(
                    context.names().resolve(TableNameResolver.nameParts(t))));
        }
        int understood = 0;
        for (ScriptStatement statement : statements) {
            context.startStatement(statement.index(), dev.colineage.core.sql.RewriteFacts.none());
            try {
                if (analyseOne(sql, statement, options, context, edges)) {
                    understood++;
                }
            } catch (StackOverflowError e) {
                context.report(Diagnostic.Level.ERROR, Diagnostic.TOO_DEEP,
                        "the statement nests deeper than the resolver follows; its lineage is not traced");
            } catch (RuntimeException e) {
                // a resolver bug must not lose the rest of the script
                context.report(Diagnostic.Level.ERROR, Diagnostic.INTERNAL_ERROR,
                        "could not resolve statement: " + e.getClass().getSimpleName() + ": " + e.getMessage() + where(e));
            }
        }
        if (statements.isEmpty()) {
            context.report(Diagnostic.Level.ERROR, Diagnostic.PARSE_ERROR, "no SQL statement in the input");
        }
        Set<String> shortLivedNames = new HashSet<>();
        shortLived.forEach(t -> shortLivedNames.add(lower(t)));
        Predicate<TableRef> isTransient = t -> TransientTables.isDbtTemporary(t) || shortLivedNames.contains(lower(t));
        return new LineageResult(throughTransient(edges.edges(), isTransient), context.diagnostics(), statements.size(),
                understood, transientTables(edges.edges(), shortLived, isTransient),
                new LineageResult.RoutineCalls(context.routineCalls(), context.routineCallsResolved()), List.copyOf(dropped));
    }

    /**
     * A transient table the script writes and reads is resolved through: its readers' edges start at
     * its sources. The edges into it stay, for the jobs that read it later; a transient table the
     * script only reads (another job wrote it) keeps its edges, for the graph to compose across jobs.
     */
    private static List<Edge> throughTransient(List<Edge> found, Predicate<TableRef> isTransient) {
        Set<String> written = new HashSet<>();
        found.stream().map(e -> e.target().table()).filter(isTransient).forEach(t -> written.add(lower(t)));
        if (written.isEmpty()) {
            return found;
        }
        Predicate<TableRef> writtenHere = t -> written.contains(lower(t));
        EdgeCollector kept = new EdgeCollector();
        found.stream().filter(e -> !writtenHere.test(e.source().table())).forEach(kept::add);
        TransientComposition.compose(found, writtenHere).forEach(kept::add);
        return kept.edges();
    }

    /** Where in lineage-core a bug surfaced, so that a report of it can be traced without the input. */
    private static String where(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("dev.colineage.")) {
                return " (at " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName()
                        + ":" + f.getLineNumber() + ")";
            }
        }
        return "";
    }

    private static String lower(TableRef t) {
        return t.fqn().toLowerCase(Locale.ROOT);
    }

    /** The script's transient tables: those it creates to expire soon, and dbt's scratch tables it touches. */
    private static List<TableRef> transientTables(List<Edge> found, Set<TableRef> shortLived, Predicate<TableRef> isTransient) {
        Set<TableRef> tables = new java.util.TreeSet<>(java.util.Comparator.comparing(TableRef::fqn));
        tables.addAll(shortLived);
        for (Edge e : found) {
            if (isTransient.test(e.source().table())) {
                tables.add(e.source().table());
            }
            if (isTransient.test(e.target().table())) {
                tables.add(e.target().table());
            }
        }
        return List.copyOf(tables);
    }

    private boolean analyseOne(String script, ScriptStatement statement, AnalysisOptions options,
                               AnalysisContext context, EdgeCollector edges) {
        // the first words decide the kind; only directives need all their tokens
        String text = statement.text();
        List<Token> words = ScriptDirectives.significant(text.length() > 200 ? text.substring(0, 200) : text);
        ScriptDirectives.Kind kind = ScriptDirectives.kindOf(words);
        if (kind == ScriptDirectives.Kind.TEMP_FUNCTION || kind == ScriptDirectives.Kind.DECLARE || kind == ScriptDirectives.Kind.SET
                || kind == ScriptDirectives.Kind.PROCEDURE || kind == ScriptDirectives.Kind.CALL
                || kind == ScriptDirectives.Kind.TABLE_FUNCTION) {
            words = ScriptDirectives.significant(text);
        }
        switch (kind) {
            case NO_LINEAGE:
                return true;
            case DYNAMIC_SQL:
                context.report(Diagnostic.Level.WARNING, Diagnostic.UNSUPPORTED_STATEMENT,
                        "EXECUTE IMMEDIATE runs SQL built at run time; it cannot be analysed statically");
                return false;
            case STATIC_EXECUTE:
                return runNested(ScriptDirectives.staticSql(words).orElseThrow(), options, context, edges);
            case PROCEDURE:
                ScriptDirectives.procedure(text, words).ifPresent(p -> context.script().putProcedure(p));
                return true;
            case CALL:
                return call(ScriptDirectives.call(text, words), options, context, edges);
            case TEMP_FUNCTION:
                ScriptDirectives.tempFunction(words).ifPresent(f -> context.script().putFunction(f));
                return true;
            case TABLE_FUNCTION:
                // a parameterised query with no table of its own: FROM name(args) later reads through it
                ScriptDirectives.tableFunction(text, words).ifPresent(f -> context.script().putTableFunction(f));
                return true;
            case TABLE_COPY:
                List<String> names = ScriptDirectives.tableCopy(words).orElseThrow();
                new StatementLineage(context, edges, options.destination()).tableCopy(names.get(0), names.get(1));
                return true;
            case DECLARE:
                return assign(ScriptDirectives.declare(statement.text(), words), context);
            case SET:
                return assign(ScriptDirectives.set(statement.text(), words), context);
            default:
                break;
        }
        ParseOutcome outcome = parser.parse(statement.text());
        if (!outcome.parsed()) {
            reportParseFailure(script, statement, outcome, context);
            return false;
        }
        context.startStatement(statement.index(), outcome.rewritten().facts());
        context.startCoverage();
        StatementLineage lineage = new StatementLineage(context, edges, options.destination());
        if (!lineage.analyse(outcome.statement().get())) {
            context.report(Diagnostic.Level.INFO, Diagnostic.UNSUPPORTED_STATEMENT,
                    outcome.statement().get().getClass().getSimpleName() + " statements carry no column lineage here");
            return true;
        }
        CoverageGuard.check(outcome.statement().get(), context);
        return true;
    }

    /** Procedures calling procedures: deeper than this is taken for recursion and not followed. */
    private static final int MAX_CALL_DEPTH = 8;
    private int callDepth;

    /**
     * {@code CALL p(args)} of a procedure this script or session created: its body runs with IN
     * arguments bound to the parameters, and OUT parameters handed back to the variables passed.
     * Otherwise a persistent procedure of the routines given ({@code CALL ds.p(args)}, the whole text of
     * a scheduled CALL job), with the same script semantics; one the routines lack moves no data that
     * this text shows.
     */
    private boolean call(java.util.Optional<ScriptDirectives.Call> call, AnalysisOptions options, AnalysisContext context,
                         EdgeCollector edges) {
        if (call.isEmpty()) {
            return true;
        }
        java.util.Optional<Procedure> script = context.script().procedure(call.get().name());
        java.util.Optional<Procedure> procedure = script.isPresent() ? script
                : context.persistentProcedure(dev.colineage.core.catalog.TableNameResolver.nameParts(call.get().name()));
        // a persistent procedure's body names tables in its own project
        java.util.Optional<String> bodyProject = script.isPresent() ? java.util.Optional.empty()
                : procedure.flatMap(p -> AnalysisContext.projectOf(p.name()));
        if (procedure.isEmpty()) {
            return true;
        }
        if (callDepth >= MAX_CALL_DEPTH) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.UNSUPPORTED_STATEMENT,
                    "procedure " + call.get().name() + " calls itself more than " + MAX_CALL_DEPTH + " deep; not followed further");
            return false;
        }
        List<Procedure.Parameter> parameters = procedure.get().parameters();
        List<String> arguments = call.get().arguments();
        for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
            if (parameters.get(i).bindsArgument()) {
                assign(new ScriptDirectives.Assignment(List.of(parameters.get(i).name()), java.util.Optional.of(arguments.get(i))), context);
            }
        }
        boolean understood = context.inProject(bodyProject, () -> runNested(procedure.get().body(), options, context, edges));
        for (int i = 0; i < parameters.size() && i < arguments.size(); i++) {
            String argument = arguments.get(i).replace("`", "");
            if (parameters.get(i).returnsValue() && argument.matches("[A-Za-z_][A-Za-z_0-9]*")) {
                context.script().variable(parameters.get(i).name()).ifPresent(v -> context.script().putVariable(argument, v));
            }
        }
        return understood;
    }

    /** Statements run from inside this one (a procedure body, EXECUTE IMMEDIATE's literal SQL). */
    private boolean runNested(String sql, AnalysisOptions options, AnalysisContext context, EdgeCollector edges) {
        int statementIndex = context.statement();
        callDepth++;
        try {
            boolean all = true;
            for (ScriptStatement nested : ScriptSplitter.split(sql)) {
                context.startStatement(statementIndex, dev.colineage.core.sql.RewriteFacts.none());
                all &= analyseOne(sql, new ScriptStatement(statementIndex, nested.text(), nested.offset()), options, context, edges);
            }
            return all;
        } finally {
            callDepth--;
            context.startStatement(statementIndex, dev.colineage.core.sql.RewriteFacts.none());
        }
    }

    /** A variable takes the lineage of the expression or query assigned to it. */
    private boolean assign(ScriptDirectives.Assignment assignment, AnalysisContext context) {
        if (assignment.expression().isEmpty()) {
            return true;
        }
        String expression = assignment.expression().get();
        boolean tuple = assignment.names().size() > 1;
        ParseOutcome outcome = parser.parse(tuple ? "SELECT * FROM " + expression : "SELECT " + expression);
        if (!outcome.parsed()) {
            context.report(Diagnostic.Level.WARNING, Diagnostic.PARSE_ERROR,
                    "cannot parse the value assigned to " + String.join(", ", assignment.names()) + ": " + outcome.error().orElse(""));
            return false;
        }
        context.startStatement(context.statement(), outcome.rewritten().facts());
        if (!(outcome.statement().get() instanceof Select select)) {
            return false;
        }
        context.startCoverage();
        Relation r = QueryLineage.resolve(select, Scope.root(context));
        CoverageGuard.check(select, context);
        for (int i = 0; i < assignment.names().size(); i++) {
            Value v;
            if (tuple) {
                v = i < r.columns().size() ? r.columns().get(i).value() : Value.NOTHING;
            } else {
                v = r.columns().isEmpty() ? Value.NOTHING : r.columns().get(0).value();
            }
            context.script().putVariable(assignment.names().get(i),
                    new Value(v.deps().plus(r.tableWide()), v.fields(), v.schema()));
        }
        return true;
    }

    private static void reportParseFailure(String script, ScriptStatement statement, ParseOutcome outcome,
                                           AnalysisContext context) {
        String code = outcome.timedOut() ? Diagnostic.PARSE_TIMEOUT : Diagnostic.PARSE_ERROR;
        Diagnostic d = Diagnostic.of(Diagnostic.Level.ERROR, code, outcome.error().orElse("parse failed"), statement.index());
        if (outcome.errorOffset() >= 0) {
            PositionMap.LineColumn at = PositionMap.lineColumnOf(script, statement.offset() + outcome.errorOffset());
            d = d.at(at.line(), at.column());
        }
        context.report(d);
    }

    @Override
    public void close() {
        parser.close();
        resolver.shutdownNow();
    }

}
