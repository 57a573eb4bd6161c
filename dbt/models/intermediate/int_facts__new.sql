{{ config(materialized='table') }}
-- The facts an incremental build adds (see macros/incremental_build.sql): the facts of
-- int_facts__dated that the previous build's int_claim_events does not have yet, i.e.
-- the facts of the articles ingested since. Empty in a full build.
with

int_facts__dated as (
    select * from {{ ref('int_facts__dated') }}
),

stg_raw__facts as (
    select * from {{ ref('stg_raw__facts') }}
),

{% if incremental_build() %}

built_facts as (
    select claim_id from {{ previous_build('intermediate', 'int_claim_events') }}
),

new_fact_ids as (
    select fact_id from stg_raw__facts
    anti join built_facts on stg_raw__facts.fact_id = built_facts.claim_id
),

new_facts as (
    select * from int_facts__dated
    where fact_id in (select fact_id from new_fact_ids)
),

{% else %}

new_facts as (
    select * from int_facts__dated where false
),

{% endif %}

final as (
    select * from new_facts
)

select * from final
