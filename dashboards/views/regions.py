"""Regions: claims, reported casualties and strikes per region."""

from dataclasses import replace

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Regions")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(
    f"Showing {filters.describe(flt)}. Sums add event and period figures only; running totals "
    "since the start of the war are left out. Facts not tied to one region are not counted."
)

frames = {t: ui.load(queries.facts, sch, t, flt) for t in queries.FACT_TABLES}
if all(f is None for f in frames.values()):
    st.stop()
empty = pl.DataFrame(
    schema={
        "admin1": pl.String,
        "scope": pl.String,
        "place_name": pl.String,
        "quantity": pl.Int64,
        "launched": pl.Int64,
        "intercepted": pl.Int64,
    }
)
regions = ui.load(queries.regions, sch)
table = transform.region_table(
    *(frames[t] if frames[t] is not None else empty for t in queries.FACT_TABLES),
    regions if regions is not None else pl.DataFrame(),
)
if table.is_empty():
    st.info("No facts tied to a region match these filters.")
    st.stop()

ui.chart(charts.region_chart(table), table, "facts_per_region")
st.subheader("By region")
ui.table(table, "regions")

st.subheader("Facts in one region")
region = st.selectbox("Region", table["region"].to_list(), key="region_detail")
if region:
    detail = ui.load(queries.all_facts, sch, replace(flt, regions=(region,)))
    if detail is not None:
        ui.table(
            detail,
            "region_facts",
            ["fact_date", "fact_type", "summary", "claimant_side", "scope"],
        )
