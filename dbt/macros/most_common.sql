{#- The most common non-null `value` per `group_by` in `source`, like mode() but with
    ties broken by the smallest value: mode() keeps the value it met first, which depends
    on the order rows are read in, and an incremental build reads them in another order
    than a full one. `where` optionally restricts the rows counted. Columns: group_by,
    `value_name`. -#}
{% macro most_common(source, group_by, value, value_name, where=none) -%}
    select
        {{ group_by }},
        first(value order by n_rows desc, value) as {{ value_name }},
    from (
        select {{ group_by }}, {{ value }} as value, count(*) as n_rows,
        from {{ source }}
        where {{ value }} is not null{% if where %} and ({{ where }}){% endif %}
        group by all
    )
    group by {{ group_by }}
{%- endmacro %}
