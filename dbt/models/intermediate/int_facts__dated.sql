-- Every fact with its article's publication date, first file name, and the date it is
-- reported under: report_date = coalesce(event_date, period_end, published_date).
with

stg_raw__facts as (
    select * from {{ ref('stg_raw__facts') }}
),

stg_raw__articles as (
    select * from {{ ref('stg_raw__articles') }}
),

int_articles__source_files as (
    select * from {{ ref('int_articles__source_files') }}
),

facts_with_articles as (
    select
        stg_raw__facts.*,
        stg_raw__articles.published_date,
        stg_raw__articles.outlet,
        int_articles__source_files.first_source_file as source_file,
    from stg_raw__facts
    left join stg_raw__articles
        on stg_raw__facts.article_id = stg_raw__articles.article_id
    left join int_articles__source_files
        on stg_raw__facts.article_id = int_articles__source_files.article_id
),

dated as (
    select
        *,
        {{ report_date('event_date', 'period_end', 'published_date') }} as report_date,
        case
            when event_date is not null then 'event_date'
            when period_end is not null then 'period_end'
            when published_date is not null then 'published_date'
        end as report_date_source,
    from facts_with_articles
),

final as (
    select * from dated
)

select * from final
