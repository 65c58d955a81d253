// Search by name fragment (lower-cased copy of the fqn: text indexes are case-sensitive).
CREATE TEXT INDEX column_search IF NOT EXISTS FOR (c:Column) ON (c.search_name);
CREATE TEXT INDEX table_search IF NOT EXISTS FOR (t:Table) ON (t.search_name);
// Columns of a table, tables of a dataset, runs by start time (run history pages).
CREATE INDEX column_table IF NOT EXISTS FOR (c:Column) ON (c.table_fqn);
CREATE INDEX table_dataset IF NOT EXISTS FOR (t:Table) ON (t.project, t.dataset);
CREATE INDEX extraction_run_started IF NOT EXISTS FOR (r:ExtractionRun) ON (r.started_at);
