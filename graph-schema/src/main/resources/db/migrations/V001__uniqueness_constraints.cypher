// Every node kind has one natural key; MERGE on it is what makes writes idempotent,
// and the constraint's index is what makes those MERGEs fast.
CREATE CONSTRAINT table_fqn IF NOT EXISTS FOR (t:Table) REQUIRE t.fqn IS UNIQUE;
CREATE CONSTRAINT column_fqn IF NOT EXISTS FOR (c:Column) REQUIRE c.fqn IS UNIQUE;
CREATE CONSTRAINT query_fingerprint IF NOT EXISTS FOR (q:Query) REQUIRE q.fingerprint IS UNIQUE;
CREATE CONSTRAINT extraction_run_id IF NOT EXISTS FOR (r:ExtractionRun) REQUIRE r.run_id IS UNIQUE;
