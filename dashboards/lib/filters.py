"""The sidebar filters shared by every page, kept in the URL's query parameters.

`?from=2024-02-01&to=2024-03-01&region=Donetsk&region=Kherson&side=RU&type=territorial`
opens that view (`&count=reports` counts every report instead of every claim event); every change in the sidebar is written back to `st.query_params`, so the
address bar always shares the current view. Defaults (all / open-ended) leave the URL clean.
Unknown values in a URL are ignored.

(Streamlit's `bind="query-params"` does the same in the browser, but the URL is then written
by the frontend only, so AppTest cannot see it, and bound parameters cannot be set through
`st.query_params`; explicit syncing keeps the round trip testable.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import duckdb
import streamlit as st

from dashboards.lib.queries import FACT_TABLES, NO_SIDE, FactFilter

KEY_FROM = "from"
KEY_TO = "to"
KEY_REGION = "region"
KEY_SIDE = "side"
KEY_TYPE = "type"
KEY_COUNT = "count"  # "reports": count every report; absent: count claim events
COUNT_REPORTS = "reports"
SEEDED = "_filters_seeded_from_url"

SIDE_LABELS: dict[str, str] = {
    "RU": "Russian sources",
    "UA": "Ukrainian sources",
    "other": "Third parties",
    NO_SIDE: "Outlet's own voice",
}
FACT_TYPES: tuple[str, ...] = tuple(FACT_TABLES)


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def from_query(params: dict[str, list[str]], region_names: Sequence[str]) -> dict[str, object]:
    """Widget values from query parameters (each a list of strings), invalid values dropped."""

    def pick(key: str, allowed: Sequence[str]) -> list[str]:
        return [v for v in dict.fromkeys(params.get(key, [])) if v in allowed]

    return {
        KEY_FROM: parse_date((params.get(KEY_FROM) or [None])[-1]),
        KEY_TO: parse_date((params.get(KEY_TO) or [None])[-1]),
        KEY_REGION: pick(KEY_REGION, region_names),
        KEY_SIDE: pick(KEY_SIDE, list(SIDE_LABELS)),
        KEY_TYPE: pick(KEY_TYPE, FACT_TYPES),
        KEY_COUNT: (params.get(KEY_COUNT) or [None])[-1] == COUNT_REPORTS,
    }


def to_query(flt: FactFilter) -> dict[str, str | list[str]]:
    """Query parameters for a filter; defaults are left out."""
    out: dict[str, str | list[str]] = {}
    if flt.start:
        out[KEY_FROM] = flt.start.isoformat()
    if flt.end:
        out[KEY_TO] = flt.end.isoformat()
    for key, values in (
        (KEY_REGION, flt.regions),
        (KEY_SIDE, flt.sides),
        (KEY_TYPE, flt.fact_types),
    ):
        if values:
            out[key] = list(values)
    if flt.count_every_report:
        out[KEY_COUNT] = COUNT_REPORTS
    return out


def _seed_from_url(region_names: Sequence[str]) -> None:
    """On a session's first run, take the filters from the URL."""
    if st.session_state.get(SEEDED):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    for key, value in from_query(params, region_names).items():
        if value:
            st.session_state[key] = value
    st.session_state[SEEDED] = True


def _write_url(flt: FactFilter) -> None:
    wanted = to_query(flt)
    for key in (KEY_FROM, KEY_TO, KEY_REGION, KEY_SIDE, KEY_TYPE, KEY_COUNT):
        if key in wanted:
            if st.query_params.get_all(key) != (
                wanted[key] if isinstance(wanted[key], list) else [wanted[key]]
            ):
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def sidebar(region_names: list[str]) -> FactFilter:
    """Draw the filters in the sidebar, sync them with the URL and return the choice."""
    _seed_from_url(region_names)
    # a region the rebuilt warehouse no longer has would make the widget raise
    if KEY_REGION in st.session_state:
        st.session_state[KEY_REGION] = [
            r for r in st.session_state[KEY_REGION] if r in region_names
        ]
    with st.sidebar:
        st.header("Filters")
        st.date_input(
            "From",
            value=None,
            key=KEY_FROM,
            format="YYYY-MM-DD",
            help="Fact date: the event date when the article gives one, else its publication "
            "date. Leave both dates empty to include undated facts.",
        )
        st.date_input("To", value=None, key=KEY_TO, format="YYYY-MM-DD")
        st.multiselect("Region", region_names, key=KEY_REGION, placeholder="All regions")
        st.multiselect(
            "Claimed by",
            list(SIDE_LABELS),
            key=KEY_SIDE,
            placeholder="Any claimant",
            help="Who asserts the fact: RU or UA officials and media speaking for them, "
            "other (third parties such as ISW or the UN), none (the outlet's own voice).",
        )
        st.multiselect("Fact type", FACT_TYPES, key=KEY_TYPE, placeholder="All types")
        st.toggle(
            "Count every report",
            key=KEY_COUNT,
            help="Off: a claim reported by several articles within a few days (one claim "
            "event) counts once. On: every article's report counts.",
        )
    flt = current()
    _write_url(flt)
    return flt


def current() -> FactFilter:
    """The filter as the widgets hold it (pages call this; app.py draws the widgets)."""
    state = st.session_state
    start: dt.date | None = state.get(KEY_FROM)
    end: dt.date | None = state.get(KEY_TO)
    if start and end and start > end:
        start, end = end, start
    return FactFilter(
        start=start,
        end=end,
        regions=tuple(state.get(KEY_REGION) or ()),
        sides=tuple(state.get(KEY_SIDE) or ()),
        fact_types=tuple(state.get(KEY_TYPE) or ()),
        count_every_report=bool(state.get(KEY_COUNT)),
    )


def describe(flt: FactFilter) -> str:
    """One line saying what the page shows, for captions."""
    parts = []
    if flt.start or flt.end:
        parts.append(f"{flt.start or '…'} to {flt.end or '…'}")
    else:
        parts.append("all dates")
    parts.append(", ".join(flt.regions) if flt.regions else "all regions")
    parts.append(
        ", ".join(SIDE_LABELS.get(s, s) for s in flt.sides) if flt.sides else "any claimant"
    )
    if flt.fact_types:
        parts.append(", ".join(flt.fact_types))
    parts.append("every report" if flt.count_every_report else "claim events")
    return " · ".join(parts)


def region_options() -> list[str]:
    """Region names for the filter; empty when the warehouse is not there (pages say why)."""
    from dashboards.lib import db, queries  # noqa: PLC0415 - keep this module light to import

    try:
        sch = db.fetch(queries.schema())
        tables: dict[str, set[str]] = {}
        for schema_name, table, column in sch.iter_rows():
            if schema_name == "main":
                tables.setdefault(table, set()).add(column)
        frozen = {k: frozenset(v) for k, v in tables.items()}
        return db.fetch(queries.region_options(frozen))["region"].to_list()
    except (db.WarehouseMissing, duckdb.Error):
        return []
