with source as (
    select * from {{ source('app', 'users') }}
)

select
    id as user_id,
    email,
    full_name,
    upper(country) as country_code,
    created_at as signed_up_at
from source
where deleted_at is null
