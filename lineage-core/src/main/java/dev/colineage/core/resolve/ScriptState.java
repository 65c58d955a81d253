package dev.colineage.core.resolve;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier statements of a script left for later ones: temp tables (resolved through, never
 * nodes), variables set from queries, temporary functions and procedures. Mutable, one per analysis.
 */
public final class ScriptState {

    private final Map<String, Relation> tempTables = new HashMap<>();
    private final Map<String, Value> variables = new HashMap<>();
    private final Map<String, UserFunction> functions = new HashMap<>();
    private final Map<String, Procedure> procedures = new HashMap<>();
    private final Map<String, TableValuedFunction> tableFunctions = new HashMap<>();

    public Optional<Relation> tempTable(String name) {
        return Optional.ofNullable(tempTables.get(name.toLowerCase(Locale.ROOT)));
    }

    public void putTempTable(String name, Relation relation) {
        tempTables.put(name.toLowerCase(Locale.ROOT), relation);
    }

    public Optional<Value> variable(String name) {
        return Optional.ofNullable(variables.get(name.toLowerCase(Locale.ROOT)));
    }

    public void putVariable(String name, Value value) {
        variables.put(name.toLowerCase(Locale.ROOT), value);
    }

    public Optional<Procedure> procedure(String name) {
        return Optional.ofNullable(procedures.get(name.toLowerCase(Locale.ROOT)));
    }

    public void putProcedure(Procedure procedure) {
        procedures.put(procedure.name().toLowerCase(Locale.ROOT), procedure);
    }

    public Optional<TableValuedFunction> tableFunction(String name) {
        return Optional.ofNullable(tableFunctions.get(name.toLowerCase(Locale.ROOT)));
    }

    public void putTableFunction(TableValuedFunction function) {
        tableFunctions.put(function.name().toLowerCase(Locale.ROOT), function);
    }

    /** Binds a variable, handing back what it held before (a table function's parameter shadows it). */
    public Optional<Value> replaceVariable(String name, Optional<Value> value) {
        String key = name.toLowerCase(Locale.ROOT);
        Optional<Value> before = Optional.ofNullable(variables.get(key));
        if (value.isPresent()) {
            variables.put(key, value.get());
        } else {
            variables.remove(key);
        }
        return before;
    }

    public Optional<UserFunction> function(String name) {
        return Optional.ofNullable(functions.get(name.toLowerCase(Locale.ROOT)));
    }

    public void putFunction(UserFunction function) {
        functions.put(function.name().toLowerCase(Locale.ROOT), function);
    }
}
