{{ config(materialized='table') }}
-- One row per fact, with the claim event it belongs to: facts of different articles with
-- the same type, claimant side and key fields whose report dates follow each other by at
-- most var('claim_event_window_days') days (3 by default) state the same claim. Two facts
-- of one article are never merged (the extractor already keeps one fact per claim and
-- article, so a second one is another incident); a fact with no report date is an event
-- of its own.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

keyed as (
    -- the key fields of each type; the others stay null so they cannot split an event
    select
        fact_id as claim_id,
        article_id,
        outlet,
        report_date,
        fact_type as claim_type,
        claimant_side,
        case when fact_type = 'territorial' then actor_side end as actor_side,
        case when fact_type = 'territorial' then place_name end as place_name,
        case when fact_type = 'territorial' then area_km2 end as area_km2,
        coalesce(fact_type = 'territorial' and status = 'disputed', false) as is_denied,
        case when fact_type in ('casualties', 'equipment') then victim_side end as victim_side,
        case when fact_type = 'casualties' then victim_kind end as victim_kind,
        case when fact_type = 'casualties' then category end as category,
        case when fact_type = 'equipment' then equipment_class end as equipment_class,
        case when fact_type in ('casualties', 'equipment') then quantity end as quantity,
        case when fact_type = 'strike' then attacker_side end as attacker_side,
        case when fact_type = 'strike' then weapon_class end as weapon_class,
        case when fact_type = 'strike' then launched end as launched,
        case when fact_type = 'strike' then intercepted end as intercepted,
        case when fact_type = 'strike' then target_place end as target_place,
        case when fact_type <> 'territorial' then scope end as scope,
        -- a named place identifies itself; an area claim or a count needs its region
        case when fact_type <> 'territorial' or place_name is null then admin1 end as admin1,
    from int_facts__dated
),

hashed as (
    select
        *,
        md5(to_json({
            claim_type: claim_type,
            claimant_side: claimant_side,
            actor_side: actor_side,
            place_name: lower(place_name),
            area_km2: area_km2,
            is_denied: is_denied,
            victim_side: victim_side,
            victim_kind: victim_kind,
            category: category,
            equipment_class: equipment_class,
            quantity: quantity,
            attacker_side: attacker_side,
            weapon_class: weapon_class,
            launched: launched,
            intercepted: intercepted,
            target_place: lower(target_place),
            scope: scope,
            admin1: admin1,
        })) as claim_key,
    from keyed
),

per_article as (
    -- the n-th fact of an article with this key only merges with the n-th facts of the
    -- others, so that one article's two incidents stay two events
    select
        *,
        row_number() over (
            partition by claim_key, article_id order by report_date nulls last, claim_id
        ) as occurrence,
    from hashed
),

sequenced as (
    select
        *,
        lag(report_date) over (
            partition by claim_key, occurrence order by report_date nulls last, claim_id
        ) as previous_report_date,
    from per_article
),

flagged as (
    select
        *,
        case
            when report_date is null then 1
            when previous_report_date is null then 1
            when report_date - previous_report_date > {{ var('claim_event_window_days') }} then 1
            else 0
        end as starts_event,
    from sequenced
),

numbered as (
    select
        *,
        sum(starts_event) over (
            partition by claim_key, occurrence
            order by report_date nulls last, claim_id
            rows between unbounded preceding and current row
        ) as event_number,
    from flagged
),

identified as (
    -- named by its key, occurrence and first report date (an undated fact: by its own
    -- id), so the id stays the same when later reports join the event
    select
        *,
        min(report_date) over (
            partition by claim_key, occurrence, event_number
        ) as first_reported_date,
        max(report_date) over (
            partition by claim_key, occurrence, event_number
        ) as last_reported_date,
    from numbered
),

final as (
    select
        claim_id,
        substr(
            md5(
                claim_key || '|' || occurrence || '|'
                || coalesce(cast(first_reported_date as varchar), claim_id)
            ),
            1,
            16
        ) as claim_event_id,
        claim_key,
        article_id,
        outlet,
        report_date,
        first_reported_date,
        last_reported_date,
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
        launched,
        intercepted,
        target_place,
        scope,
        admin1,
    from identified
)

select * from final
