{#- Code values of ANNOTATION.md / ingest/models.py, in one place for the models that
    need them. The accepted_values tests in the yml files spell them out again on purpose:
    a test that read this macro could not catch a change made here. -#}
{% macro additive_scopes() -%}
    ('event', 'period')
{%- endmacro %}
