{#- The grain of a table: no two rows share these columns (nulls compare equal, so a
    row with an unknown region is still one row per date). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with
grouped as (
    select
        {% for column in combination_of_columns -%}
        {{ column }},
        {% endfor -%}
        count(*) as n_rows,
    from {{ model }}
    group by all
),

final as (
    select * from grouped where n_rows > 1
)

select * from final

{% endtest %}
