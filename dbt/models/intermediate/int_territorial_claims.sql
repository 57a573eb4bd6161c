-- Territorial facts: a side takes a named place or an area.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

territorial_facts as (
    select
        fact_id as claim_id,
        article_id,
        actor_side,
        place_name,
        area_km2,
        status,
        scope,
        admin1,
        country,
        latitude,
        longitude,
        claimant,
        claimant_side,
        evidence,
        rule_id,
        sentence_index,
        span_start,
        span_end,
        source_file,
        outlet,
        published_date,
        report_date,
        report_date_source,
        event_date,
        period_start,
        period_end,
        run_id,
    from int_facts__dated
    where fact_type = 'territorial'
),

final as (
    select * from territorial_facts
)

select * from final
