#!/usr/bin/env python3
"""Writes the sample warehouse that `colineage demo` and the spark-job tests extract:
graph-schema/src/main/resources/sample/{catalog.json,jobs.jsonl,metadata.jsonl}
(in graph-schema, so that the extraction job and the API tests both have it).

A small online shop (project acme-shop) over October 2026: raw tables loaded by ingestion, staging
models, marts, views and a few analysts. JOBS rows as INFORMATION_SCHEMA.JOBS would hold them:
scheduled SELECTs with destinations, MERGE upserts, a nightly script with TEMP tables, an analyst
session, views, ad-hoc queries with changing literals, one statement we do not trace (EXECUTE
IMMEDIATE), one query on a table nobody described, and failed/LOAD jobs that must be skipped.
metadata.jsonl holds what INFORMATION_SCHEMA lists beyond JOBS (issue 13): the views' definitions, a view
created in September that no job of the month shows (read only from metadata), a materialized view, a
snapshot, an EXTERNAL table, a persistent UDF that hashes e-mails, a table function and a procedure that
a scheduled CALL job runs; the jobs reading through them were added after the original ones, so that the
original job ids and times stay as they were.
Lineage over time (issue 15), again appended with its own random source: a pipeline that runs from 1 to 15
October and stops, a view created on 3 October and redefined on 16 October, a table created on 5 October,
dropped on 12 October and created again on 19 October (its daily reader fails while it is gone), and a job
that runs on the first of each month; the jobs still running in November (the reader, the monthly job) take
the log to 20 November.
Deterministic: run it again and the files are identical.
"""
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

P = "acme-shop"
OUT = Path(__file__).resolve().parent.parent / "graph-schema/src/main/resources/sample"

def f(name, type_="STRING", mode="NULLABLE", fields=None, pii=False):
    d = {"name": name, "type": type_, "mode": mode}
    if fields:
        d["fields"] = fields
    if pii:
        d["policyTags"] = {"names": ["projects/acme-shop/locations/us/taxonomies/1/policyTags/pii"]}
    return d

CATALOG = {
    f"{P}.raw.customers": [f("customer_id", "INT64", "REQUIRED"), f("email", pii=True), f("phone", pii=True),
                           f("full_name", pii=True), f("birth_date", "DATE", pii=True), f("country"),
                           f("created_at", "TIMESTAMP")],
    f"{P}.raw.orders": [f("order_id", "INT64", "REQUIRED"), f("customer_id", "INT64"), f("order_ts", "TIMESTAMP"),
                        f("status"), f("currency"), f("shipping_address", pii=True),
                        f("items", "RECORD", "REPEATED", [f("sku"), f("quantity", "INT64"), f("unit_price", "NUMERIC")])],
    f"{P}.raw.products": [f("sku", mode="REQUIRED"), f("name"), f("category"), f("list_price", "NUMERIC")],
    f"{P}.raw.payments": [f("payment_id", "INT64"), f("order_id", "INT64"), f("card_number", pii=True),
                          f("amount", "NUMERIC"), f("method"), f("paid_at", "TIMESTAMP")],
    f"{P}.raw.web_events": [f("event_id"), f("customer_id", "INT64"), f("event_ts", "TIMESTAMP"), f("page_url"),
                            f("ip_address", pii=True),
                            f("context", "RECORD", fields=[f("referrer"), f("campaign"), f("device")])],
    f"{P}.staging.stg_customers": [f("customer_id", "INT64"), f("email_hash"), f("email"), f("country"),
                                   f("signup_date", "DATE"), f("age_band")],
    f"{P}.staging.stg_orders": [f("order_id", "INT64"), f("customer_id", "INT64"), f("order_date", "DATE"),
                                f("status"), f("order_total", "NUMERIC"), f("item_count", "INT64")],
    f"{P}.staging.stg_payments": [f("order_id", "INT64"), f("amount", "NUMERIC"), f("method"), f("card_last4")],
    f"{P}.staging.stg_sessions": [f("customer_id", "INT64"), f("session_day", "DATE"), f("campaign"),
                                  f("pages", "INT64")],
    f"{P}.mart.dim_customer": [f("customer_id", "INT64"), f("email_hash"), f("country"), f("signup_date", "DATE"),
                               f("age_band"), f("updated_at", "TIMESTAMP")],
    f"{P}.mart.fct_orders": [f("order_id", "INT64"), f("customer_id", "INT64"), f("order_date", "DATE"),
                             f("order_total", "NUMERIC"), f("paid_amount", "NUMERIC"), f("payment_method"),
                             f("country")],
    f"{P}.mart.daily_revenue": [f("order_date", "DATE"), f("country"), f("revenue", "NUMERIC"),
                                f("orders", "INT64")],
    f"{P}.mart.customer_ltv": [f("customer_id", "INT64"), f("lifetime_value", "NUMERIC"), f("orders", "INT64"),
                               f("first_order", "DATE"), f("ltv_rank", "INT64")],
    f"{P}.mart.marketing_contacts": [f("customer_id", "INT64"), f("email"), f("country"),
                                     f("lifetime_value", "NUMERIC")],
    f"{P}.mart.campaign_performance": [f("campaign"), f("session_day", "DATE"), f("customers", "INT64"),
                                       f("revenue", "NUMERIC")],
    f"{P}.mart.product_sales": [f("sku"), f("category"), f("units", "INT64"), f("revenue", "NUMERIC")],
    # views are in INFORMATION_SCHEMA too, with the columns their SELECT gives
    f"{P}.mart.vw_active_customers": [f("customer_id", "INT64"), f("email_hash"), f("country"),
                                      f("signup_date", "DATE"), f("age_band"), f("lifetime_value", "NUMERIC")],
    f"{P}.mart.vw_revenue_by_country": [f("country"), f("revenue", "NUMERIC")],
    # issue 13: tables that exist through metadata (a view from September, a materialized view, a snapshot)
    # and the tables written by jobs reading through the view, the table function and the procedure
    f"{P}.mart.vw_contactable_customers": [f("customer_id", "INT64"), f("email_token"), f("country"),
                                           f("lifetime_value", "NUMERIC")],
    f"{P}.mart.crm_audience": [f("email_token"), f("country"), f("lifetime_value", "NUMERIC")],
    f"{P}.mart.mv_orders_by_day": [f("order_date", "DATE"), f("orders", "INT64"), f("revenue", "NUMERIC")],
    f"{P}.mart.fct_orders_snapshot_20260930": [f("order_id", "INT64"), f("customer_id", "INT64"),
                                               f("order_date", "DATE"), f("order_total", "NUMERIC"),
                                               f("paid_amount", "NUMERIC"), f("payment_method"), f("country")],
    f"{P}.mart.de_orders": [f("order_id", "INT64"), f("customer_id", "INT64"), f("order_total", "NUMERIC")],
    f"{P}.mart.vip_customers": [f("customer_id", "INT64"), f("country"), f("age_band"),
                                f("lifetime_value", "NUMERIC")],
    # issue 15: lineage over time (a pipeline that stops, a view redefined, a table dropped and created again,
    # a monthly job)
    f"{P}.mart.newsletter_subscribers": [f("customer_id", "INT64"), f("email"), f("country")],
    f"{P}.mart.vw_order_summary": [f("order_id", "INT64"), f("customer_id", "INT64"), f("order_total", "NUMERIC"),
                                   f("country")],
    f"{P}.mart.promo_targets": [f("customer_id", "INT64"), f("email_hash"), f("country")],
    f"{P}.mart.promo_results": [f("customer_id", "INT64"), f("country"), f("sent_on", "DATE")],
    f"{P}.mart.monthly_country_revenue": [f("month", "DATE"), f("country"), f("revenue", "NUMERIC")],
}

def t(dataset, table):
    return {"project_id": P, "dataset_id": dataset, "table_id": table}

# (name, sql, statement_type, destination, referenced, schedule) ; schedule: daily hour or None
SCHEDULED = [
    ("stg_customers", """SELECT
  customer_id,
  TO_HEX(SHA256(LOWER(TRIM(email)))) AS email_hash,
  email,
  UPPER(country) AS country,
  DATE(created_at) AS signup_date,
  CASE WHEN DATE_DIFF(CURRENT_DATE(), birth_date, YEAR) < 30 THEN 'under 30' ELSE '30+' END AS age_band
FROM raw.customers
WHERE created_at IS NOT NULL""", "SELECT", t("staging", "stg_customers"), [t("raw", "customers")], 1),
    ("stg_orders", """SELECT
  o.order_id,
  o.customer_id,
  DATE(o.order_ts) AS order_date,
  o.status,
  SUM(i.quantity * i.unit_price) AS order_total,
  SUM(i.quantity) AS item_count
FROM raw.orders AS o, UNNEST(o.items) AS i
WHERE o.status != 'test'
GROUP BY o.order_id, o.customer_id, order_date, o.status""", "SELECT", t("staging", "stg_orders"), [t("raw", "orders")], 1),
    ("stg_payments", """SELECT order_id, amount, method, RIGHT(card_number, 4) AS card_last4
FROM raw.payments
WHERE amount > 0""", "SELECT", t("staging", "stg_payments"), [t("raw", "payments")], 1),
    ("stg_sessions", """SELECT
  customer_id,
  DATE(event_ts) AS session_day,
  ANY_VALUE(context.campaign) AS campaign,
  COUNT(DISTINCT page_url) AS pages
FROM raw.web_events
WHERE customer_id IS NOT NULL
GROUP BY customer_id, session_day""", "SELECT", t("staging", "stg_sessions"), [t("raw", "web_events")], 2),
    ("dim_customer", """MERGE mart.dim_customer AS d
USING staging.stg_customers AS s
ON d.customer_id = s.customer_id
WHEN MATCHED THEN UPDATE SET email_hash = s.email_hash, country = s.country, age_band = s.age_band,
  updated_at = CURRENT_TIMESTAMP()
WHEN NOT MATCHED THEN INSERT (customer_id, email_hash, country, signup_date, age_band, updated_at)
  VALUES (s.customer_id, s.email_hash, s.country, s.signup_date, s.age_band, CURRENT_TIMESTAMP())""",
     "MERGE", None, [t("staging", "stg_customers"), t("mart", "dim_customer")], 3),
    ("fct_orders", """INSERT INTO mart.fct_orders (order_id, customer_id, order_date, order_total, paid_amount, payment_method, country)
SELECT o.order_id, o.customer_id, o.order_date, o.order_total, p.amount, p.method, c.country
FROM staging.stg_orders AS o
LEFT JOIN staging.stg_payments AS p USING (order_id)
JOIN mart.dim_customer AS c ON c.customer_id = o.customer_id
WHERE o.order_date = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)""", "INSERT", None,
     [t("staging", "stg_orders"), t("staging", "stg_payments"), t("mart", "dim_customer")], 3),
    ("daily_revenue", """SELECT order_date, country, SUM(order_total) AS revenue, COUNT(*) AS orders
FROM mart.fct_orders
GROUP BY order_date, country""", "SELECT", t("mart", "daily_revenue"), [t("mart", "fct_orders")], 4),
    ("product_sales", """SELECT i.sku, p.category, SUM(i.quantity) AS units, SUM(i.quantity * i.unit_price) AS revenue
FROM raw.orders AS o
CROSS JOIN UNNEST(o.items) AS i
JOIN raw.products AS p ON p.sku = i.sku
GROUP BY i.sku, p.category""", "SELECT", t("mart", "product_sales"), [t("raw", "orders"), t("raw", "products")], 4),
    ("campaign_performance", """WITH revenue AS (
  SELECT customer_id, order_date, SUM(order_total) AS revenue
  FROM mart.fct_orders
  GROUP BY customer_id, order_date
)
SELECT s.campaign, s.session_day, COUNT(DISTINCT s.customer_id) AS customers, SUM(r.revenue) AS revenue
FROM staging.stg_sessions AS s
LEFT JOIN revenue AS r ON r.customer_id = s.customer_id AND r.order_date = s.session_day
GROUP BY s.campaign, s.session_day""", "SELECT", t("mart", "campaign_performance"),
     [t("staging", "stg_sessions"), t("mart", "fct_orders")], 5),
]

NIGHTLY_SCRIPT = """-- nightly customer value refresh
DECLARE cutoff DATE DEFAULT DATE_SUB(CURRENT_DATE(), INTERVAL 730 DAY);
CREATE TEMP TABLE ltv AS
SELECT customer_id, SUM(order_total) AS lifetime_value, COUNT(*) AS orders, MIN(order_date) AS first_order
FROM mart.fct_orders
WHERE order_date >= cutoff
GROUP BY customer_id;
CREATE OR REPLACE TABLE mart.customer_ltv AS
SELECT customer_id, lifetime_value, orders, first_order,
  RANK() OVER (ORDER BY lifetime_value DESC) AS ltv_rank
FROM ltv;
CREATE OR REPLACE TABLE mart.marketing_contacts AS
SELECT c.customer_id, c.email, c.country, l.lifetime_value
FROM staging.stg_customers AS c
JOIN ltv AS l USING (customer_id)
WHERE l.lifetime_value > 100;"""

VIEWS = [
    ("vw_active_customers", """CREATE OR REPLACE VIEW mart.vw_active_customers AS
SELECT d.* EXCEPT (updated_at), l.lifetime_value
FROM mart.dim_customer AS d
JOIN mart.customer_ltv AS l USING (customer_id)
WHERE l.orders > 1""", [t("mart", "dim_customer"), t("mart", "customer_ltv")]),
    ("vw_revenue_by_country", """CREATE OR REPLACE VIEW mart.vw_revenue_by_country AS
SELECT country, SUM(revenue) AS revenue
FROM mart.daily_revenue
GROUP BY country""", [t("mart", "daily_revenue")]),
]

ADHOC = [
    ("SELECT country, COUNT(*) AS n FROM mart.dim_customer WHERE signup_date >= '{d}' GROUP BY country ORDER BY n DESC",
     [t("mart", "dim_customer")]),
    ("SELECT email, phone FROM raw.customers WHERE customer_id = {n}", [t("raw", "customers")]),
    ("SELECT order_date, revenue FROM mart.daily_revenue WHERE country = 'DE' AND order_date > '{d}' ORDER BY order_date",
     [t("mart", "daily_revenue")]),
    ("SELECT * FROM mart.vw_active_customers WHERE lifetime_value > {n} LIMIT 100",
     [t("mart", "dim_customer"), t("mart", "customer_ltv")]),
]

# ---- issue 13: what INFORMATION_SCHEMA lists beyond JOBS -------------------------------------------------

HASH_EMAIL = "CREATE FUNCTION `acme-shop.util.hash_email`(email STRING) RETURNS STRING\nAS (TO_HEX(SHA256(LOWER(TRIM(email)))))"
ORDERS_IN_COUNTRY = """CREATE TABLE FUNCTION `acme-shop.mart.orders_in_country`(wanted STRING)
RETURNS TABLE<order_id INT64, customer_id INT64, order_total NUMERIC>
AS (
  SELECT order_id, customer_id, order_total
  FROM `acme-shop.mart.fct_orders`
  WHERE country = wanted
)"""
REFRESH_VIP = """CREATE PROCEDURE `acme-shop.mart.refresh_vip_customers`(min_value NUMERIC)
BEGIN
  CREATE TEMP TABLE top_customers AS
  SELECT customer_id, lifetime_value FROM mart.customer_ltv WHERE lifetime_value > min_value;
  CREATE OR REPLACE TABLE mart.vip_customers AS
  SELECT t.customer_id, c.country, c.age_band, t.lifetime_value
  FROM top_customers AS t JOIN mart.dim_customer AS c USING (customer_id);
END"""
# created on 2026-09-14 by Terraform: no job of October shows its definition
CONTACTABLE = """SELECT c.customer_id, `acme-shop.util.hash_email`(c.email) AS email_token, c.country, l.lifetime_value
FROM `acme-shop.staging.stg_customers` AS c
JOIN `acme-shop.mart.customer_ltv` AS l USING (customer_id)
WHERE c.email IS NOT NULL"""
# ---- issue 15: lineage over time ---------------------------------------------------------------------------
# a pipeline that runs daily from 1 to 15 October, then stops (retired 30 whole days after its last run)
NEWSLETTER = """INSERT INTO mart.newsletter_subscribers (customer_id, email, country)
SELECT customer_id, email, country
FROM staging.stg_customers
WHERE country IN ('DE', 'AT')"""
# a view created on 3 October and redefined on 16 October (order_total from another column, country added)
ORDER_SUMMARY_V1 = """CREATE OR REPLACE VIEW mart.vw_order_summary AS
SELECT order_id, customer_id, order_total, payment_method
FROM mart.fct_orders"""
ORDER_SUMMARY_V2 = """CREATE OR REPLACE VIEW mart.vw_order_summary AS
SELECT order_id, customer_id, paid_amount AS order_total, country
FROM mart.fct_orders
WHERE paid_amount IS NOT NULL"""
# a table created on 5 October, dropped on 12 October and created again on 19 October by the same query;
# its daily reader fails while it is gone
PROMO_TARGETS = """CREATE TABLE mart.promo_targets AS
SELECT customer_id, email_hash, country
FROM mart.dim_customer
WHERE age_band = 'under 30'"""
PROMO_RESULTS = """INSERT INTO mart.promo_results (customer_id, country, sent_on)
SELECT customer_id, country, CURRENT_DATE()
FROM mart.promo_targets"""
# runs on the first of each month only: current all month
MONTHLY_REVENUE = """INSERT INTO mart.monthly_country_revenue (month, country, revenue)
SELECT DATE_TRUNC(order_date, MONTH) AS month, country, SUM(revenue) AS revenue
FROM mart.daily_revenue
WHERE order_date >= DATE_SUB(DATE_TRUNC(CURRENT_DATE(), MONTH), INTERVAL 1 MONTH)
  AND order_date < DATE_TRUNC(CURRENT_DATE(), MONTH)
GROUP BY month, country"""

MV_ORDERS = """CREATE MATERIALIZED VIEW `acme-shop.mart.mv_orders_by_day`
OPTIONS(enable_refresh = true, refresh_interval_minutes = 60)
AS SELECT order_date, COUNT(*) AS orders, SUM(order_total) AS revenue
FROM `acme-shop.mart.fct_orders`
GROUP BY order_date"""

def metadata_rows():
    rows = []

    def table(name, dataset, type_, created, **extra):
        row = {"information_schema_view": "TABLES", "table_catalog": P, "table_schema": dataset, "table_name": name,
               "table_type": type_, "creation_time": created}
        row.update(extra)
        rows.append(row)

    for full in CATALOG:
        _, dataset, name = full.split(".")
        if name.startswith("vw_") or name in ("mv_orders_by_day", "fct_orders_snapshot_20260930", "promo_targets"):
            continue
        table(name, dataset, "BASE TABLE", "2026-03-02 09:00:00.000000 UTC")
    table("partner_fees", "raw", "EXTERNAL", "2026-06-01 12:00:00.000000 UTC",
          ddl="CREATE EXTERNAL TABLE `acme-shop.raw.partner_fees` OPTIONS(format = 'CSV', uris = ['gs://acme-partners/fees/*.csv'])")
    for name, sql, _ in VIEWS:
        body = sql.split(" AS\n", 1)[1]
        rows.append({"information_schema_view": "VIEWS", "table_catalog": P, "table_schema": "mart", "table_name": name,
                     "view_definition": body, "use_standard_sql": "YES"})
        table(name, "mart", "VIEW", "2026-10-03 10:00:00.000000 UTC" if name == "vw_active_customers"
              else "2026-10-03 10:01:00.000000 UTC")
    rows.append({"information_schema_view": "VIEWS", "table_catalog": P, "table_schema": "mart",
                 "table_name": "vw_contactable_customers", "view_definition": CONTACTABLE, "use_standard_sql": "YES"})
    table("vw_contactable_customers", "mart", "VIEW", "2026-09-14 08:00:00.000000 UTC")
    # issue 15: the view as redefined on 16 October, the table as created again on 19 October
    rows.append({"information_schema_view": "VIEWS", "table_catalog": P, "table_schema": "mart",
                 "table_name": "vw_order_summary", "view_definition": ORDER_SUMMARY_V2.split(" AS\n", 1)[1],
                 "use_standard_sql": "YES"})
    table("vw_order_summary", "mart", "VIEW", "2026-10-16 11:00:00.000000 UTC")
    table("promo_targets", "mart", "BASE TABLE", "2026-10-19 09:00:00.000000 UTC")
    table("mv_orders_by_day", "mart", "MATERIALIZED VIEW", "2026-09-20 08:00:00.000000 UTC", ddl=MV_ORDERS)
    table("fct_orders_snapshot_20260930", "mart", "SNAPSHOT", "2026-09-30 23:00:00.000000 UTC",
          base_table_catalog=P, base_table_schema="mart", base_table_name="fct_orders")
    rows.append({"information_schema_view": "TABLE_SNAPSHOTS", "table_catalog": P, "table_schema": "mart",
                 "table_name": "fct_orders_snapshot_20260930", "base_table_catalog": P, "base_table_schema": "mart",
                 "base_table_name": "fct_orders", "snapshot_time": "2026-09-30 23:00:00.000000 UTC"})
    for dataset, name, type_, ddl, params in [
            ("util", "hash_email", "FUNCTION", HASH_EMAIL, [("email", "STRING", "IN")]),
            ("mart", "orders_in_country", "TABLE FUNCTION", ORDERS_IN_COUNTRY, [("wanted", "STRING", "IN")]),
            ("mart", "refresh_vip_customers", "PROCEDURE", REFRESH_VIP, [("min_value", "NUMERIC", "IN")])]:
        rows.append({"information_schema_view": "ROUTINES", "routine_catalog": P, "routine_schema": dataset,
                     "routine_name": name, "routine_type": type_, "routine_body": "SQL", "ddl": ddl,
                     "created": "2026-09-01 08:00:00.000000 UTC", "last_altered": "2026-09-01 08:00:00.000000 UTC"})
        for i, (pname, ptype, mode) in enumerate(params, start=1):
            rows.append({"information_schema_view": "PARAMETERS", "specific_catalog": P, "specific_schema": dataset,
                         "specific_name": name, "ordinal_position": i, "parameter_mode": mode, "is_result": "NO",
                         "parameter_name": pname, "data_type": ptype})
    return rows

ANALYSTS = ["ana@acme-shop.com", "li@acme-shop.com", "sam@acme-shop.com"]
SCHEDULER = "scheduled-queries@acme-shop.iam.gserviceaccount.com"
AIRFLOW = "airflow@acme-shop.iam.gserviceaccount.com"

def main():
    rnd = random.Random(20261001)
    rows = []
    seq = [0]

    def job(sql, stype, dest, refs, when, user, session=None, job_type="QUERY", state="DONE", error=None):
        seq[0] += 1
        row = {"job_id": f"bquxjob_{seq[0]:05d}_{rnd.randrange(16**8):08x}", "project_id": P,
               "user_email": user, "creation_time": when.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + " UTC",
               "job_type": job_type, "state": state, "statement_type": stype, "query": sql,
               "destination_table": dest, "referenced_tables": refs,
               "session_info": {"session_id": session} if session else None, "error_result": error}
        rows.append(row)

    start = datetime(2026, 10, 1, tzinfo=timezone.utc)
    for day in range(31):
        base = start + timedelta(days=day)
        for name, sql, stype, dest, refs, hour in SCHEDULED:
            when = base + timedelta(hours=hour, minutes=rnd.randrange(5), seconds=rnd.randrange(60))
            if dest is None:
                # DML has no destination table in JOBS; BigQuery still names the target
                dest_row = None
            else:
                dest_row = dest
            job(sql, stype, dest_row, refs, when, SCHEDULER if stype == "SELECT" else AIRFLOW)
        job(NIGHTLY_SCRIPT, "SCRIPT", None, [t("mart", "fct_orders"), t("staging", "stg_customers")],
            base + timedelta(hours=6, minutes=rnd.randrange(10)), AIRFLOW)
        # analysts: 1-4 ad-hoc queries a day, with other literals each time
        for _ in range(rnd.randrange(1, 5)):
            sql, refs = ADHOC[rnd.randrange(len(ADHOC))]
            sql = sql.format(d=(base - timedelta(days=rnd.randrange(1, 90))).date().isoformat(), n=rnd.randrange(1, 5000))
            anon = {"project_id": P, "dataset_id": "_6f1e2d3c4b5a", "table_id": f"anon{rnd.randrange(16**10):010x}"}
            job(sql, "SELECT", anon, refs, base + timedelta(hours=rnd.randrange(9, 18), minutes=rnd.randrange(60)),
                ANALYSTS[rnd.randrange(len(ANALYSTS))])
        # loads and a failed query: JOBS holds them too, they make no lineage
        job("", "", t("raw", "orders"), [], base + timedelta(minutes=30), AIRFLOW, job_type="LOAD")
        if day % 7 == 3:
            job("SELECT emial FROM raw.customers", "SELECT", None, [], base + timedelta(hours=11), ANALYSTS[0],
                error={"reason": "invalidQuery", "message": "Unrecognized name: emial"})
    for i, (name, sql, refs) in enumerate(VIEWS):
        job(sql, "CREATE_VIEW", None, refs, start + timedelta(days=2, hours=10, minutes=i), ANALYSTS[1])
    # an analyst session: a TEMP table in one job, read by the next
    session = "CgwKCmFjbWUtc2hvcBAB"
    when = start + timedelta(days=20, hours=14)
    job("CREATE TEMP TABLE big_spenders AS SELECT customer_id, lifetime_value FROM mart.customer_ltv WHERE ltv_rank <= 100",
        "CREATE_TABLE_AS_SELECT", None, [t("mart", "customer_ltv")], when, ANALYSTS[2], session=session)
    job("CREATE OR REPLACE TABLE mart.vip_contacts AS SELECT b.customer_id, c.email, b.lifetime_value "
        "FROM big_spenders AS b JOIN staging.stg_customers AS c USING (customer_id)",
        "CREATE_TABLE_AS_SELECT", None, [t("staging", "stg_customers")], when + timedelta(minutes=3), ANALYSTS[2],
        session=session)
    # dynamic SQL: no lineage can be read from its text; reported, not guessed
    job("EXECUTE IMMEDIATE CONCAT('CREATE OR REPLACE TABLE mart.snapshot_', FORMAT_DATE('%Y%m%d', CURRENT_DATE()), "
        "' AS SELECT * FROM mart.fct_orders')", "SCRIPT", None, [t("mart", "fct_orders")],
        start + timedelta(days=15, hours=7), AIRFLOW)
    # a table nobody described in the catalog
    job("SELECT partner_id, SUM(fee) AS fees FROM raw.partner_fees GROUP BY partner_id", "SELECT",
        t("mart", "partner_fees_summary"), [t("raw", "partner_fees")], start + timedelta(days=25, hours=5), SCHEDULER)
    # issue 13: daily jobs reading through the metadata-only view and the table function, and a CALL job;
    # their own random source, so that the rows above keep their ids and times
    rnd13 = random.Random(20261013)
    for day in range(31):
        base = start + timedelta(days=day)
        job("SELECT email_token, country, lifetime_value\nFROM mart.vw_contactable_customers\nWHERE lifetime_value > 500",
            "SELECT", t("mart", "crm_audience"), [t("staging", "stg_customers"), t("mart", "customer_ltv")],
            base + timedelta(hours=7, minutes=rnd13.randrange(5), seconds=rnd13.randrange(60)), SCHEDULER)
        job("SELECT order_id, customer_id, order_total FROM mart.orders_in_country('DE')", "SELECT",
            t("mart", "de_orders"), [t("mart", "fct_orders")],
            base + timedelta(hours=7, minutes=10 + rnd13.randrange(5), seconds=rnd13.randrange(60)), SCHEDULER)
        job("CALL mart.refresh_vip_customers(1000)", "SCRIPT", None, [],
            base + timedelta(hours=7, minutes=20 + rnd13.randrange(5), seconds=rnd13.randrange(60)), AIRFLOW)
    # issue 15: lineage over time, with its own random source; the log reaches 20 November through the jobs
    # that still run then (the promotion reader, the monthly job), so that the pipeline stopped on
    # 15 October has been silent for more than the 30-day activity window
    rnd15 = random.Random(20261015)

    def at(month, day, hour, minute):
        return datetime(2026, month, day, hour, minute, rnd15.randrange(60), tzinfo=timezone.utc)

    for day in range(1, 16):
        job(NEWSLETTER, "INSERT", None, [t("staging", "stg_customers")], at(10, day, 8, rnd15.randrange(5)), AIRFLOW)
    job(ORDER_SUMMARY_V1, "CREATE_VIEW", None, [t("mart", "fct_orders")], at(10, 3, 11, 0), ANALYSTS[1])
    job(ORDER_SUMMARY_V2, "CREATE_VIEW", None, [t("mart", "fct_orders")], at(10, 16, 11, 0), ANALYSTS[1])
    job(PROMO_TARGETS, "CREATE_TABLE_AS_SELECT", None, [t("mart", "dim_customer")], at(10, 5, 9, 0), ANALYSTS[0])
    job("DROP TABLE mart.promo_targets", "DROP_TABLE", None, [], at(10, 12, 8, 0), ANALYSTS[0])
    job(PROMO_TARGETS, "CREATE_TABLE_AS_SELECT", None, [t("mart", "dim_customer")], at(10, 19, 9, 0), ANALYSTS[0])
    for day in range(5, 31 + 20 + 1):
        when = datetime(2026, 10, 1, tzinfo=timezone.utc) + timedelta(days=day - 1, hours=9, minutes=30 + rnd15.randrange(5),
                                                                       seconds=rnd15.randrange(60))
        gone = 12 <= day < 19
        job(PROMO_RESULTS, "INSERT", None, [] if gone else [t("mart", "promo_targets")], when, SCHEDULER,
            error={"reason": "notFound", "message": "Not found: Table acme-shop:mart.promo_targets"} if gone else None)
    for month in (10, 11):
        job(MONTHLY_REVENUE, "INSERT", None, [t("mart", "daily_revenue")], at(month, 1, 2, rnd15.randrange(5)), AIRFLOW)
    rows.sort(key=lambda r: (r["creation_time"], r["job_id"]))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "jobs.jsonl", "w") as out:
        for r in rows:
            out.write(json.dumps({k: v for k, v in r.items() if v is not None}, sort_keys=False) + "\n")
    with open(OUT / "catalog.json", "w") as out:
        json.dump(CATALOG, out, indent=1)
        out.write("\n")
    metadata = metadata_rows()
    with open(OUT / "metadata.jsonl", "w") as out:
        for r in metadata:
            out.write(json.dumps(r) + "\n")
    print(f"{len(rows)} job rows, {len(CATALOG)} tables, {len(metadata)} metadata rows -> {OUT}")

if __name__ == "__main__":
    main()
