{#-
    Data tests of an incremental build check the rows it added or rebuilt, not the whole
    warehouse: dbt passes every generic test's model through get_where_subquery, and for
    the large models below this adds a filter. A filter keeps every row whose KEY is among
    the new or rebuilt ones, so a unique test still sees an old row that repeats a new key.
    Small models are always tested in full; a test's own `where` config still applies.

    - Staging views over raw and the views over them: the rows of articles the built
      dim_articles does not have yet. `dbt build` runs a model's tests before the models
      downstream of it, dim_articles is downstream of all of these, so the tests see the
      previous build's dim_articles, and incremental_build() tells the mode.
    - Marts and int_claim_events: the rows int_claim_events__batch or int_articles__new
      name. Their tests run after the model was rebuilt, so the mode is read from
      int_build__mode, written by this build before any incremental model.

    Relations are named directly, not through ref(): dbt renders this macro only when the
    test runs, too late to record a dependency (the order above makes them current).
-#}
{% macro get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set filter = incremental_test_filter(relation.identifier if relation.identifier is defined else '') -%}
    {%- if filter -%}
        {%- do conditions.append(filter) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return("(select * from " ~ relation ~ " where " ~ conditions | join(' and ') ~ ") dbt_subquery") -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- The condition restricting a test of model `name` to the rows of this build, or ''. -#}
{% macro incremental_test_filter(name) -%}
    {%- if name in ['stg_raw__articles', 'stg_raw__facts', 'stg_raw__sentences',
                    'int_facts__dated', 'int_articles__source_files'] -%}
        {%- if incremental_build() -%}
            {{- return("article_id not in (select article_id from "
                ~ previous_build('main', 'dim_articles') ~ ")") -}}
        {%- endif -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set mode = previous_build('intermediate', 'int_build__mode') -%}
    {%- set batch = previous_build('intermediate', 'int_claim_events__batch') -%}
    {%- set claims = previous_build('intermediate', 'int_claim_events') -%}
    {%- set articles = previous_build('intermediate', 'int_articles__new') -%}
    {%- if mode is none or batch is none or claims is none or articles is none -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set batch_claims = "claim_id in (select claim_id from " ~ batch ~ ")" -%}
    {%- set filters = {
        'dim_articles': "article_id in (select article_id from " ~ articles ~ ")",
        'int_claim_events': batch_claims,
        'fct_territorial_claims': batch_claims,
        'fct_casualties': batch_claims,
        'fct_equipment_losses': batch_claims,
        'fct_strikes': batch_claims,
        'fct_claim_events': "claim_event_id in (select claim_event_id from " ~ claims
            ~ " where " ~ batch_claims ~ ")",
    } -%}
    {%- if name not in filters -%}
        {{- return('') -}}
    {%- endif -%}
    {{- return("((select not is_incremental from " ~ mode ~ ") or " ~ filters[name] ~ ")") -}}
{%- endmacro %}
