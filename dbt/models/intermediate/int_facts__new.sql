{{ config(materialized='table') }}
-- The facts an incremental build adds (see macros/incremental_build.sql): the facts of
-- the articles the previous build's dim_articles does not have yet (dim_articles waits
-- for this model). Empty in a full build.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

stg_raw__articles as (
    select * from {{ ref('stg_raw__articles') }}
),

{% if incremental_build() %}

built_articles as (
    select article_id from {{ previous_build('main', 'dim_articles') }}
),

new_articles as (
    select article_id from stg_raw__articles
    anti join built_articles using (article_id)
),

new_facts as (
    -- raw only grows by whole articles (build_warehouse checks), so the new facts are
    -- the facts of the new articles
    select * from int_facts__dated
    where article_id in (select article_id from new_articles)
),

{% else %}

new_facts as (
    select * from int_facts__dated where false
),

{% endif %}

final as (
    select * from new_facts
)

select * from final
