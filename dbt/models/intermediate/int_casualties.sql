-- Casualty facts: people killed, wounded, captured or missing, as claimed.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

casualties_facts as (
    select
        fact_id as claim_id,
        article_id,
        victim_side,
        victim_kind,
        category,
        quantity,
        qualifier,
        scope,
        is_cumulative,
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
    where fact_type = 'casualties'
),

final as (
    select * from casualties_facts
)

select * from final
