package dev.colineage.core.resolve;

import dev.colineage.core.catalog.SchemaField;
import dev.colineage.core.model.ColumnRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an expression evaluates to, for lineage: the columns it depends on and, when it is a STRUCT
 * whose fields are known, each field's own value. Fields are known either because the SQL built the
 * struct ({@code STRUCT(a AS x)}) or because the catalog describes the RECORD column it reads.
 *
 * @param deps   everything the whole value depends on
 * @param fields fields the SQL built, in order (empty when none)
 * @param schema the catalog field this value reads as is, when it does (gives nested fields lazily)
 */
public record Value(Dependencies deps, Map<String, Value> fields, Optional<SchemaField> schema) {

    public static final Value NOTHING = new Value(Dependencies.none(), Map.of(), Optional.empty());

    public Value {
        Objects.requireNonNull(deps, "deps is null");
        Objects.requireNonNull(fields, "fields is null");
        // most values are not structs: share the empty map rather than copy it (a hot path)
        fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(schema, "schema is null");
    }

    public static Value of(Dependencies deps) {
        return new Value(deps, Map.of(), Optional.empty());
    }

    /** A struct built in SQL: depends on all its fields. */
    public static Value struct(Map<String, Value> fields) {
        Dependencies.Builder all = Dependencies.builder();
        for (Value f : fields.values()) {
            all.add(f.deps);
        }
        return new Value(all.build(), fields, Optional.empty());
    }

    /**
     * The value of a field of this struct. An unknown field still resolves: a pass-through source
     * column gets the field appended to its path ({@code orders.items} -> {@code orders.items.sku}).
     */
    public Value field(String name) {
        for (Map.Entry<String, Value> e : fields.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        Value unlisted = fields.get(RelationColumn.UNLISTED);
        if (unlisted != null) {
            return unlisted.field(name);
        }
        Optional<SchemaField> child = schema.flatMap(s -> s.field(name));
        String spelled = child.map(SchemaField::name).orElse(name);
        Dependencies renamed = deps.mapSources(source -> withField(source, spelled), true);
        return new Value(renamed, Map.of(), child);
    }

    private static ColumnRef withField(ColumnRef source, String field) {
        List<String> path = new ArrayList<>(source.path());
        if (path.get(path.size() - 1).equals(ColumnRef.ALL_COLUMNS)) {
            path.set(path.size() - 1, field);
            return new ColumnRef(source.table(), path);
        }
        return source.child(field);
    }

    /** Names of the known fields: those built in SQL, else the catalog's. */
    public List<String> fieldNames() {
        if (!fields.isEmpty()) {
            return fields.keySet().stream().filter(k -> !k.equals(RelationColumn.UNLISTED)).toList();
        }
        List<String> names = new ArrayList<>();
        schema.ifPresent(s -> s.fields().forEach(f -> names.add(f.name())));
        return names;
    }

    public boolean hasKnownFields() {
        return !fieldNames().isEmpty();
    }

    /** Fields that a schema-less source may provide beyond the known ones, if any. */
    public Optional<Value> unlistedFields() {
        return Optional.ofNullable(fields.get(RelationColumn.UNLISTED));
    }

    /** The same value reached through {@code how} (a function, an aggregation, ...). */
    public Value then(dev.colineage.core.model.Transformation how) {
        if (how.equals(dev.colineage.core.model.Transformation.IDENTITY)) {
            return this;
        }
        Map<String, Value> mapped = new LinkedHashMap<>();
        fields.forEach((k, v) -> mapped.put(k, v.then(how)));
        return new Value(deps.then(how), mapped, how.isDirect() ? schema : Optional.empty());
    }

    /**
     * Many values merged at once (the branches of a UNION, of an IF): one pass, instead of copying
     * the growing dependency set once per branch.
     */
    public static Value mergeAll(List<Value> values) {
        if (values.size() == 1) {
            return values.get(0);
        }
        Dependencies.Builder deps = Dependencies.builder();
        Map<String, List<Value>> byField = new LinkedHashMap<>();
        Optional<SchemaField> schema = Optional.empty();
        for (Value v : values) {
            deps.add(v.deps);
            v.fields.forEach((k, f) -> byField.computeIfAbsent(lower(k, byField), x -> new ArrayList<>()).add(f));
            schema = schema.isPresent() ? schema : v.schema;
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        byField.forEach((k, list) -> fields.put(k, mergeAll(list)));
        return new Value(deps.build(), fields, schema);
    }

    /** Two values merged position-wise (set operations, INSERTs into the same temp table). */
    public Value plus(Value other) {
        Map<String, Value> merged = new LinkedHashMap<>(fields);
        other.fields.forEach((k, v) -> merged.merge(lower(k, merged), v, Value::plus));
        return new Value(deps.plus(other.deps), merged, schema.isPresent() ? schema : other.schema);
    }

    private static String lower(String k, Map<String, ?> existing) {
        for (String e : existing.keySet()) {
            if (e.equalsIgnoreCase(k)) {
                return e;
            }
        }
        return k;
    }

    @Override
    public String toString() {
        return "Value" + deps + (fields.isEmpty() ? "" : fields.keySet().toString().toLowerCase(Locale.ROOT));
    }
}
