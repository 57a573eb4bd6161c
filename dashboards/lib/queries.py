"""Every SQL statement the dashboard runs. Marts only (schema `main`), plus `raw.ingest_runs`
for the "last refreshed" line.

Values are always bound as named parameters (`$start`, `$regions`…), never formatted in.
The only names formatted into SQL are table and column identifiers from the fixed lists
below, chosen by what the warehouse actually has (`Schema`), so that a mart gaining or not
yet having an optional column (report_date, span_start…) does not break a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Schema = Mapping[str, frozenset[str]]  # "dim_articles" / "raw.ingest_runs" -> column names

FACT_TABLES: dict[str, str] = {
    "territorial": "fct_territorial_claims",
    "casualties": "fct_casualties",
    "equipment": "fct_equipment_losses",
    "strike": "fct_strikes",
}
ARTICLES = "dim_articles"
REGIONS = "dim_regions"
DAILY = "agg_daily_region"
INGEST_RUNS = "raw.ingest_runs"
# the claims ledger (optional: a page falls back to the fact tables when these are absent)
CLAIM_EVENTS = "fct_claim_events"
PLACES = "dim_places"
PLACE_HISTORY = "fct_place_control_history"
CUMULATIVE_SERIES = "fct_cumulative_series"
MARTS: tuple[str, ...] = (ARTICLES, REGIONS, *FACT_TABLES.values(), DAILY)

# Which date a fact is charted on, best first; the article's publication date is the fallback.
DATE_COLUMNS: tuple[str, ...] = ("report_date", "event_date", "published_date")
NO_SIDE = "none"  # claimant_side NULL: stated in the outlet's own voice

# Columns every fact row in the cross-type listing carries (name, SQL type when absent).
COMMON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claimant", "varchar"),
    ("claimant_side", "varchar"),
    ("admin1", "varchar"),
    ("country", "varchar"),
    ("scope", "varchar"),
    ("evidence", "varchar"),
    ("rule_id", "varchar"),
    ("sentence_index", "integer"),
    ("span_start", "integer"),
    ("span_end", "integer"),
    ("claim_event_id", "varchar"),
    ("is_first_report", "boolean"),
)
# The marts' build-time "earliest report of its claim event" flag (absent in older warehouses).
FIRST_REPORT = "is_first_report"

# One plain-English line per fact; NULL parts drop out of concat_ws.
SUMMARY_SQL: dict[str, str] = {
    "territorial": (
        "concat_ws(' ', f.actor_side, 'took', coalesce(f.place_name, "
        "cast(f.area_km2 as varchar) || ' km²'), '(' || f.status || ')')"
    ),
    "casualties": (
        "concat_ws(' ', cast(f.quantity as varchar), f.victim_side, f.victim_kind, "
        "replace(f.category, '_', ' '))"
    ),
    "equipment": (
        "concat_ws(' ', cast(f.quantity as varchar), f.victim_side, "
        "replace(f.equipment_class, '_', ' '))"
    ),
    "strike": (
        "concat_ws(' ', f.attacker_side, coalesce(f.weapon_system, "
        "replace(f.weapon_class, '_', ' ')), 'launched ' || f.launched, "
        "'intercepted ' || f.intercepted, '→ ' || coalesce(f.target_place, f.admin1))"
    ),
}

FILTER_SQL = """
    ($start::date is null or fact_date >= $start::date)
    and ($end::date is null or fact_date <= $end::date)
    and (len($regions::varchar[]) = 0 or list_contains($regions::varchar[], admin1))
    and (len($sides::varchar[]) = 0
         or list_contains($sides::varchar[], coalesce(claimant_side, 'none')))
    and (len($types::varchar[]) = 0 or list_contains($types::varchar[], fact_type))
"""


@dataclass(frozen=True)
class Query:
    sql: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FactFilter:
    """The sidebar's choices; empty tuples mean "all"."""

    start: dt.date | None = None
    end: dt.date | None = None
    regions: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()  # RU | UA | other | none
    fact_types: tuple[str, ...] = ()
    # False: a claim reported by several articles counts once (one row per claim event);
    # True: every report counts. Applied in Polars (transform.one_per_claim_event), not SQL.
    count_every_report: bool = False

    def params(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "regions": list(self.regions),
            "sides": list(self.sides),
            "types": list(self.fact_types),
        }


class MissingMart(LookupError):
    """A mart the page needs is not in the warehouse (yet)."""


def schema() -> Query:
    return Query(
        """
        select table_schema, table_name, column_name
        from information_schema.columns
        where table_schema in ('main', 'raw')
        order by table_schema, table_name, ordinal_position
        """
    )


def require(sch: Schema, *tables: str) -> None:
    missing = [t for t in tables if t not in sch]
    if missing:
        raise MissingMart(", ".join(missing))


def _date_sql(cols: frozenset[str]) -> str:
    parts = [f"f.{c}" for c in DATE_COLUMNS if c in cols]
    return f"coalesce({', '.join([*parts, 'a.published_date'])})"


def _fact_cte(sch: Schema, fact_type: str) -> str:
    """`select` of one fact mart with fact_type, fact_date and the article's title/outlet."""
    table = FACT_TABLES[fact_type]
    require(sch, table, ARTICLES)
    cols = sch[table]
    return f"""
        select
            '{fact_type}' as fact_type,
            f.*,
            {_date_sql(cols)} as fact_date,
            a.title as article_title,
            a.outlet as article_outlet
        from main.{table} as f
        left join main.{ARTICLES} as a on a.article_id = f.article_id
    """


def facts(sch: Schema, fact_type: str, flt: FactFilter) -> Query:
    """Every fact of one type in the filter window, newest first, with evidence."""
    return Query(
        f"""
        with facts as ({_fact_cte(sch, fact_type)})
        select * from facts
        where {FILTER_SQL}
        order by fact_date desc nulls last, claim_id
        """,
        flt.params(),
    )


def _listing_select(sch: Schema, fact_type: str) -> str:
    cols = sch[FACT_TABLES[fact_type]]
    optional = ",\n".join(
        f"f.{name}" if name in cols else f"cast(null as {sql_type}) as {name}"
        for name, sql_type in COMMON_COLUMNS
    )
    return f"""
        select
            '{fact_type}' as fact_type,
            f.claim_id,
            f.article_id,
            {_date_sql(cols)} as fact_date,
            {SUMMARY_SQL[fact_type]} as summary,
            {optional},
            a.title as article_title,
            a.outlet as article_outlet
        from main.{FACT_TABLES[fact_type]} as f
        left join main.{ARTICLES} as a on a.article_id = f.article_id
    """


def _listing(sch: Schema) -> str:
    present = [t for t, table in FACT_TABLES.items() if table in sch]
    if not present:
        raise MissingMart(", ".join(FACT_TABLES.values()))
    require(sch, ARTICLES)
    return "\nunion all\n".join(_listing_select(sch, t) for t in present)


def all_facts(sch: Schema, flt: FactFilter) -> Query:
    """One line per fact of every type in the filter window, with a summary and evidence."""
    return Query(
        f"""
        with facts as ({_listing(sch)})
        select * from facts
        where {FILTER_SQL}
        order by fact_date desc nulls last, fact_type, claim_id
        """,
        flt.params(),
    )


def article_facts(sch: Schema, article_id: str) -> Query:
    """Every fact of one article, in text order."""
    return Query(
        f"""
        with facts as ({_listing(sch)})
        select * from facts
        where article_id = $article_id
        order by sentence_index nulls last, span_start nulls last, fact_type
        """,
        {"article_id": article_id},
    )


def region_options(sch: Schema) -> Query:
    """Region names for the filter: the reference list and every admin1 a fact carries."""
    parts = [f"select admin1 as region from main.{t}" for t in FACT_TABLES.values() if t in sch]
    if REGIONS in sch:
        parts.append(f"select region_name as region from main.{REGIONS}")
    if not parts:
        return Query("select cast(null as varchar) as region where false")
    union = "\nunion\n".join(parts)
    return Query(f"select distinct region from ({union}) where region is not null order by 1")


def regions(sch: Schema) -> Query:
    require(sch, REGIONS)
    return Query(f"select * from main.{REGIONS} order by country, region_name")


def outlets(sch: Schema) -> Query:
    require(sch, ARTICLES)
    return Query(
        f"select distinct outlet from main.{ARTICLES} where outlet is not null order by outlet"
    )


ID_CHARS = frozenset("0123456789abcdef")
ID_MIN_LENGTH = 8


def looks_like_id(text: str) -> bool:
    """Hex of at least ID_MIN_LENGTH characters: worth matching against article ids."""
    return len(text) >= ID_MIN_LENGTH and set(text.lower()) <= ID_CHARS


_REGEX_SPECIAL = frozenset("\\.^$|?*+()[]{}")


def literal_regex(text: str) -> str:
    """A case-insensitive RE2 pattern matching `text` literally. DuckDB's regexp_matches
    with it scans article bodies about twice as fast as `ilike` (benchmarks/README.md)."""
    return "(?i)" + "".join("\\" + ch if ch in _REGEX_SPECIAL else ch for ch in text)


def search_articles(
    sch: Schema, text: str, outlet_names: tuple[str, ...], flt: FactFilter, limit: int = 500
) -> Query:
    """Articles whose title or body contain `text` (case-insensitive, every character literal), or
    whose id contains it when it looks like an id, from the chosen outlets, in the window."""
    require(sch, ARTICLES)
    cols = sch[ARTICLES]
    needle = text.strip()
    searchable = [c for c in ("title", "body") if c in cols]
    clauses = [f"regexp_matches({c}, $pattern)" for c in searchable]
    if "article_id" in cols and looks_like_id(needle):
        clauses.append("contains(lower(article_id), lower($text))")
    match = " or ".join(clauses) or "false"
    return Query(
        f"""
        select *
        from main.{ARTICLES}
        where ($text = '' or {match})
            and (len($outlets::varchar[]) = 0 or list_contains($outlets::varchar[], outlet))
            and ($start::date is null or published_date >= $start::date)
            and ($end::date is null or published_date <= $end::date)
        order by published_date desc nulls last, article_id
        limit $limit
        """,
        {
            "text": needle,
            "pattern": literal_regex(needle),
            "outlets": list(outlet_names),
            "start": flt.start,
            "end": flt.end,
            "limit": limit,
        },
    )


def article(sch: Schema, article_id: str) -> Query:
    require(sch, ARTICLES)
    return Query(
        f"select * from main.{ARTICLES} where article_id = $article_id",
        {"article_id": article_id},
    )


def last_refresh(sch: Schema) -> Query | None:
    """The latest ingest run, or None when the warehouse has no raw.ingest_runs."""
    cols = sch.get(INGEST_RUNS, frozenset())
    if not {"finished_at", "status"} <= cols:
        return None
    return Query(
        f"""
        select finished_at, status
        from {INGEST_RUNS}
        where finished_at is not null
        order by finished_at desc
        limit 1
        """
    )


def _window_params(flt: FactFilter) -> dict[str, Any]:
    return {"start": flt.start, "end": flt.end, "regions": list(flt.regions)}


_LEDGER_WINDOW_SQL = """
    ($start::date is null or last_reported_date >= $start::date)
    and ($end::date is null or first_reported_date <= $end::date)
    and (len($regions::varchar[]) = 0 or list_contains($regions::varchar[], admin1))
"""


def places(sch: Schema, flt: FactFilter) -> Query:
    """Each claimed place with its latest state (dim_places), claimed in the window."""
    require(sch, PLACES)
    return Query(
        f"""
        select * from main.{PLACES}
        where {_LEDGER_WINDOW_SQL}
        order by control_reported_date desc nulls last, place_name
        """,
        _window_params(flt),
    )


def place_history(sch: Schema, flt: FactFilter) -> Query:
    """The control ledger: every claim, denial and confirmation per place, in order."""
    require(sch, PLACE_HISTORY)
    return Query(
        f"""
        select * from main.{PLACE_HISTORY}
        where {_LEDGER_WINDOW_SQL}
        order by place_name, event_sequence
        """,
        _window_params(flt),
    )


def cumulative_series(sch: Schema, claim_type: str, flt: FactFilter) -> Query:
    """Running totals of one claim type (fct_cumulative_series) in the window and sides."""
    require(sch, CUMULATIVE_SERIES)
    return Query(
        f"""
        select * from main.{CUMULATIVE_SERIES}
        where claim_type = $claim_type
          and ($start::date is null or report_date >= $start::date)
          and ($end::date is null or report_date <= $end::date)
          and (len($sides::varchar[]) = 0
               or list_contains($sides::varchar[], coalesce(claimant_side, 'none')))
        order by series_id, report_date
        """,
        {
            "claim_type": claim_type,
            "start": flt.start,
            "end": flt.end,
            "sides": list(flt.sides),
        },
    )


# ---------------------------------------------------------------------------------------
# Bounded tables and SQL aggregates: a page never fetches every fact. Tables show the
# latest `TABLE_ROWS` rows with a cheap count beside them; charts and headline figures are
# grouped in DuckDB. "One per claim event" (the default; off with "count every report")
# is applied here in SQL: after the filters, the earliest report of each claim event stays.

TABLE_ROWS = 2_000
GRAIN_SQL: dict[str, str] = {"day": "day", "week": "week", "month": "month"}
# split columns a chart may group by (identifiers formatted into SQL: a fixed list)
SPLIT_COLUMNS: frozenset[str] = frozenset(
    {"category", "victim_kind", "equipment_class", "admin1", "weapon_class", "weapon_system"}
)
_FLOW_SQL = "coalesce(scope, '') <> 'cumulative'"


def _one_per_event(sch: Schema, fact_type: str | None) -> tuple[str, str]:
    """(`where` term, `qualify` clause) keeping the earliest report per claim event.

    Uses the marts' `is_first_report` flag when every mart read carries it (computed once
    at build time); otherwise ranks the filtered rows per request, rows without an id alone.
    """
    tables = (
        [FACT_TABLES[fact_type]]
        if fact_type is not None
        else [t for t in FACT_TABLES.values() if t in sch]
    )
    if all(FIRST_REPORT in sch[t] for t in tables):
        return f"and {FIRST_REPORT}", ""
    if fact_type is None:
        key = "fact_type || ':' || claim_id"
    elif "claim_event_id" in sch[FACT_TABLES[fact_type]]:
        key = "claim_id"
    else:
        return "", ""
    return "", (
        "qualify row_number() over (partition by coalesce(claim_event_id, "
        f"'row:' || {key}) order by fact_date nulls last, claim_id) = 1"
    )


def _filtered(sch: Schema, fact_type: str | None, flt: FactFilter, events: bool) -> str:
    """Filtered facts of one type (`*` of the mart) or of every type (the listing); with
    `events`, one row per claim event unless the filter counts every report."""
    source = _listing(sch) if fact_type is None else _fact_cte(sch, fact_type)
    flag, qualify = (
        _one_per_event(sch, fact_type) if events and not flt.count_every_report else ("", "")
    )
    return f"""
        select * from ({source}) as facts
        where {FILTER_SQL}
        {flag}
        {qualify}
    """


def latest_facts(
    sch: Schema,
    fact_type: str | None,
    flt: FactFilter,
    events: bool = False,
    limit: int = TABLE_ROWS,
) -> Query:
    """The newest `limit` facts of one type (or the cross-type listing when None)."""
    order = "fact_date desc nulls last, claim_id" + (", fact_type" if fact_type is None else "")
    return Query(
        f"select * from ({_filtered(sch, fact_type, flt, events)}) order by {order} limit $limit",
        {**flt.params(), "limit": limit},
    )


def count_facts(sch: Schema, fact_type: str | None, flt: FactFilter, events: bool = False) -> Query:
    """How many facts `latest_facts` chooses from (column `n`)."""
    return Query(
        f"select count(*) as n from ({_filtered(sch, fact_type, flt, events)})", flt.params()
    )


def _split(split: str) -> str:
    if split not in SPLIT_COLUMNS:
        raise ValueError(f"not a split column: {split}")
    return split


def loss_series(sch: Schema, fact_type: str, flt: FactFilter, grain: str, split: str) -> Query:
    """transform.loss_series in SQL: non-cumulative sums per period, claimant side and split."""
    col = _split(split)
    return Query(
        f"""
        select
            cast(date_trunc('{GRAIN_SQL[grain]}', fact_date) as date) as period,
            coalesce(claimant_side, '{NO_SIDE}') as side,
            coalesce(cast({col} as varchar), 'unknown') as {col},
            cast(sum(quantity) as bigint) as quantity,
            count(*) as claims
        from ({_filtered(sch, fact_type, flt, True)})
        where {_FLOW_SQL} and fact_date is not null
        group by all
        order by period, side, {col}
        """,
        flt.params(),
    )


def cumulative_points(sch: Schema, fact_type: str, flt: FactFilter, split: str) -> Query:
    """transform.cumulative_series in SQL: the largest running total per day, side, split."""
    col = _split(split)
    return Query(
        f"""
        select
            fact_date,
            coalesce(claimant_side, '{NO_SIDE}') as side,
            victim_side,
            coalesce(cast({col} as varchar), 'unknown') as {col},
            cast(max(quantity) as bigint) as quantity,
            count(*) as claims
        from ({_filtered(sch, fact_type, flt, True)})
        where scope = 'cumulative' and fact_date is not null
        group by all
        order by fact_date, side, {col}
        """,
        flt.params(),
    )


def strike_series(sch: Schema, flt: FactFilter, grain: str, split: str) -> Query:
    """transform.strike_series in SQL: launched and intercepted per period and split."""
    col = _split(split)
    return Query(
        f"""
        select
            cast(date_trunc('{GRAIN_SQL[grain]}', fact_date) as date) as period,
            coalesce(cast({col} as varchar), 'unknown') as {col},
            cast(sum(launched) as bigint) as launched,
            cast(sum(intercepted) as bigint) as intercepted,
            count(*) as strikes
        from ({_filtered(sch, "strike", flt, False)})
        where {_FLOW_SQL} and fact_date is not null
        group by all
        order by period, {col}
        """,
        flt.params(),
    )


_BOTH = "launched is not null and intercepted is not null"
_INTERCEPTION_AGGS = f"""
    count(*) as strikes,
    count(*) filter (where {_BOTH}) as with_both_counts,
    cast(sum(launched) filter (where {_BOTH}) as bigint) as launched,
    cast(sum(intercepted) filter (where {_BOTH}) as bigint) as intercepted
"""
_RATE = "case when launched > 0 then intercepted / launched end as interception_rate"


def interception(sch: Schema, flt: FactFilter, split: str, events: bool = False) -> Query:
    """transform.interception in SQL, per split: the rate with the counts it rests on."""
    col = _split(split)
    return Query(
        f"""
        select *, {_RATE} from (
            select coalesce(cast({col} as varchar), 'unknown') as {col}, {_INTERCEPTION_AGGS}
            from ({_filtered(sch, "strike", flt, events)})
            where {_FLOW_SQL}
            group by all
        )
        order by launched desc nulls last
        """,
        flt.params(),
    )


def largest_strikes(sch: Schema, flt: FactFilter, limit: int = 15) -> Query:
    """The strikes with the most weapons launched."""
    return Query(
        f"""
        select * from ({_filtered(sch, "strike", flt, False)})
        where launched is not null
        order by launched desc, fact_date desc nulls last, claim_id
        limit $limit
        """,
        {**flt.params(), "limit": limit},
    )


def headline(sch: Schema, flt: FactFilter) -> Query:
    """transform.headline in SQL: claims, places, strikes and the interception counts,
    counted one per claim event unless every report counts. A missing mart counts as none."""
    places = (
        f"(select count(distinct place_name) from ({_filtered(sch, 'territorial', flt, True)}))"
        if FACT_TABLES["territorial"] in sch
        else "0"
    )
    if FACT_TABLES["strike"] in sch:
        strikes = f"""(
            select {_INTERCEPTION_AGGS.replace("count(*) as strikes", "count(*) as n")}
            from ({_filtered(sch, "strike", flt, True)}) where {_FLOW_SQL}
        )"""
        all_strikes = f"(select count(*) from ({_filtered(sch, 'strike', flt, True)}))"
    else:
        strikes = (
            "(select 0 as n, 0 as with_both_counts, cast(null as bigint) as launched, "
            "cast(null as bigint) as intercepted)"
        )
        all_strikes = "0"
    return Query(
        f"""
        select
            (select count(*) from ({_filtered(sch, None, flt, True)})) as claims,
            {places} as places_claimed,
            {all_strikes} as strikes,
            coalesce(s.launched, 0) as launched,
            coalesce(s.intercepted, 0) as intercepted,
            case when s.launched > 0 then s.intercepted / s.launched end as interception_rate
        from {strikes} as s
        """,
        flt.params(),
    )


def weekly_counts(sch: Schema, flt: FactFilter) -> Query:
    """transform.weekly_counts in SQL: facts per week and type (one per claim event)."""
    return Query(
        f"""
        select cast(date_trunc('week', fact_date) as date) as period, fact_type,
            count(*) as facts
        from ({_filtered(sch, None, flt, True)})
        where fact_date is not null
        group by all
        order by period, fact_type
        """,
        flt.params(),
    )


def place_table(sch: Schema, flt: FactFilter) -> Query:
    """transform.place_table in SQL: one row per named place and gaining side."""
    order = "order by fact_date desc nulls last, claim_id"
    return Query(
        f"""
        select
            place_name,
            actor_side,
            first(admin1 {order}) filter (where admin1 is not null) as admin1,
            first(latitude {order}) filter (where latitude is not null) as latitude,
            first(longitude {order}) filter (where longitude is not null) as longitude,
            count(*) as claims,
            count(distinct article_id) as articles,
            coalesce(string_agg(distinct status, ', ' order by status), '') as statuses,
            string_agg(distinct coalesce(claimant_side, '{NO_SIDE}'), ', '
                order by coalesce(claimant_side, '{NO_SIDE}')) as claimant_sides,
            min(fact_date) as first_date,
            max(fact_date) as last_date,
            last(status {order}) filter (where status is not null) as latest_status
        from ({_filtered(sch, "territorial", flt, True)})
        where place_name is not null
        group by place_name, actor_side
        order by claims desc, place_name
        """,
        flt.params(),
    )


def area_claims(sch: Schema, flt: FactFilter, limit: int = TABLE_ROWS) -> Query:
    """The newest territorial claims without a named place (area claims)."""
    return Query(
        f"""
        select * from ({_filtered(sch, "territorial", flt, True)})
        where place_name is null
        order by fact_date desc nulls last, claim_id
        limit $limit
        """,
        {**flt.params(), "limit": limit},
    )


# per fact type: the region page's columns (non-cumulative facts tied to a region)
REGION_AGGS: dict[str, str] = {
    "territorial": ("count(*) as territorial_claims, count(distinct place_name) as places_claimed"),
    "casualties": "count(*) as casualty_claims, cast(sum(quantity) as bigint) as people_reported",
    "equipment": (
        "count(*) as equipment_claims, cast(sum(quantity) as bigint) as equipment_reported"
    ),
    "strike": (
        "count(*) as strikes, cast(sum(launched) as bigint) as launched, "
        "cast(sum(intercepted) as bigint) as intercepted"
    ),
}


def region_parts(sch: Schema, fact_type: str, flt: FactFilter) -> Query:
    """One fact type's per-region counts and sums (the parts of transform.region_table)."""
    return Query(
        f"""
        select admin1, {REGION_AGGS[fact_type]}
        from ({_filtered(sch, fact_type, flt, False)})
        where {_FLOW_SQL} and admin1 is not null
        group by admin1
        """,
        flt.params(),
    )
