// The runs of a query, one node per query and UTC day holding that day's runs (time|job id, sorted as text):
// a day of a query is written once per window and merged as a set; the OpenLineage export reads them by day
CREATE CONSTRAINT run_day_key IF NOT EXISTS FOR (d:RunDay) REQUIRE d.key IS UNIQUE;
CREATE INDEX run_day_day IF NOT EXISTS FOR (d:RunDay) ON (d.day);
CREATE INDEX run_day_fingerprint IF NOT EXISTS FOR (d:RunDay) ON (d.fingerprint);
