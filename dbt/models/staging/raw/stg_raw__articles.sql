with

source as (
    select * from {{ source('raw', 'articles') }}
),

renamed as (
    select
        cast(article_id as varchar) as article_id,
        cast(source_file as varchar) as source_file,
        cast(source_path as varchar) as source_path,
        lower(cast(source_format as varchar)) as source_format,
        nullif(trim(url), '') as url,
        nullif(trim(title), '') as title,
        nullif(trim(outlet), '') as outlet,
        cast(published_date as date) as published_date,
        cast(date_trunc('month', published_date) as date) as published_month,
        cast(date_source as varchar) as date_source,
        published_date is not null as has_published_date,
        cast(body as varchar) as body,
        cast(n_chars as integer) as n_chars,
        cast(n_sentences as integer) as n_sentences,
        cast(run_id as varchar) as run_id,
        cast(ingested_at as timestamp) as ingested_at,
    from source
),

final as (
    select * from renamed
)

select * from final
