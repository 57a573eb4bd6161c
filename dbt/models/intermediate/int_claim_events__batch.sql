{{ config(materialized='table') }}
-- depends_on: {{ ref('int_build__mode') }}
-- The facts whose claim event an incremental build recomputes (see
-- macros/incremental_build.sql): every new fact (is_new) with its claim key, and the
-- facts of every claim event the new facts can change. Events chain reports at most
-- var('claim_event_window_days') days apart, so a new report dated d can only extend,
-- merge or join the previous events of its key and occurrence that have a report within
-- that window of d; their facts are recomputed whole, so every event they and the new
-- facts form is complete in the batch. Any other event keeps its reports and id.
-- Empty in a full build.
with

{% if incremental_build() %}

new_facts as (
    {{ claim_keyed(ref('int_facts__new')) }}
),

built as (
    select * from {{ previous_build('intermediate', 'int_claim_events') }}
),

touched as (
    select
        {% for column in claim_keyed_columns() -%}
        built.{{ column }},
        {% endfor -%}
    from built
    semi join new_facts
        on built.claim_key = new_facts.claim_key
        and built.occurrence = new_facts.occurrence
        and built.first_reported_date
            <= new_facts.report_date + {{ var('claim_event_window_days') }}
        and built.last_reported_date
            >= new_facts.report_date - {{ var('claim_event_window_days') }}
),

batch as (
    select *, true as is_new from new_facts
    union all
    select *, false as is_new from touched
),

{% else %}

batch as (
    select *, true as is_new from ({{ claim_keyed(ref('int_facts__new')) }}) where false
),

{% endif %}

final as (
    select * from batch
)

select * from final
