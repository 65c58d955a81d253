package dev.colineage.core.compose;

import dev.colineage.core.model.TableRef;
import java.util.Locale;

/**
 * Which tables are transient: written only to be read by the next step and then expire, so lineage
 * goes from their sources straight to their readers and they are no node of an answer. A table is
 * transient when dbt names it {@code <model>__dbt_tmp} (its incremental models, snapshots and
 * schema-change checks write one before merging), or when it is created to expire within a day
 * ({@link dev.colineage.core.sql.ShortLivedTables}); one that a script creates and drops is resolved
 * through inside that script already.
 */
public final class TransientTables {

    /** The suffix dbt-bigquery gives the scratch relation of a model ({@code make_temp_relation}). */
    public static final String DBT_TEMPORARY_SUFFIX = "__dbt_tmp";

    private TransientTables() {
    }

    /** True for dbt's scratch relations, by name. */
    public static boolean isDbtTemporary(TableRef table) {
        return table.name().toLowerCase(Locale.ROOT).endsWith(DBT_TEMPORARY_SUFFIX);
    }
}
