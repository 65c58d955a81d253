-- a scheduled CALL job's whole text: the procedure's body comes from ROUTINES
CALL mart.refresh_customer_value(DATE '2026-01-01');
-- a table function: the caller's columns trace to the table its query reads
CREATE OR REPLACE TABLE mart.open_orders AS
SELECT order_id, customer_id FROM mart.orders_since(DATE '2026-06-01') WHERE status = 'open';
-- a model's predictions: every input column feeds them; the input's own columns pass through
CREATE OR REPLACE TABLE mart.churn_scores AS
SELECT customer_id, predicted_churned FROM ML.PREDICT(MODEL mart.churn_model, TABLE raw.customers);
