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
)

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


def search_articles(
    sch: Schema, text: str, outlet_names: tuple[str, ...], flt: FactFilter, limit: int = 500
) -> Query:
    """Articles whose title/body/id contain `text`, from the chosen outlets, in the date window."""
    require(sch, ARTICLES)
    cols = sch[ARTICLES]
    searchable = [c for c in ("title", "body", "article_id") if c in cols]
    match = " or ".join(f"contains(lower(coalesce({c}, '')), lower($text))" for c in searchable)
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
            "text": text.strip(),
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
