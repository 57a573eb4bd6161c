{#- sum() of BIGINT is HUGEINT in DuckDB, which Polars reads as Decimal(38,0) and Plotly
    cannot size or colour by: every summed measure goes through this, 0 when nothing adds.
    `where` optionally restricts the rows summed (an aggregate FILTER clause). -#}
{% macro sum_as_bigint(expression, where=none) -%}
    cast(coalesce(sum({{ expression }}){% if where %} filter (where {{ where }}){% endif %}, 0) as bigint)
{%- endmacro %}
