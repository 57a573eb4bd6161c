-- One row per claim event: the same claim (type, claimant side, key fields) stated by
-- one or more articles within the window of int_claim_events. n_reports counts the
-- facts, n_articles the articles, n_outlets the distinct outlets (dim_articles.outlet; an
-- article with no outlet counts as an outlet of its own).
with

int_claim_events as (
    select * from {{ ref('int_claim_events') }}
),

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

reports as (
    select
        int_claim_events.* exclude (admin1),
        int_facts__dated.admin1,
        int_facts__dated.country,
        int_facts__dated.status,
        int_facts__dated.weapon_system,
    from int_claim_events
    inner join int_facts__dated
        on int_claim_events.claim_id = int_facts__dated.fact_id
),

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
        -- a named place's region and country as most reports give them
        mode(admin1) as admin1,
        mode(country) as country,
        -- territorial: the status of the latest report
        arg_max(status, report_date) filter (where status is not null) as latest_status,
        count(*) as n_reports,
        count(distinct article_id) as n_articles,
        count(distinct coalesce(outlet, 'article:' || article_id)) as n_outlets,
        min(first_reported_date) as first_reported_date,
        max(last_reported_date) as last_reported_date,
        list(claim_id order by report_date nulls last, claim_id) as claim_ids,
    from reports
    group by claim_event_id
),

final as (
    select
        claim_event_id,
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
        admin1,
        country,
        latest_status,
        cast(n_reports as bigint) as n_reports,
        cast(n_articles as bigint) as n_articles,
        cast(n_outlets as bigint) as n_outlets,
        first_reported_date,
        last_reported_date,
        claim_ids[1] as first_claim_id,
        claim_ids,
    from events
)

select * from final
