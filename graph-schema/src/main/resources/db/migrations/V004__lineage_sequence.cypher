// The lineage sequence (issue 14): every write transaction of lineage takes the next number from the
// one (:LineageSequence) node and stamps what it writes with it (seq), so that the read model applies
// only what changed since the number it holds. These indexes find the changes.
CREATE CONSTRAINT lineage_sequence_name IF NOT EXISTS FOR (s:LineageSequence) REQUIRE s.name IS UNIQUE;
CREATE INDEX feeds_seq IF NOT EXISTS FOR ()-[f:FEEDS]-() ON (f.seq);
CREATE INDEX influences_seq IF NOT EXISTS FOR ()-[f:INFLUENCES]-() ON (f.seq);
CREATE INDEX column_seq IF NOT EXISTS FOR (c:Column) ON (c.seq);
CREATE INDEX query_seq IF NOT EXISTS FOR (q:Query) ON (q.seq);
