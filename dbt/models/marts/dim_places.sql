-- One row per named place of a territorial claim, with its latest claimed state: the
-- side that took it in the latest claim event (by first report date; on the same day a
-- confirmation wins over a denial, and a denial over a plain claim, since an answer comes
-- after the claim it answers). control_state is that event's state_after (`claimed by RU`,
-- `disputed`, `confirmed`): a later denial or confirmation by the other side updates it.
with

fct_place_control_history as (
    select * from {{ ref('fct_place_control_history') }}
),

fct_territorial_claims as (
    select * from {{ ref('fct_territorial_claims') }}
),

places_supplement as (
    select * from {{ ref('places_supplement') }}
),

ranked_events as (
    select
        *,
        row_number() over (
            partition by place_name
            order by
                first_reported_date desc nulls last,
                case status when 'confirmed' then 1 when 'disputed' then 2 else 3 end,
                n_reports desc,
                claim_event_id
        ) as recency_rank,
    from fct_place_control_history
),

latest_event as (
    select * from ranked_events where recency_rank = 1
),

place_summary as (
    select
        place_name,
        count(*) as n_claim_events,
        sum(n_reports) as n_reports,
        min(first_reported_date) as first_reported_date,
        max(last_reported_date) as last_reported_date,
        list(distinct actor_side order by actor_side) filter (where actor_side is not null)
            as actor_sides,
    from fct_place_control_history
    group by place_name
),

-- where the claims put the place (most common resolved point, region and country)
admin1_mode as (
    {{ most_common('fct_territorial_claims', 'place_name', 'admin1', 'admin1', where='place_name is not null') }}
),

country_mode as (
    {{ most_common('fct_territorial_claims', 'place_name', 'country', 'country', where='place_name is not null') }}
),

point_mode as (
    {{ most_common(
        'fct_territorial_claims',
        'place_name',
        "{'latitude': latitude, 'longitude': longitude}",
        'point',
        where='place_name is not null and latitude is not null and longitude is not null',
    ) }}
),

claimed_points as (
    select
        place_summary.place_name,
        admin1_mode.admin1,
        country_mode.country,
        point_mode.point,
    from place_summary
    left join admin1_mode on place_summary.place_name = admin1_mode.place_name
    left join country_mode on place_summary.place_name = country_mode.place_name
    left join point_mode on place_summary.place_name = point_mode.place_name
),

supplement_points as (
    select
        cast(place_name as varchar) as place_name,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
    from places_supplement
    qualify row_number() over (partition by place_name order by admin1) = 1
),

final as (
    select
        latest_event.place_name,
        coalesce(claimed_points.admin1, latest_event.admin1) as admin1,
        coalesce(claimed_points.country, latest_event.country) as country,
        coalesce(claimed_points.point.latitude, supplement_points.latitude) as latitude,
        coalesce(claimed_points.point.longitude, supplement_points.longitude) as longitude,
        latest_event.actor_side as controlling_side,
        latest_event.status as control_status,
        latest_event.claimant_side as control_claimant_side,
        latest_event.claim_event_id as control_claim_event_id,
        latest_event.first_reported_date as control_reported_date,
        place_summary.first_reported_date,
        place_summary.last_reported_date,
        cast(place_summary.n_claim_events as bigint) as n_claim_events,
        cast(place_summary.n_reports as bigint) as n_reports,
        coalesce(place_summary.actor_sides, []::varchar[]) as actor_sides,
        coalesce(len(place_summary.actor_sides), 0) > 1 as is_contested,
        latest_event.state_after as control_state,
    from latest_event
    inner join place_summary
        on latest_event.place_name = place_summary.place_name
    left join claimed_points
        on latest_event.place_name = claimed_points.place_name
    left join supplement_points
        on latest_event.place_name = supplement_points.place_name
)

select * from final
