package dev.colineage.core.catalog;

import dev.colineage.core.model.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a table name as written in SQL into a {@link TableRef}: backticks removed wherever they are
 * (`p.d.t`, `p`.d.t), {@code dataset.table} completed with the default project, {@code table} with
 * the default dataset, and the catalog's spelling used when the table is known.
 */
public final class TableNameResolver {

    private final Optional<String> defaultProject;
    private final Optional<String> defaultDataset;
    private final Catalog catalog;

    public TableNameResolver(Optional<String> defaultProject, Optional<String> defaultDataset, Catalog catalog) {
        this.defaultProject = Objects.requireNonNull(defaultProject, "defaultProject is null");
        this.defaultDataset = Objects.requireNonNull(defaultDataset, "defaultDataset is null");
        this.catalog = Objects.requireNonNull(catalog, "catalog is null");
    }

    /** Stands for a project or dataset the SQL leaves out and no default supplies. */
    public static final String UNKNOWN = "_default_";

    /** Without a default project, the one project whose catalog has {@code dataset.table}, if unique. */
    private String onlyProjectWith(String dataset, String table) {
        List<TableSchema> matches = catalog.inAnyProject(dataset, table);
        return matches.size() == 1 ? matches.get(0).table().project() : UNKNOWN;
    }

    public TableNameResolver withCatalog(Catalog other) {
        return new TableNameResolver(defaultProject, defaultDataset, other);
    }

    /** The job's default project: where {@code dataset.name} routines and tables live. */
    /** The same names read in another default project (a persistent routine's body is read in the routine's). */
    public TableNameResolver withDefaultProject(Optional<String> project) {
        return new TableNameResolver(project, defaultDataset, catalog);
    }

    public Optional<String> defaultProject() {
        return defaultProject;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Splits a written name into its parts: backticks stripped, dots inside backticks honoured. */
    public static List<String> nameParts(String written) {
        List<String> parts = new ArrayList<>();
        for (String piece : written.replace("`", "").replace("\"", "").split("\\.")) {
            if (!piece.isEmpty()) {
                parts.add(piece);
            }
        }
        return parts;
    }

    public TableRef resolve(String written) {
        return resolve(nameParts(written));
    }

    public TableRef resolve(List<String> written) {
        List<String> parts = new java.util.ArrayList<>(written);
        // a partition decorator (t$20240101, t$__UNPARTITIONED__) names a part of the same table
        String last = parts.get(parts.size() - 1);
        if (last.indexOf('$') > 0) {
            parts.set(parts.size() - 1, last.substring(0, last.indexOf('$')));
        }
        TableRef ref;
        if (parts.size() >= 4) {
            // project.dataset.INFORMATION_SCHEMA.VIEW and region-qualified names keep the tail as the table
            ref = new TableRef(parts.get(0), parts.get(1), String.join(".", parts.subList(2, parts.size())));
        } else if (parts.size() == 3) {
            ref = new TableRef(parts.get(0), parts.get(1), parts.get(2));
        } else if (parts.size() == 2) {
            ref = new TableRef(defaultProject.orElseGet(() -> onlyProjectWith(parts.get(0), parts.get(1))), parts.get(0), parts.get(1));
        } else {
            String dataset = defaultDataset.orElse(UNKNOWN);
            ref = new TableRef(defaultProject.orElseGet(() -> onlyProjectWith(dataset, parts.get(0))), dataset, parts.get(0));
        }
        return catalog.lookup(ref).map(s -> s.table().name().equalsIgnoreCase(ref.name()) ? s.table() : ref).orElse(ref);
    }
}
