-- Who claimed each named place, over time: one row per place and territorial claim event
-- (the same capture reported by several articles within the claim-event window is one
-- row), in the order first reported, with the side that held it before.
with

fct_claim_events as (
    select * from {{ ref('fct_claim_events') }}
),

place_events as (
    select
        place_name,
        claim_event_id,
        admin1,
        country,
        actor_side,
        claimant_side,
        latest_status as status,
        first_reported_date,
        last_reported_date,
        n_reports,
        n_outlets,
    from fct_claim_events
    where claim_type = 'territorial'
      and place_name is not null
),

ordered as (
    select
        *,
        row_number() over place_timeline as event_sequence,
        lag(actor_side) over place_timeline as previous_actor_side,
        lead(first_reported_date) over place_timeline as next_reported_date,
    from place_events
    window place_timeline as (
        partition by place_name
        order by first_reported_date nulls first, claim_event_id
    )
),

final as (
    select
        place_name,
        claim_event_id,
        cast(event_sequence as bigint) as event_sequence,
        admin1,
        country,
        actor_side,
        previous_actor_side,
        coalesce(
            previous_actor_side is not null and actor_side is distinct from previous_actor_side,
            false
        ) as is_change_of_control,
        claimant_side,
        status,
        first_reported_date,
        last_reported_date,
        next_reported_date,
        n_reports,
        n_outlets,
    from ordered
)

select * from final
