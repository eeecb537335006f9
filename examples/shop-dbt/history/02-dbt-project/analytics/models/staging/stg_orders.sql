select
    id as order_id,
    user_id,
    status,
    amount_cents / 100.0 as amount,
    currency,
    placed_at
from {{ source('app', 'orders') }}
