{#-
    Incremental builds. `frontline run` only ever appends to the raw schema (new articles
    with their sentences and facts, and a new article_sources row when a known article is
    read under another path), so a build after a run only has to recompute what the new
    facts touch. ingest/dbt_runner.py build_warehouse decides: a full refresh when the
    warehouse has no marts built by these models yet, when raw changed otherwise (a
    --reprocess run deletes and re-inserts facts) or when the project itself changed.

    The delta models (int_facts__new, int_articles__new, int_claim_events__batch) read the
    previous build's tables directly, without ref(): they must see them as they were
    before this build, so they cannot depend on them.
-#}

{#- True when this build updates the warehouse incrementally: not --full-refresh, and a
    previous build left every incremental model. Only meaningful at execution time. -#}
{% macro incremental_build() -%}
    {#- `this` is none in a unit test, which always builds in full -#}
    {%- if not execute or flags.FULL_REFRESH or this is none -%}
        {{ return(false) }}
    {%- endif -%}
    {%- for schema, identifier in incremental_models() -%}
        {%- if previous_build(schema, identifier) is none -%}
            {{ return(false) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(true) }}
{%- endmacro %}

{#- incremental_build() for an incremental model: fails when dbt would update the model in
    place but the build is not incremental (another incremental model is missing), since
    the model would then merge a full result into its old rows. -#}
{% macro frontline_incremental() -%}
    {%- set incremental = incremental_build() -%}
    {%- if not incremental and this is not none and is_incremental() -%}
        {{ exceptions.raise_compiler_error(
            this ~ " exists but the warehouse is not fully built by these models:"
            ~ " run `dbt build --full-refresh`") }}
    {%- endif -%}
    {{ return(incremental) }}
{%- endmacro %}

{#- The relation a previous build left (schema.name, no catalog), or none. -#}
{% macro previous_build(schema, identifier) -%}
    {%- set relation = adapter.get_relation(database=target.database, schema=schema, identifier=identifier) -%}
    {%- if relation is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(relation.include(database=false)) }}
{%- endmacro %}

{#- The models updated in place by an incremental build; when one of them is missing,
    every model builds in full (a new model, or a warehouse built by older models). -#}
{% macro incremental_models() -%}
    {{ return([
        ('intermediate', 'int_claim_events'),
        ('main', 'dim_articles'),
        ('main', 'fct_claim_events'),
        ('main', 'fct_territorial_claims'),
        ('main', 'fct_casualties'),
        ('main', 'fct_equipment_losses'),
        ('main', 'fct_strikes'),
        ('main', 'agg_daily_region'),
    ]) }}
{%- endmacro %}

{#- fct_claim_events pre-hook: in an incremental build, delete the events whose reports
    int_claim_events__batch recomputes (an event is in the batch with all its reports, so
    its first report is). -#}
{% macro delete_recomputed_claim_events() -%}
    {%- if incremental_build() and is_incremental() -%}
        delete from {{ this }}
        where first_claim_id in (
            select claim_id from {{ ref('int_claim_events__batch') }} where not is_new
        )
    {%- endif -%}
{%- endmacro %}

{#- The claims a fct_* mart of `fact_type` builds: in a full build all of `int_relation`
    (its int_* model); in an incremental build the new facts of that type, and the mart's
    own rows of the facts int_claim_events__batch recomputes (their claim_event_id and
    is_first_report may change; nothing else of an old fact does). The mart replaces
    those rows by claim_id (delete+insert). -#}
{% macro claims_to_build(fact_type, int_relation) -%}
    {%- if frontline_incremental() -%}
        select fact_id as claim_id, * exclude (fact_id)
        from {{ ref('int_facts__new') }}
        where fact_type = '{{ fact_type }}'
        union all by name
        select * exclude (claim_event_id, is_first_report)
        from {{ this }}
        where claim_id in (
            select claim_id from {{ ref('int_claim_events__batch') }} where not is_new
        )
    {%- else -%}
        select * from {{ int_relation }}
    {%- endif -%}
{%- endmacro %}

{#- The last select of a fct_* mart, from its `final` CTE: in an incremental build only
    the rows that are new or whose claim_event_id or is_first_report changed (the other
    facts of int_claim_events__batch keep their rows untouched: rewriting wide rows is
    the bulk of an incremental build when a new report joins a large event). -#}
{% macro select_changed_claims() -%}
    {%- if frontline_incremental() -%}
        select final.*
        from final
        left join (
            select claim_id, claim_event_id, is_first_report
            from {{ this }}
            where claim_id in (
                select claim_id from {{ ref('int_claim_events__batch') }} where not is_new
            )
        ) as previous
            on final.claim_id = previous.claim_id
        where previous.claim_id is null
           or previous.claim_event_id is distinct from final.claim_event_id
           or previous.is_first_report is distinct from final.is_first_report
    {%- else -%}
        select * from final
    {%- endif -%}
{%- endmacro %}
