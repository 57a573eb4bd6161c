{#- The state of a place once a territorial claim event is known, as the dashboard shows
    it: `claimed by RU` (a plain claim by or about that side; `claimed` when no side is
    named), `disputed` (the other side denies it or says fighting goes on), `confirmed`
    (the other side or an independent source confirms it). -#}
{% macro place_control_state(status, actor_side) -%}
    case
        when {{ status }} = 'disputed' then 'disputed'
        when {{ status }} = 'confirmed' then 'confirmed'
        when {{ actor_side }} is not null then 'claimed by ' || {{ actor_side }}
        else 'claimed'
    end
{%- endmacro %}
