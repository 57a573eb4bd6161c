-- Equipment facts: matériel claimed destroyed or captured.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

equipment_facts as (
    select
        fact_id as claim_id,
        article_id,
        victim_side,
        equipment_class,
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
    where fact_type = 'equipment'
),

final as (
    select * from equipment_facts
)

select * from final
