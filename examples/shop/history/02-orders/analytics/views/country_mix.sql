-- Paying customers per country: reads only what the customers view exposes.
CREATE VIEW analytics.country_mix AS
SELECT country, count(*) AS customers
FROM analytics.customers
WHERE paid_orders > 0
GROUP BY country;
