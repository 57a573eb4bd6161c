{{ config(
    materialized='incremental',
    unique_key='claim_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('int_claim_events__batch') }}
-- One row per fact, with the claim event it belongs to: facts of different articles with
-- the same type, claimant side and key fields whose report dates follow each other by at
-- most var('claim_event_window_days') days (3 by default) state the same claim. Two facts
-- of one article are never merged (the extractor already keeps one fact per claim and
-- article, so a second one is another incident); a fact with no report date is an event
-- of its own. The key fields, claim_key and occurrence are those of macros/claim_key.sql.
-- An incremental build recomputes the facts of int_claim_events__batch only (the new facts
-- and the events they can change) and replaces their rows.
with

{% if frontline_incremental() %}

per_article as (
    select * exclude (is_new) from {{ ref('int_claim_events__batch') }}
),

{% else %}

per_article as (
    {{ claim_keyed(ref('int_facts__dated')) }}
),

{% endif %}

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
        cast(occurrence as bigint) as occurrence,
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
        fact_admin1,
        country,
        status,
        weapon_system,
    from identified
)

select * from final
