-- One row per customer with their lifetime value; read by the CRM export.
CREATE VIEW analytics.customers AS
WITH paid AS (
    SELECT user_id, sum(amount_cents) AS revenue_cents, count(*) AS orders
    FROM public.orders
    WHERE status = 'paid'
    GROUP BY user_id
)
SELECT
    u.user_id,
    u.email AS contact_email,
    u.country,
    coalesce(p.revenue_cents, 0) AS lifetime_revenue_cents,
    coalesce(p.orders, 0) AS paid_orders
FROM staging.users AS u
LEFT JOIN paid AS p ON p.user_id = u.user_id;
