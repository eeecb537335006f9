-- The application now calls it email_address everywhere.
ALTER TABLE users RENAME COLUMN email TO email_address;

-- Every order is in euros now.
ALTER TABLE orders DROP COLUMN currency;

-- Nobody reads the notes outside the application: safe to retype.
ALTER TABLE orders ALTER COLUMN notes TYPE varchar(2000);
