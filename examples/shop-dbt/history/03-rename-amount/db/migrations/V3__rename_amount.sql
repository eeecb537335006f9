-- Amounts are in the currency's minor unit, which is not always a cent.
ALTER TABLE orders RENAME COLUMN amount_cents TO amount_minor;
