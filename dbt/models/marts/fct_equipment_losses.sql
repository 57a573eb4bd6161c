{{ config(
    materialized='incremental',
    unique_key='claim_id',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('int_facts__new') }}, {{ ref('int_claim_events__batch') }}
-- One row per equipment-loss claim, cumulative running totals included (see scope).
-- An incremental build rebuilds the rows of macros/incremental_build.sql claims_to_build
-- and writes those that changed (select_changed_claims).
with

int_equipment_losses as (
    {{ claims_to_build('equipment', ref('int_equipment_losses')) }}
),

int_claim_events as (
    select * from {{ ref('int_claim_events') }}
    {% if frontline_incremental() -%}
    where claim_id in (select claim_id from {{ ref('int_claim_events__batch') }})
    {%- endif %}
),

claims as (
    select
        int_equipment_losses.*,
        int_claim_events.claim_event_id,
    from int_equipment_losses
    left join int_claim_events
        on int_equipment_losses.claim_id = int_claim_events.claim_id
),

final as (
    select
        claim_id,
        article_id,
        victim_side,
        equipment_class,
        quantity,
        qualifier,
        scope,
        admin1,
        country,
        latitude,
        longitude,
        claimant,
        claimant_side,
        evidence,
        rule_id,
        published_date,
        report_date,
        event_date,
        period_start,
        period_end,
        sentence_index,
        span_start,
        span_end,
        source_file,
        claim_event_id,
        claim_event_id is null or row_number() over (
            partition by claim_event_id
            order by report_date nulls last, published_date nulls last, claim_id
        ) = 1 as is_first_report,
    from claims
)

{{ select_changed_claims() }}
