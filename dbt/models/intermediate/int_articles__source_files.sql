-- Every file name an article was read from: the same text saved under two names (or
-- inside a multi-record file) is one article with several source files.
with

stg_raw__articles as (
    select * from {{ ref('stg_raw__articles') }}
),

stg_raw__article_sources as (
    select * from {{ ref('stg_raw__article_sources') }}
),

paths_seen as (
    -- the path on the article row is the first one seen; article_sources has them all
    select
        article_id,
        source_path,
        coalesce(source_file, regexp_extract(source_path, '[^/\\]+$')) as source_file,
        ingested_at as seen_at,
        0 as source_rank,
    from stg_raw__articles
    where source_path is not null or source_file is not null

    union all

    select
        article_id,
        source_path,
        source_file,
        seen_at,
        1 as source_rank,
    from stg_raw__article_sources
),

first_sighting as (
    -- one row per (article, file name), dated by its earliest sighting
    select
        article_id,
        source_file,
        min(source_path) as source_path,
        min(seen_at) as first_seen_at,
        min(source_rank) as source_rank,
    from paths_seen
    where source_file is not null
    group by article_id, source_file
),

paths as (
    select
        article_id,
        list(distinct source_path order by source_path)
            filter (where source_path is not null) as source_paths,
    from paths_seen
    group by article_id
),

files as (
    select
        article_id,
        list(source_file order by source_rank, first_seen_at nulls last, source_file)
            as source_files,
    from first_sighting
    group by article_id
),

final as (
    select
        stg_raw__articles.article_id,
        coalesce(files.source_files, []::varchar[]) as source_files,
        coalesce(paths.source_paths, []::varchar[]) as source_paths,
        coalesce(stg_raw__articles.source_file, files.source_files[1]) as first_source_file,
        cast(coalesce(len(files.source_files), 0) as integer) as n_source_files,
    from stg_raw__articles
    left join files
        on stg_raw__articles.article_id = files.article_id
    left join paths
        on stg_raw__articles.article_id = paths.article_id
)

select * from final
