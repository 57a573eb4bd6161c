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

present = [t for t, mart in queries.FACT_TABLES.items() if mart in sch]
if not present:
    ui.load(queries.count_facts, sch, None, flt)  # names the missing marts
    st.stop()
parts = [ui.load(queries.region_parts, sch, t, flt) for t in present]
regions = ui.load(queries.regions, sch)
table = transform.join_region_parts(
    [p for p in parts if p is not None], regions if regions is not None else pl.DataFrame()
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
    in_region = replace(flt, regions=(region,))
    detail = ui.load(queries.latest_facts, sch, None, in_region)
    if detail is not None:
        ui.table(
            detail,
            "region_facts",
            ["fact_date", "fact_type", "summary", "claimant_side", "scope"],
            total=ui.count(queries.count_facts, sch, None, in_region),
        )
