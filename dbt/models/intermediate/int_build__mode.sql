{{ config(materialized='table') }}
-- Whether this build is incremental (macros/incremental_build.sql), decided before any
-- incremental model runs: the data tests of an incremental build check only the rows it
-- rebuilt (macros/get_where_subquery.sql).
select {{ incremental_build() }} as is_incremental
