{#-
    Custom schema names are used as they are (staging, intermediate, main, reference),
    not prefixed with the target schema: marts land in `main`, DuckDB's default schema,
    so `select * from fct_strikes` works unqualified in the console and the scorer.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
