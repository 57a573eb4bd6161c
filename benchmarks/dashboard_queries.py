"""p50/p95 of every query the dashboard runs, on a built warehouse, without Streamlit.

The statements come from `dashboards.lib.queries` (pure functions, no Streamlit) and run
the way `dashboards.lib.db` runs them: on a cursor of the locked read-only connection
(`ingest.warehouse.connect_readonly`: 2 threads, 1 GB) with bound parameters, fetched
into Polars with `.pl()`. The app caches results for five minutes, so these are the
uncached times a first visitor (or a visitor after a rebuild) waits for.

Each query runs once to warm up, then `reps` times; p50/p95 are over those runs.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import percentile


@dataclass(frozen=True)
class QueryTiming:
    name: str
    rows: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    reps: int
    error: str | None = None


def _schema(con: Any, queries: Any) -> dict[str, frozenset[str]]:
    q = queries.schema()
    rows = con.cursor().sql(q.sql).fetchall()
    found: dict[str, set[str]] = {}
    for table_schema, table, column in rows:
        key = table if table_schema == "main" else f"{table_schema}.{table}"
        found.setdefault(key, set()).add(column)
    return {k: frozenset(v) for k, v in found.items()}


def _scalar(con: Any, sql: str) -> Any:
    """The first value of a helper query, or None (a mart may lack the column yet)."""
    try:
        rows = con.cursor().sql(sql).fetchall()
    except Exception:
        return None
    return rows[0][0] if rows else None


def dashboard_queries(con: Any) -> list[tuple[str, Callable[[], Any]]]:
    """(name, builder) for every query the pages run, with the default and a narrowed filter."""
    from dashboards.lib import queries as q

    sch = _schema(con, q)
    latest = _scalar(con, f"select max(published_date) from main.{q.ARTICLES}")
    busiest = _scalar(
        con,
        "select admin1 from main.fct_territorial_claims where admin1 is not null "
        "group by admin1 order by count(*) desc limit 1",
    )
    some_article = _scalar(
        con,
        f"select article_id from main.{q.ARTICLES} order by n_facts desc nulls last limit 1",
    )
    everything = q.FactFilter()
    start = latest - dt.timedelta(days=90) if latest else None
    narrowed = q.FactFilter(
        start=start, end=latest, regions=(busiest,) if busiest else (), sides=("RU",)
    )
    built: list[tuple[str, Callable[[], Any]]] = [
        ("schema", q.schema),
        ("last_refresh", lambda: q.last_refresh(sch)),
        ("region_options", lambda: q.region_options(sch)),
        ("regions", lambda: q.regions(sch)),
        ("outlets", lambda: q.outlets(sch)),
    ]
    for label, flt in (("all", everything), ("90 days, region, RU", narrowed)):
        built += _page_queries(q, sch, flt, label, busiest)
    built += [
        ("articles: search_articles ('')", lambda: q.search_articles(sch, "", (), everything)),
        (
            "articles: search_articles ('pokrovsk')",
            lambda: q.search_articles(sch, "pokrovsk", (), everything),
        ),
        ("articles: article", lambda: q.article(sch, some_article or "")),
        ("articles: article_facts", lambda: q.article_facts(sch, some_article or "")),
    ]
    return built


def _page_queries(
    q: Any, sch: Any, flt: Any, label: str, region: str | None
) -> list[tuple[str, Callable[[], Any]]]:
    """The queries each page runs with its default choices (week, first split), by page."""
    from dataclasses import replace

    out: list[tuple[str, Callable[[], Any]]] = [
        (f"overview ({label}): headline", _bind(q.headline, sch, flt)),
        (f"overview ({label}): latest 50", _bind(q.latest_facts, sch, None, flt, True, 50)),
        (f"overview ({label}): weekly_counts", _bind(q.weekly_counts, sch, flt)),
    ]
    for fact_type, split in (("casualties", "category"), ("equipment", "equipment_class")):
        out += [
            (
                f"losses ({label}): count {fact_type}",
                _bind(q.count_facts, sch, fact_type, flt, True),
            ),
            (
                f"losses ({label}): loss_series {fact_type}",
                _bind(q.loss_series, sch, fact_type, flt, "week", split),
            ),
            (
                f"losses ({label}): cumulative_series {fact_type}",
                _bind(q.cumulative_series, sch, fact_type, flt),
            ),
            (
                f"losses ({label}): latest {fact_type}",
                _bind(q.latest_facts, sch, fact_type, flt, True),
            ),
        ]
    out += [
        (f"strikes ({label}): count", _bind(q.count_facts, sch, "strike", flt)),
        (
            f"strikes ({label}): strike_series",
            _bind(q.strike_series, sch, flt, "week", "weapon_class"),
        ),
        (f"strikes ({label}): interception", _bind(q.interception, sch, flt, "weapon_class")),
        (f"strikes ({label}): largest", _bind(q.largest_strikes, sch, flt)),
        (f"strikes ({label}): latest", _bind(q.latest_facts, sch, "strike", flt)),
        (f"territory ({label}): count", _bind(q.count_facts, sch, "territorial", flt)),
        (f"territory ({label}): place_table", _bind(q.place_table, sch, flt)),
        (f"territory ({label}): places", _bind(q.places, sch, flt)),
        (f"territory ({label}): place_history", _bind(q.place_history, sch, flt)),
        (f"territory ({label}): area_claims", _bind(q.area_claims, sch, flt)),
        (f"territory ({label}): latest", _bind(q.latest_facts, sch, "territorial", flt)),
    ]
    out += [
        (f"regions ({label}): region_parts {t}", _bind(q.region_parts, sch, t, flt))
        for t in q.FACT_TABLES
    ]
    in_region = replace(flt, regions=(region,)) if region else flt
    out += [
        (f"regions ({label}): latest in region", _bind(q.latest_facts, sch, None, in_region)),
        (f"regions ({label}): count in region", _bind(q.count_facts, sch, None, in_region)),
    ]
    return out


def _bind(fn: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    return lambda: fn(*args)


def time_queries(db: Path, reps: int = 20) -> list[QueryTiming]:
    from ingest.warehouse import connect_readonly

    con = connect_readonly(db)
    results: list[QueryTiming] = []
    try:
        for name, build in dashboard_queries(con):
            try:
                query = build()
                if query is None:
                    continue
                runs: list[float] = []
                rows = 0
                for i in range(reps + 1):
                    cur = con.cursor()
                    started = time.perf_counter()
                    try:
                        frame = cur.sql(query.sql, params=query.params or None).pl()
                    finally:
                        cur.close()
                    elapsed = (time.perf_counter() - started) * 1000
                    rows = frame.height
                    if i:  # the first run warms the buffer pool
                        runs.append(elapsed)
                results.append(
                    QueryTiming(
                        name, rows, percentile(runs, 50), percentile(runs, 95), max(runs), reps
                    )
                )
            except Exception as exc:  # a missing mart must not hide the other figures
                reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                results.append(QueryTiming(name, 0, float("nan"), float("nan"), 0.0, 0, reason))
    finally:
        con.close()
    return results


def page_totals(timings: list[QueryTiming]) -> dict[str, float]:
    """Sum of p95 per page (the part of a query's name before ':')."""
    totals: dict[str, float] = {}
    for t in timings:
        if ":" in t.name and t.error is None:
            page = t.name.split(":", 1)[0]
            totals[page] = totals.get(page, 0.0) + t.p95_ms
    return totals


def main(argv: list[str] | None = None) -> None:
    """`python -m benchmarks.dashboard_queries WAREHOUSE [REPS]`: every query's p50/p95 and
    each page's total (the sum of its queries' p95)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        raise SystemExit("usage: python -m benchmarks.dashboard_queries WAREHOUSE [REPS]")
    timings = time_queries(Path(args[0]), reps=int(args[1]) if len(args) > 1 else 5)
    for t in timings:
        print(
            f"{t.name:55s} rows={t.rows:>8} p50={t.p50_ms:8.1f} p95={t.p95_ms:8.1f} {t.error or ''}"
        )
    for page, ms in page_totals(timings).items():
        print(f"TOTAL {page:40s} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
