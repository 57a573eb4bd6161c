-- Strike facts: an attack, or weapons launched or intercepted, per weapon class.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

strike_facts as (
    select
        fact_id as claim_id,
        article_id,
        attacker_side,
        weapon_class,
        weapon_system,
        launched,
        intercepted,
        qualifier,
        target_place,
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
    where fact_type = 'strike'
),

final as (
    select * from strike_facts
)

select * from final
