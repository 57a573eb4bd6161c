"""Strikes: launched vs intercepted by weapon over time, interception rates, largest attacks."""

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Strikes")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(
    f"Showing {filters.describe(flt)}. Counts as claimed; running totals since the start of "
    "the war (cumulative scope) are left out of the charts and listed in the table."
)
if flt.fact_types and "strike" not in flt.fact_types:
    st.info("The fact type filter leaves out strike facts.")
    st.stop()

total = ui.count(queries.count_facts, sch, "strike", flt)
if total is None:
    st.stop()
if not total:
    st.info("No strikes match these filters.")
    st.stop()

grain_col, split_col = st.columns(2)
with grain_col:
    grain = (
        st.segmented_control("Group by", list(transform.GRAINS), default="week", key="strike_grain")
        or "week"
    )
with split_col:
    split = {"weapon class": "weapon_class", "weapon system": "weapon_system"}[
        st.radio("Split by", ["weapon class", "weapon system"], horizontal=True, key="strike_split")
    ]

st.subheader("Launched vs intercepted")
series = ui.load(queries.strike_series, sch, flt, grain, split)
if series is None or series.is_empty():
    st.info("None of these strikes has a date.")
else:
    ui.chart(charts.strike_chart(series, split, grain), series, f"strikes_by_{grain}")

st.subheader("Interception rate")
rates = ui.load(queries.interception, sch, flt, split)
if rates is None or rates.filter(pl.col("interception_rate").is_not_null()).is_empty():
    st.info("No strike in this window states both a launched and an intercepted count.")
else:
    ui.chart(charts.interception_chart(rates, split), rates, f"interception_by_{split}")

st.subheader("Largest attacks")
largest = ui.load(queries.largest_strikes, sch, flt)
columns = [
    "fact_date",
    "attacker_side",
    "weapon_class",
    "weapon_system",
    "launched",
    "intercepted",
    "qualifier",
    "target_place",
    "admin1",
    "scope",
    "claimant_side",
]
if largest is None or largest.is_empty():
    st.info("No strike in this window states how many weapons were launched.")
else:
    ui.table(largest, "largest_attacks", columns)

st.subheader("Every strike")
strikes = ui.load(queries.latest_facts, sch, "strike", flt)
if strikes is not None:
    ui.table(strikes, "strikes", columns, total=total, noun="strikes")
