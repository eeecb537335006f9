-- One row per customer: the public, contracted mart the dashboards read.
select
    u.user_id as customer_id,
    u.email as contact_email,
    u.country_code,
    u.signed_up_at,
    coalesce(o.order_count, 0) as order_count,
    coalesce(o.lifetime_value, 0) as lifetime_value
from {{ ref('stg_users') }} as u
left join {{ ref('int_customer_orders') }} as o on o.user_id = u.user_id
