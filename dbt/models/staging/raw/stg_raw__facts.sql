with

source as (
    select * from {{ source('raw', 'facts') }}
),

renamed as (
    select
        -- ids
        cast(fact_id as varchar) as fact_id,
        cast(article_id as varchar) as article_id,
        cast(fact_type as varchar) as fact_type,

        -- evidence
        cast(sentence_index as integer) as sentence_index,
        cast(span_start as integer) as span_start,
        cast(span_end as integer) as span_end,
        cast(evidence as varchar) as evidence,
        cast(rule_id as varchar) as rule_id,

        -- who asserts it
        nullif(trim(claimant), '') as claimant,
        cast(claimant_side as varchar) as claimant_side,

        -- territorial
        cast(actor_side as varchar) as actor_side,
        nullif(trim(place_name), '') as place_name,
        cast(area_km2 as double) as area_km2,
        cast(status as varchar) as status,

        -- casualties and equipment
        cast(victim_side as varchar) as victim_side,
        cast(victim_kind as varchar) as victim_kind,
        cast(category as varchar) as category,
        cast(equipment_class as varchar) as equipment_class,
        cast(quantity as bigint) as quantity,
        cast(qualifier as varchar) as qualifier,

        -- strikes
        cast(attacker_side as varchar) as attacker_side,
        cast(weapon_class as varchar) as weapon_class,
        nullif(trim(weapon_system), '') as weapon_system,
        cast(launched as bigint) as launched,
        cast(intercepted as bigint) as intercepted,
        nullif(trim(target_place), '') as target_place,

        -- where and when
        cast(scope as varchar) as scope,
        coalesce(scope, '') = 'cumulative' as is_cumulative,
        nullif(trim(admin1), '') as admin1,
        cast(country as varchar) as country,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(event_date as date) as event_date,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,

        cast(run_id as varchar) as run_id,
    from source
),

final as (
    select * from renamed
)

select * from final
