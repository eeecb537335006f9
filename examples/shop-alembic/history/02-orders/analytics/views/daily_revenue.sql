CREATE VIEW analytics.daily_revenue AS
SELECT
    date_trunc('day', o.placed_at) AS day,
    o.currency,
    sum(o.amount_cents) AS revenue_cents
FROM orders AS o
WHERE o.status = 'paid'
GROUP BY 1, 2
ORDER BY 1;
