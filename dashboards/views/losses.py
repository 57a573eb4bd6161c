"""Claimed losses: personnel and equipment by claimant side over time."""

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Claimed losses")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(
    f"Showing {filters.describe(flt)}. These are claims as reported, each side's about the "
    "other's losses or its own: bars add up event and period figures on the day they were "
    "reported (a claim reported by several outlets once, unless every report is counted); "
    "running totals since the start of the war are drawn separately, never added in, and a "
    "total revised downwards is marked rather than drawn as a negative loss."
)
grain = (
    st.segmented_control("Group by", list(transform.GRAINS), default="week", key="loss_grain")
    or "week"
)

personnel_tab, equipment_tab = st.tabs(["Personnel", "Equipment"])


def show(kind: str, fact_type: str, split_options: dict[str, str], columns: list[str]) -> None:
    if flt.fact_types and fact_type not in flt.fact_types:
        st.info(f"The fact type filter leaves out {fact_type} facts.")
        return
    total = ui.count(queries.count_facts, sch, fact_type, flt, True)
    if total is None:
        return
    if not total:
        st.info(f"No {kind} claims match these filters.")
        return
    label = st.radio("Split by", list(split_options), horizontal=True, key=f"split_{fact_type}")
    split = split_options[label]
    series = ui.load(queries.loss_series, sch, fact_type, flt, grain, split)
    if series is None or series.is_empty():
        st.info(f"No dated event or period {kind} figures in this window.")
    else:
        ui.chart(
            charts.loss_chart(series, split, f"{kind.capitalize()} reported per {grain}", grain),
            series,
            f"{fact_type}_by_{grain}",
        )
    show_running(kind, fact_type, split)
    st.markdown("**Every claim**")
    latest = ui.load(queries.latest_facts, sch, fact_type, flt, True)
    if latest is not None:
        ui.table(latest.pipe(transform.with_side), f"{fact_type}_claims", columns, total=total)


def show_running(kind: str, fact_type: str, split: str) -> None:
    """Running totals: the ledger's series (fct_cumulative_series) when the warehouse has
    it, with downward revisions marked; else the largest figure per day from the facts."""
    if queries.CUMULATIVE_SERIES in sch:
        ledger = ui.load(queries.cumulative_series, sch, fact_type, flt)
        if ledger is None:
            return
        series = transform.ledger_series(ledger)
        revisions = series.filter(pl.col("is_revision")).height
        st.markdown(
            f"**Running totals (cumulative scope)** — {series.height} figures in "
            f"{series['series_id'].n_unique()} series, {revisions} downward revision(s) marked ×"
        )
        if series.is_empty():
            st.caption("No cumulative figures in this window.")
            return
        ui.chart(
            charts.ledger_cumulative_chart(series, f"{kind.capitalize()}: running totals"),
            series,
            f"{fact_type}_cumulative_series",
        )
        return
    running = ui.load(queries.cumulative_points, sch, fact_type, flt, split)
    if running is None:
        return
    st.markdown(f"**Running totals (cumulative scope)** — {running.height} figures")
    if running.is_empty():
        st.caption("No cumulative figures in this window.")
    else:
        ui.chart(
            charts.cumulative_chart(running, split, f"{kind.capitalize()}: running totals"),
            running,
            f"{fact_type}_cumulative",
        )


with personnel_tab:
    show(
        "personnel",
        "casualties",
        {"category": "category", "region": "admin1", "victim kind": "victim_kind"},
        [
            "fact_date",
            "side",
            "victim_side",
            "victim_kind",
            "category",
            "quantity",
            "qualifier",
            "scope",
            "admin1",
        ],
    )
with equipment_tab:
    show(
        "equipment",
        "equipment",
        {"equipment class": "equipment_class", "region": "admin1"},
        [
            "fact_date",
            "side",
            "victim_side",
            "equipment_class",
            "quantity",
            "qualifier",
            "scope",
            "admin1",
        ],
    )
