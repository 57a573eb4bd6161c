{#-
    Render refs and sources as "schema"."name", without the database (catalog).

    DuckDB names a file's catalog after the file, and a view keeps the SQL it was
    created with. The CLI builds a copy of the warehouse under another name
    (`warehouse.duckdb.building`) and renames it onto the live path, so a view body
    that said "warehouse.duckdb"."raw"."facts" would point at a catalog that no longer
    exists. Two-part names resolve against whichever file is open.
-#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if relation is not string and relation.include is defined -%}
        {%- do return(relation.include(database=false)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}

{% macro source(source_name, table_name) %}
    {%- set relation = builtins.source(source_name, table_name) -%}
    {%- if relation is not string and relation.include is defined -%}
        {%- do return(relation.include(database=false)) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{% endmacro %}
