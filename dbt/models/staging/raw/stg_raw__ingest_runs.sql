with

source as (
    select * from {{ source('raw', 'ingest_runs') }}
),

renamed as (
    select
        cast(run_id as varchar) as run_id,
        cast(started_at as timestamp) as started_at,
        cast(finished_at as timestamp) as finished_at,
        cast(paths as varchar[]) as paths,
        cast(files_seen as integer) as files_seen,
        cast(records_read as integer) as records_read,
        cast(articles_new as integer) as articles_new,
        cast(articles_duplicate as integer) as articles_duplicate,
        cast(facts_new as integer) as facts_new,
        cast(errors as integer) as n_errors,
        cast(duration_s as double) as duration_s,
        lower(cast(status as varchar)) as status,
        coalesce(errors, 0) > 0 as has_errors,
    from source
),

final as (
    select * from renamed
)

select * from final
