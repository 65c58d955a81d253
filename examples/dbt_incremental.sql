-- what dbt-bigquery runs for an incremental model with the merge strategy
create or replace table `shop-prod`.`mart`.`dim_customer__dbt_tmp`
OPTIONS(expiration_timestamp=TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 12 hour))
as (
  select customer_id, email, country
  from `shop-prod`.`raw`.`customers`
  where country is not null
);

merge into `shop-prod`.`mart`.`dim_customer` as DBT_INTERNAL_DEST
using (select customer_id, email from `shop-prod`.`mart`.`dim_customer__dbt_tmp`) as DBT_INTERNAL_SOURCE
on DBT_INTERNAL_SOURCE.customer_id = DBT_INTERNAL_DEST.customer_id
when matched then update set email = DBT_INTERNAL_SOURCE.email
when not matched then insert (customer_id, email) values (DBT_INTERNAL_SOURCE.customer_id, DBT_INTERNAL_SOURCE.email);
