{{ config(materialized='table') }}
-- depends_on: {{ ref('int_build__mode') }}
-- The articles an incremental build adds or changes (see macros/incremental_build.sql):
-- articles the previous build's dim_articles does not have, and known articles read
-- again under another path (their source_files lists grow). Empty in a full build.
with

int_articles__source_files as (
    select * from {{ ref('int_articles__source_files') }}
),

{% if incremental_build() %}

built_articles as (
    select article_id, source_files, source_paths
    from {{ previous_build('main', 'dim_articles') }}
),

changed as (
    select int_articles__source_files.article_id,
    from int_articles__source_files
    left join built_articles
        on int_articles__source_files.article_id = built_articles.article_id
    where built_articles.article_id is null
       or int_articles__source_files.source_files is distinct from built_articles.source_files
       or int_articles__source_files.source_paths is distinct from built_articles.source_paths
),

{% else %}

changed as (
    select article_id from int_articles__source_files where false
),

{% endif %}

final as (
    select * from changed
)

select * from final
