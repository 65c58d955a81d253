-- Revenue per customer; the customer is pseudonymised before it leaves the raw layer.
CREATE OR REPLACE TABLE `shop-prod.mart.customer_value`
PARTITION BY DATE(first_order)
OPTIONS (description = "customer revenue")
AS
WITH lines AS (
  SELECT o.customer_id, o.order_ts, item.quantity * item.unit_price AS line_total
  FROM raw.orders AS o, UNNEST(o.items) AS item
  WHERE o.status = 'complete'
)
SELECT
  TO_HEX(SHA256(c.email)) AS customer_key,
  c.country,
  SUM(l.line_total) AS revenue,
  COUNT(DISTINCT l.order_ts) AS orders,
  MIN(l.order_ts) AS first_order,
FROM lines AS l
JOIN raw.customers AS c USING (customer_id)
GROUP BY customer_key, country
