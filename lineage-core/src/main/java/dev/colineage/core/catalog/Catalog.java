package dev.colineage.core.catalog;

import dev.colineage.core.model.TableRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Table schemas keyed by {@code project.dataset.table}, looked up case-insensitively. Immutable: a
 * script that creates tables extends it with {@link #with(TableSchema)}, which returns a new catalog.
 */
public final class Catalog {

    private static final Catalog EMPTY = new Catalog(Map.of());

    private final Map<String, TableSchema> byKey;
    /** Tables added by {@link #with}: a small overlay, so a script's CREATE does not copy a large catalog. */
    private final Map<String, TableSchema> added;

    private Catalog(Map<String, TableSchema> byKey) {
        this(byKey, Map.of());
    }

    private Catalog(Map<String, TableSchema> byKey, Map<String, TableSchema> added) {
        this.byKey = byKey;
        this.added = added;
    }

    public static Catalog empty() {
        return EMPTY;
    }

    public static Catalog of(Collection<TableSchema> tables) {
        Map<String, TableSchema> map = new HashMap<>();
        for (TableSchema t : tables) {
            map.put(key(t.table()), t);
        }
        return new Catalog(Map.copyOf(map));
    }

    public Catalog with(TableSchema table) {
        Map<String, TableSchema> more = new HashMap<>(added);
        more.put(key(table.table()), table);
        return new Catalog(byKey, Map.copyOf(more));
    }

    /**
     * The schema of a table. A wildcard name ({@code events_*}) takes the schema of the newest
     * (lexically last) matching table, as BigQuery itself does for wildcard queries.
     */
    public Optional<TableSchema> lookup(TableRef table) {
        String key = key(table);
        TableSchema exact = added.containsKey(key) ? added.get(key) : byKey.get(key);
        if (exact != null || !table.name().endsWith("*")) {
            return Optional.ofNullable(exact);
        }
        String prefix = key(new TableRef(table.project(), table.dataset(), table.name().substring(0, table.name().length() - 1)));
        TreeMap<String, TableSchema> matches = new TreeMap<>();
        for (Map<String, TableSchema> m : List.of(byKey, added)) {
            m.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    matches.put(k, v);
                }
            });
        }
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.lastEntry().getValue());
    }

    /**
     * Tables named {@code dataset.table} in any project: how a name is resolved when the job's
     * default project is not known.
     */
    public List<TableSchema> inAnyProject(String dataset, String name) {
        String suffix = "." + (dataset + "." + name).toLowerCase(Locale.ROOT);
        List<TableSchema> found = new java.util.ArrayList<>();
        for (Map<String, TableSchema> m : List.of(byKey, added)) {
            m.forEach((k, v) -> {
                if (k.endsWith(suffix) && k.indexOf('.') == k.length() - suffix.length()) {
                    found.add(v);
                }
            });
        }
        return found;
    }

    public int size() {
        return tables().size();
    }

    public List<TableSchema> tables() {
        Map<String, TableSchema> all = new HashMap<>(byKey);
        all.putAll(added);
        return List.copyOf(all.values());
    }

    private static String key(TableRef t) {
        return t.fqn().toLowerCase(Locale.ROOT);
    }
}
