ALTER TABLE acme-shop.raw.customers ALTER COLUMN email SET DATA TYPE BYTES;
