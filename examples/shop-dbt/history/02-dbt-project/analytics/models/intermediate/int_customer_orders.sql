{%- set statuses = var('paid_statuses') %}

select
    o.user_id,
    count(*) as order_count,
    sum(o.amount) as lifetime_value,
    max(o.placed_at) as last_order_at
from {{ ref('stg_orders') }} as o
where o.status in ({% for s in statuses %}'{{ s }}'{% if not loop.last %}, {% endif %}{% endfor %})
group by o.user_id
