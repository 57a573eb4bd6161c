{#- A strike cannot have more weapons intercepted than launched when both are stated.
    Usually configured as a warning: an article may give the two numbers for different
    windows, and the claim is still recorded as stated. -#}
{% test launched_gte_intercepted(model, launched_column='launched', intercepted_column='intercepted') %}

select *
from {{ model }}
where {{ launched_column }} is not null
  and {{ intercepted_column }} is not null
  and {{ intercepted_column }} > {{ launched_column }}

{% endtest %}
