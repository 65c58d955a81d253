CREATE OR REPLACE VIEW `acme-shop.mart.vw_contactable_customers` AS
SELECT c.customer_id, c.email AS email_token, c.country, l.lifetime_value
FROM `acme-shop.staging.stg_customers` AS c
JOIN `acme-shop.mart.customer_ltv` AS l USING (customer_id)
