{#- The claim key of every fact of `relation` (int_facts__dated or a subset with its
    columns), as int_claim_events numbers its events: the key fields of each type (the
    others stay null so they cannot split an event), their hash `claim_key`, and the
    `occurrence` of the key within the article (the n-th fact of an article with a key
    only merges with the n-th facts of the others, so that one article's two incidents
    stay two events). Also the fact's own region, country, status and weapon system, which
    fct_claim_events summarises per event.

    The key is hashed from the fields joined by a separator that no value contains
    (chr(31)), a null written as chr(0): cheaper than hashing a JSON document, and as
    unambiguous. -#}
{% macro claim_keyed(relation) -%}
    with

    keyed as (
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
            admin1 as fact_admin1,
            country,
            status,
            weapon_system,
        from {{ relation }}
    ),

    hashed as (
        select
            *,
            md5(concat_ws(chr(31),
                {%- for field in claim_key_fields() %}
                coalesce(cast({{ field }} as varchar), chr(0)){{ "," if not loop.last }}
                {%- endfor %}
            )) as claim_key,
        from keyed
    ),

    final as (
        select
            * exclude (is_denied),
            row_number() over (
                partition by claim_key, article_id order by report_date nulls last, claim_id
            ) as occurrence,
        from hashed
    )

    select * from final
{%- endmacro %}

{#- The fields a claim key is made of (place and target names compare case-blind). -#}
{% macro claim_key_fields() -%}
    {{ return([
        'claim_type', 'claimant_side', 'actor_side', 'lower(place_name)', 'area_km2',
        'is_denied', 'victim_side', 'victim_kind', 'category', 'equipment_class', 'quantity',
        'attacker_side', 'weapon_class', 'launched', 'intercepted', 'lower(target_place)',
        'scope', 'admin1',
    ]) }}
{%- endmacro %}

{#- The columns int_claim_events__batch carries into int_claim_events. -#}
{% macro claim_keyed_columns() -%}
    {{ return([
        'claim_id', 'article_id', 'outlet', 'report_date', 'claim_type', 'claimant_side',
        'actor_side', 'place_name', 'area_km2', 'victim_side', 'victim_kind', 'category',
        'equipment_class', 'quantity', 'attacker_side', 'weapon_class', 'launched',
        'intercepted', 'target_place', 'scope', 'admin1', 'fact_admin1', 'country', 'status',
        'weapon_system', 'claim_key', 'occurrence',
    ]) }}
{%- endmacro %}
