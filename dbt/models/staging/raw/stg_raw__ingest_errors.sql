with

source as (
    select * from {{ source('raw', 'ingest_errors') }}
),

renamed as (
    select
        cast(run_id as varchar) as run_id,
        cast(source_path as varchar) as source_path,
        regexp_extract(source_path, '[^/\\]+$') as source_file,
        cast(line as integer) as line_number,
        lower(cast(stage as varchar)) as stage,
        cast(reason as varchar) as reason,
        cast(recorded_at as timestamp) as recorded_at,
    from source
),

final as (
    select * from renamed
)

select * from final
