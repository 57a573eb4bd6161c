with

source as (
    select * from {{ source('raw', 'sentences') }}
),

renamed as (
    select
        cast(article_id as varchar) as article_id,
        cast(sentence_index as integer) as sentence_index,
        cast(start_char as integer) as start_char,
        cast(end_char as integer) as end_char,
        cast(text as varchar) as sentence_text,
        cast(end_char - start_char as integer) as n_chars,
    from source
),

final as (
    select * from renamed
)

select * from final
