{{ config(
    materialized='incremental',
    unique_key='report_date',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('int_facts__new') }}
-- Claims per report date and region. Counts of claims cover every scope; the summed
-- figures (people, equipment, weapons) add event and period claims only: a cumulative
-- running total ("since the start of the war") is never added to daily figures.
-- Facts without any date (no event date, period or publication date) are left out.
-- Read from the fct_* marts (already built, cheaper than the int_* views); an
-- incremental build recomputes the report dates of the new facts only.
with

{% for model in ['fct_territorial_claims', 'fct_casualties', 'fct_equipment_losses', 'fct_strikes'] %}
{{ model }} as (
    select * from {{ ref(model) }}
    {% if frontline_incremental() -%}
    where report_date in (select report_date from {{ ref('int_facts__new') }})
    {%- endif %}
),
{% endfor %}
dim_regions as (
    select * from {{ ref('dim_regions') }}
),

facts as (
    select
        report_date,
        admin1,
        country,
        'territorial' as fact_type,
        place_name,
        cast(null as varchar) as category,
        false as is_additive,
        cast(null as bigint) as quantity,
        cast(null as bigint) as launched,
        cast(null as bigint) as intercepted,
    from fct_territorial_claims

    union all

    select
        report_date,
        admin1,
        country,
        'casualties' as fact_type,
        cast(null as varchar) as place_name,
        category,
        coalesce(scope in {{ additive_scopes() }}, false) as is_additive,
        quantity,
        cast(null as bigint) as launched,
        cast(null as bigint) as intercepted,
    from fct_casualties

    union all

    select
        report_date,
        admin1,
        country,
        'equipment' as fact_type,
        cast(null as varchar) as place_name,
        equipment_class as category,
        coalesce(scope in {{ additive_scopes() }}, false) as is_additive,
        quantity,
        cast(null as bigint) as launched,
        cast(null as bigint) as intercepted,
    from fct_equipment_losses

    union all

    select
        report_date,
        admin1,
        country,
        'strike' as fact_type,
        target_place as place_name,
        weapon_class as category,
        coalesce(scope in {{ additive_scopes() }}, false) as is_additive,
        cast(null as bigint) as quantity,
        launched,
        intercepted,
    from fct_strikes
),

located as (
    -- a fact tied to a region but not to a country takes the region's country
    select
        facts.* exclude (country),
        coalesce(facts.country, dim_regions.country) as country,
    from facts
    left join dim_regions
        on facts.admin1 = dim_regions.region_name
    where facts.report_date is not null
),

daily as (
    select
        report_date,
        admin1,
        country,
        count(*) filter (where fact_type = 'territorial') as territorial_claims,
        count(distinct place_name) filter (where fact_type = 'territorial') as places_claimed,
        count(*) filter (where fact_type = 'casualties') as casualty_claims,
        {{ sum_as_bigint('quantity', "fact_type = 'casualties' and is_additive and category = 'killed'") }} as killed,
        {{ sum_as_bigint('quantity', "fact_type = 'casualties' and is_additive and category = 'wounded'") }} as wounded,
        {{ sum_as_bigint('quantity', "fact_type = 'casualties' and is_additive and category = 'killed_or_wounded'") }} as killed_or_wounded,
        {{ sum_as_bigint('quantity', "fact_type = 'casualties' and is_additive and category = 'captured'") }} as captured,
        {{ sum_as_bigint('quantity', "fact_type = 'casualties' and is_additive and category = 'missing'") }} as missing,
        count(*) filter (where fact_type = 'equipment') as equipment_claims,
        {{ sum_as_bigint('quantity', "fact_type = 'equipment' and is_additive") }} as equipment_lost,
        count(*) filter (where fact_type = 'strike') as strikes,
        {{ sum_as_bigint('launched', "fact_type = 'strike' and is_additive") }} as launched,
        {{ sum_as_bigint('intercepted', "fact_type = 'strike' and is_additive") }} as intercepted,
        count(*) filter (where not is_additive and fact_type <> 'territorial') as claims_not_summed,
    from located
    group by report_date, admin1, country
),

final as (
    select
        report_date,
        admin1,
        coalesce(admin1, 'Unknown') as region_label,
        country,
        cast(territorial_claims as bigint) as territorial_claims,
        cast(places_claimed as bigint) as places_claimed,
        cast(casualty_claims as bigint) as casualty_claims,
        killed,
        wounded,
        killed_or_wounded,
        captured,
        missing,
        cast(equipment_claims as bigint) as equipment_claims,
        equipment_lost,
        cast(strikes as bigint) as strikes,
        launched,
        intercepted,
        cast(claims_not_summed as bigint) as claims_not_summed,
    from daily
)

select * from final
