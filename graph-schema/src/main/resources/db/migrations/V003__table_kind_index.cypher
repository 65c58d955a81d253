// Transient tables (dbt's __dbt_tmp, tables created to expire within a day) by kind: the pass that
// composes lineage through them after every extraction starts from this lookup.
CREATE INDEX table_kind IF NOT EXISTS FOR (t:Table) ON (t.kind);
