select
    date_trunc('day', placed_at) as day,
    currency,
    sum(amount) as revenue
from {{ ref('stg_orders') }}
where status = 'paid'
group by 1, 2
