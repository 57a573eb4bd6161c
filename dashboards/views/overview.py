"""Overview: headline figures for the filter window, the latest claims, weekly trend."""

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Overview")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(f"Showing {filters.describe(flt)}.")
ui.last_refreshed(sch)

heads = ui.load(queries.headline, sch, flt)
if heads is None:
    st.stop()
head = transform.Headline(**heads.row(0, named=True))
if not head.claims:
    st.info("No facts match these filters. Widen the dates or clear a filter in the sidebar.")
    st.stop()

claims_col, places_col, strikes_col, rate_col = st.columns(4)
claims_col.metric(
    "Claims",
    f"{head.claims:,}",
    help="Every report of every type in the window."
    if flt.count_every_report
    else "Claim events of every type in the window: a claim reported by several articles "
    "within a few days counts once (switch: Count every report).",
)
places_col.metric("Places claimed", f"{head.places_claimed:,}", help="Distinct named places.")
strikes_col.metric(
    "Strikes", f"{head.strikes:,}", help="Strike claims (attacks or counts), counted as above."
)
rate_col.metric(
    "Interception rate",
    "n/a" if head.interception_rate is None else f"{head.interception_rate:.0%}",
    help="Intercepted / launched, over strike facts that state both counts.",
)
if head.launched:
    rate_col.caption(f"{head.intercepted:,} of {head.launched:,} launched")

st.subheader("Latest claims")
latest = ui.load(queries.latest_facts, sch, None, flt, True, 50)
ui.table(
    latest if latest is not None else pl.DataFrame(),
    "latest_claims",
    ["fact_date", "fact_type", "summary", "claimant_side", "admin1", "scope"],
    total=head.claims,
)

st.subheader("Trend")
weekly = ui.load(queries.weekly_counts, sch, flt)
if weekly is None or weekly.is_empty():
    st.info("None of these facts has a date, so there is no trend to draw.")
else:
    ui.chart(charts.trend_chart(weekly), weekly, "weekly_facts")
