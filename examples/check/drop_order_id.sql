-- payments are matched by payment_id now: stg_payments no longer carries order_id
ALTER TABLE `acme-shop.staging.stg_payments` DROP COLUMN order_id;
