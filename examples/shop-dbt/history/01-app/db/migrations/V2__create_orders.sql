CREATE TYPE order_status AS ENUM ('pending', 'paid', 'refunded', 'cancelled');

CREATE TABLE orders (
    id            bigserial PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    status        order_status NOT NULL DEFAULT 'pending',
    amount_cents  bigint NOT NULL,
    currency      char(3) NOT NULL,
    placed_at     timestamptz NOT NULL DEFAULT now()
);
