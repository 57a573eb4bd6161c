-- Who claimed each named place, over time: one row per place and territorial claim event
-- (the same capture reported by several articles within the claim-event window is one
-- row), in the order first reported, with the side that held it before.
-- A counter-claim is its own event (int_claim_events): a report the other side denies
-- (`disputed`) follows the capture it answers. entry_kind names what the event says
-- (claim / denial / confirmation) and state_after the place's state once it is known:
-- `claimed by <actor side>` for a plain claim (`claimed` when no side is named),
-- `disputed` after a denial, `confirmed` after the other side or an independent source
-- confirms it.
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
        case status
            when 'disputed' then 'denial'
            when 'confirmed' then 'confirmation'
            else 'claim'
        end as entry_kind,
        {{ place_control_state('status', 'actor_side') }} as state_after,
    from ordered
)

select * from final
