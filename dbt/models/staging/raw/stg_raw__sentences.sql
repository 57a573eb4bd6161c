with

source as (
    select * from {{ source('raw', 'sentences') }}
),

articles as (
    select article_id, body from {{ source('raw', 'articles') }}
),

renamed as (
    select
        cast(source.article_id as varchar) as article_id,
        cast(source.sentence_index as integer) as sentence_index,
        cast(source.start_char as integer) as start_char,
        cast(source.end_char as integer) as end_char,
        -- the loader stores offsets only; offsets count code points, as substring does
        cast(
            substring(articles.body, source.start_char + 1, source.end_char - source.start_char)
            as varchar
        ) as sentence_text,
        cast(source.end_char - source.start_char as integer) as n_chars,
    from source
    left join articles on source.article_id = articles.article_id
),

final as (
    select * from renamed
)

select * from final
