{#- The date a fact is reported under: the day it happened, else the end of the period
    it covers, else the article's publication date. -#}
{% macro report_date(event_date, period_end, published_date) -%}
    coalesce({{ event_date }}, {{ period_end }}, {{ published_date }})
{%- endmacro %}
