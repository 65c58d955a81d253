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

    private Catalog(Map<String, TableSchema> byKey) {
        this.byKey = byKey;
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
        Map<String, TableSchema> map = new HashMap<>(byKey);
        map.put(key(table.table()), table);
        return new Catalog(Map.copyOf(map));
    }

    /**
     * The schema of a table. A wildcard name ({@code events_*}) takes the schema of the newest
     * (lexically last) matching table, as BigQuery itself does for wildcard queries.
     */
    public Optional<TableSchema> lookup(TableRef table) {
        TableSchema exact = byKey.get(key(table));
        if (exact != null || !table.name().endsWith("*")) {
            return Optional.ofNullable(exact);
        }
        String prefix = key(new TableRef(table.project(), table.dataset(), table.name().substring(0, table.name().length() - 1)));
        TreeMap<String, TableSchema> matches = new TreeMap<>();
        byKey.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                matches.put(k, v);
            }
        });
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.lastEntry().getValue());
    }

    public int size() {
        return byKey.size();
    }

    public List<TableSchema> tables() {
        return List.copyOf(byKey.values());
    }

    private static String key(TableRef t) {
        return t.fqn().toLowerCase(Locale.ROOT);
    }
}
