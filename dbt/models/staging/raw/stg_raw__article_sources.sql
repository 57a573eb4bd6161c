with

source as (
    select * from {{ source('raw', 'article_sources') }}
),

renamed as (
    select
        cast(article_id as varchar) as article_id,
        cast(source_path as varchar) as source_path,
        -- the basename, also when the loader left source_file empty
        coalesce(
            nullif(trim(source_file), ''),
            regexp_extract(source_path, '[^/\\]+$')
        ) as source_file,
        cast(record_index as integer) as record_index,
        cast(run_id as varchar) as run_id,
        cast(seen_at as timestamp) as seen_at,
    from source
),

final as (
    select * from renamed
)

select * from final
