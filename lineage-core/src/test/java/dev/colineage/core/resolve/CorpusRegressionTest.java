package dev.colineage.core.resolve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.colineage.core.model.Diagnostic;
import org.junit.jupiter.api.Test;

/** Constructs found in the bigquery-etl corpus that once resolved wrongly; each stays fixed. */
class CorpusRegressionTest extends LineageTestSupport {

    @Test
    void keywordAsImplicitTableAlias() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH final_staging AS (SELECT user_id, email FROM users)
                SELECT final.email FROM final_staging final
                """,
                "p.d.users.email -> p.d.t2.email DIRECT/IDENTITY");
    }

    @Test
    void externalQueryColumnsComeFromTheConnection() {
        var result = analyzeInto("p.mart.accounts", """
                SELECT TO_HEX(uid) AS uid, email FROM EXTERNAL_QUERY("ext-proj.us.accounts-db", \"""SELECT uid, email FROM accounts\""")
                """);
        assertEdges(result,
                "ext-proj.external_query.us/accounts-db.uid -> p.mart.accounts.uid DIRECT/TRANSFORMATION",
                "ext-proj.external_query.us/accounts-db.email -> p.mart.accounts.email DIRECT/IDENTITY");
        assertTrue(codes(result).contains(Diagnostic.EXTERNAL_SOURCE));
    }

    @Test
    void unionOfStarsOverUnknownTablesResolvesNamesInEveryBranch() {
        assertEdges("""
                CREATE VIEW v AS
                WITH unioned AS (SELECT * FROM raw.a UNION ALL SELECT * FROM raw.b)
                SELECT client_id FROM unioned
                """,
                "p.raw.a.client_id -> p.d.v.client_id DIRECT/IDENTITY",
                "p.raw.b.client_id -> p.d.v.client_id DIRECT/IDENTITY");
    }

    @Test
    void mapSubscriptIsNotPartOfTheColumnName() {
        assertEdges("CREATE TABLE t2 AS SELECT metadata['plan'] AS plan FROM raw.products",
                "p.raw.products.metadata -> p.d.t2.plan DIRECT/TRANSFORMATION");
    }

    @Test
    void correlatedReferenceToColumnOfSchemaLessTable() {
        assertEdges("""
                CREATE TABLE t2 AS
                SELECT (SELECT COUNT(*) FROM UNNEST(environment.addons) AS a WHERE a.enabled) AS n FROM raw.main
                """,
                "p.raw.main.environment.addons.enabled -> p.d.t2.n INDIRECT/FILTER");
    }

    @Test
    void rowStarOfSchemaLessBranchesKeepsTheirUnlistedColumnsAndInventsNone() {
        assertEdges("""
                CREATE TABLE t2 AS
                WITH cur AS (SELECT 1 AS days, * EXCEPT (d) FROM raw.daily),
                     prev AS (SELECT days, * EXCEPT (days) FROM raw.last_seen),
                     staging AS (
                       SELECT IF(cur.client_id IS NOT NULL, cur, prev).* REPLACE (prev.days + 1 AS days)
                       FROM cur FULL JOIN prev USING (client_id))
                SELECT tz, days FROM staging
                """,
                "p.raw.daily.tz -> p.d.t2.tz DIRECT/IDENTITY",
                "p.raw.last_seen.tz -> p.d.t2.tz DIRECT/IDENTITY",
                "p.raw.daily.client_id -> p.d.t2.tz INDIRECT/CONDITIONAL",
                "p.raw.last_seen.days -> p.d.t2.days DIRECT/TRANSFORMATION",
                "p.raw.daily.client_id -> p.d.t2 INDIRECT/JOIN",
                "p.raw.last_seen.client_id -> p.d.t2 INDIRECT/JOIN");
    }
}
