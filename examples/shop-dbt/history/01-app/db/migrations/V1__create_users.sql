-- The application's users.
CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL,
    full_name   varchar(200),
    country     char(2),
    created_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);

CREATE UNIQUE INDEX users_email_key ON users (email);
