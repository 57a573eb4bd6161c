-- Running totals as series: the cumulative tallies (scope `cumulative`: "since the start
-- of the invasion") of casualties, equipment losses and strikes, one series per claim
-- type, claimant (side and name), victim side, category or class and measure, one row
-- per series and report date.
-- One value per series and date: the largest total reported that day (two outlets
-- quoting the same tally give the same figure; a larger one is the later update).
-- daily_change is the change from the previous report of the series (over however many
-- days lie between). A total below the previous one is a downward revision: is_revision
-- is true and daily_change null, never a negative loss; the next report is compared with
-- the revised total.
-- Read from the fct_* marts (already built, cheaper than the int_* views).
with

fct_casualties as (
    select * from {{ ref('fct_casualties') }}
),

fct_equipment_losses as (
    select * from {{ ref('fct_equipment_losses') }}
),

fct_strikes as (
    select * from {{ ref('fct_strikes') }}
),

tallies as (
    select
        'casualties' as claim_type, claimant_side, claimant, victim_side,
        category as category_or_class, 'quantity' as measure, report_date, quantity as total,
    from fct_casualties
    where scope = 'cumulative'
    union all
    select
        'equipment', claimant_side, claimant, victim_side,
        equipment_class, 'quantity', report_date, quantity,
    from fct_equipment_losses
    where scope = 'cumulative'
    union all
    select
        'strike', claimant_side, claimant, attacker_side,
        weapon_class, 'launched', report_date, launched,
    from fct_strikes
    where scope = 'cumulative'
    union all
    select
        'strike', claimant_side, claimant, attacker_side,
        weapon_class, 'intercepted', report_date, intercepted,
    from fct_strikes
    where scope = 'cumulative'
),

one_per_date as (
    select
        claim_type,
        claimant_side,
        claimant,
        victim_side,
        category_or_class,
        measure,
        report_date,
        max(total) as cumulative_total,
        count(*) as n_facts,
    from tallies
    where total is not null
      and report_date is not null
    group by all
),

sequenced as (
    select
        substr(md5(to_json({
            claim_type: claim_type,
            claimant_side: claimant_side,
            claimant: claimant,
            victim_side: victim_side,
            category_or_class: category_or_class,
            measure: measure,
        })), 1, 16) as series_id,
        *,
        lag(cumulative_total) over series_timeline as previous_total,
        lag(report_date) over series_timeline as previous_report_date,
    from one_per_date
    window series_timeline as (
        partition by claim_type, claimant_side, claimant, victim_side, category_or_class, measure
        order by report_date
    )
),

final as (
    select
        series_id,
        claim_type,
        claimant_side,
        claimant,
        victim_side,
        category_or_class,
        measure,
        report_date,
        cast(cumulative_total as bigint) as cumulative_total,
        cast(previous_total as bigint) as previous_total,
        previous_report_date,
        cast(
            case when cumulative_total >= previous_total
                then cumulative_total - previous_total
            end as bigint
        ) as daily_change,
        coalesce(cumulative_total < previous_total, false) as is_revision,
        cast(n_facts as bigint) as n_facts,
    from sequenced
)

select * from final
