-- A scheduled script: stage into a temp table, then merge. The temp table never becomes a node.
DECLARE cutoff TIMESTAMP DEFAULT (SELECT MAX(signup_ts) FROM raw.customers);

CREATE TEMP TABLE fresh AS
SELECT customer_id, LOWER(email) AS email, country
FROM raw.customers
WHERE signup_ts >= TIMESTAMP_SUB(cutoff, INTERVAL 1 DAY);

MERGE mart.customer_value t
USING fresh s
ON t.customer_key = TO_HEX(SHA256(s.email))
WHEN MATCHED THEN UPDATE SET country = s.country
WHEN NOT MATCHED THEN INSERT (customer_key, country, revenue, orders)
  VALUES (TO_HEX(SHA256(s.email)), s.country, 0, 0);
