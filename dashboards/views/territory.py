"""Territory: claimed places on a plain longitude/latitude chart, and claims per place."""

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Territory")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(
    f"Showing {filters.describe(flt)}. A place appears once per side claimed to have taken "
    "it; status is the claim's (claimed, disputed by the other side, or confirmed)."
)
if flt.fact_types and "territorial" not in flt.fact_types:
    st.info("The fact type filter leaves out territorial facts.")
    st.stop()

claims = ui.load(queries.facts, sch, "territorial", flt)
if claims is None:
    st.stop()
if claims.is_empty():
    st.info("No territorial claims match these filters.")
    st.stop()

places = transform.place_table(claims)
regions = ui.load(queries.regions, sch)
located = places.filter(pl.col("latitude").is_not_null())
if located.is_empty():
    st.info("None of these places has coordinates, so there is nothing to plot.")
else:
    ui.chart(
        charts.territory_map(places, regions if regions is not None else pl.DataFrame()),
        places,
        "claimed_places_map",
    )
    missing = places.height - located.height
    if missing:
        st.caption(f"{missing} place(s) without coordinates are listed below but not plotted.")

st.subheader("Claims per place")
ui.table(
    places,
    "claims_per_place",
    [
        "place_name",
        "actor_side",
        "admin1",
        "claims",
        "articles",
        "statuses",
        "latest_status",
        "claimant_sides",
        "first_date",
        "last_date",
        "latitude",
        "longitude",
    ],
)

area = claims.filter(pl.col("place_name").is_null())
if area.height:
    st.subheader("Area claims")
    ui.table(
        area,
        "area_claims",
        ["fact_date", "actor_side", "area_km2", "admin1", "status", "claimant_side"],
    )

st.subheader("Every claim, with its evidence")
ui.table(
    claims.pipe(transform.with_side),
    "territorial_claims",
    ["fact_date", "place_name", "actor_side", "status", "side", "admin1", "country"],
)
