-- First-level regions of Ukraine and Russia (the regions seed), the names admin1 uses.
with

regions as (
    select * from {{ ref('regions') }}
),

final as (
    select
        cast(region_name as varchar) as region_name,
        cast(country as varchar) as country,
        cast(iso_code as varchar) as iso_code,
        cast(geonames_admin1 as varchar) as geonames_admin1,
        cast(region_type as varchar) as region_type,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(aliases as varchar) as aliases,
        [
            trim(alias)
            for alias in string_split(coalesce(aliases, ''), ';')
            if trim(alias) <> ''
        ] as alias_list,
    from regions
)

select * from final
