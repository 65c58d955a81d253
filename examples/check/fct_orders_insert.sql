INSERT INTO mart.fct_orders (order_id, customer_id, order_date, order_total, paid_amount, payment_method)
SELECT o.order_id, o.customer_id, o.order_date, o.order_total, p.amount, p.method
FROM staging.stg_orders AS o
LEFT JOIN staging.stg_payments AS p USING (order_id)
JOIN mart.dim_customer AS c ON c.customer_id = o.customer_id
WHERE o.order_date = DATE_SUB(CURRENT_DATE(), INTERVAL 1 DAY)
