-- Active users, as the data team sees them.
CREATE VIEW staging.users AS
SELECT
    id AS user_id,
    email,
    full_name,
    country,
    created_at AS signed_up_at
FROM public.users
WHERE deleted_at IS NULL;
