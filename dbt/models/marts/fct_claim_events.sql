{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ delete_recomputed_claim_events() }}",
) }}
-- depends_on: {{ ref('int_claim_events__batch') }}
-- One row per claim event: the same claim (type, claimant side, key fields) stated by
-- one or more articles within the window of int_claim_events. n_reports counts the
-- facts, n_articles the articles, n_outlets the distinct outlets (dim_articles.outlet; an
-- article with no outlet counts as an outlet of its own). Region and country are those
-- most reports give (ties: the first in alphabetical order); latest_status is the status
-- of the latest report (on the same day a confirmation wins over a denial, and a denial
-- over a plain claim, as in dim_places).
-- An incremental build recomputes the events of int_claim_events__batch (every report of
-- such an event is in the batch) after the pre-hook deleted the events they replace.
with

{% if frontline_incremental() %}

reports as (
    select * exclude (admin1) rename (fact_admin1 as admin1)
    from {{ ref('int_claim_events') }}
    where claim_id in (select claim_id from {{ ref('int_claim_events__batch') }})
),

{% else %}

reports as (
    select * exclude (admin1) rename (fact_admin1 as admin1)
    from {{ ref('int_claim_events') }}
),

{% endif %}

events as (
    select
        claim_event_id,
        any_value(claim_type) as claim_type,
        any_value(claimant_side) as claimant_side,
        any_value(actor_side) as actor_side,
        min(place_name) as place_name,
        any_value(area_km2) as area_km2,
        any_value(victim_side) as victim_side,
        any_value(victim_kind) as victim_kind,
        any_value(category) as category,
        any_value(equipment_class) as equipment_class,
        any_value(quantity) as quantity,
        any_value(attacker_side) as attacker_side,
        any_value(weapon_class) as weapon_class,
        min(weapon_system) as weapon_system,
        any_value(launched) as launched,
        any_value(intercepted) as intercepted,
        min(target_place) as target_place,
        any_value(scope) as scope,
        -- territorial: the status of the latest report
        first(
            status order by
                report_date desc,
                case status when 'confirmed' then 1 when 'disputed' then 2 else 3 end
        ) filter (where status is not null and report_date is not null) as latest_status,
        count(*) as n_reports,
        count(distinct article_id) as n_articles,
        count(distinct coalesce(outlet, 'article:' || article_id)) as n_outlets,
        min(first_reported_date) as first_reported_date,
        max(last_reported_date) as last_reported_date,
        list(claim_id order by report_date nulls last, claim_id) as claim_ids,
    from reports
    group by claim_event_id
),

-- a named place's region and country as most reports give them
admin1_mode as (
    {{ most_common('reports', 'claim_event_id', 'admin1', 'admin1') }}
),

country_mode as (
    {{ most_common('reports', 'claim_event_id', 'country', 'country') }}
),

final as (
    select
        events.claim_event_id,
        claim_type,
        claimant_side,
        actor_side,
        place_name,
        area_km2,
        victim_side,
        victim_kind,
        category,
        equipment_class,
        quantity,
        attacker_side,
        weapon_class,
        weapon_system,
        launched,
        intercepted,
        target_place,
        scope,
        admin1_mode.admin1,
        country_mode.country,
        latest_status,
        cast(n_reports as bigint) as n_reports,
        cast(n_articles as bigint) as n_articles,
        cast(n_outlets as bigint) as n_outlets,
        first_reported_date,
        last_reported_date,
        claim_ids[1] as first_claim_id,
        claim_ids,
    from events
    left join admin1_mode
        on events.claim_event_id = admin1_mode.claim_event_id
    left join country_mode
        on events.claim_event_id = country_mode.claim_event_id
)

select * from final
