"""Territory: claimed places on a plain longitude/latitude chart, and claims per place."""

import polars as pl
import streamlit as st

from dashboards.lib import charts, filters, queries, transform, ui

st.title("Territory")
sch = ui.schema_or_stop()
flt = filters.current()
st.caption(
    f"Showing {filters.describe(flt)}. A place appears once per side claimed to have taken "
    "it; status is the claim's (claimed, disputed by the other side, or confirmed). Claims "
    "per place count claim events (a capture reported by several outlets once) unless "
    "every report is counted."
)
if flt.fact_types and "territorial" not in flt.fact_types:
    st.info("The fact type filter leaves out territorial facts.")
    st.stop()

total = ui.count(queries.count_facts, sch, "territorial", flt)
if total is None:
    st.stop()
if not total:
    st.info("No territorial claims match these filters.")
    st.stop()

places = ui.load(queries.place_table, sch, flt)
if places is None:
    st.stop()
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

if queries.PLACES in sch and queries.PLACE_HISTORY in sch:
    st.subheader("Latest state per place")
    st.caption(
        "From the place control ledger: the state after the latest claim event about each "
        "place — `claimed by RU` / `claimed by UA`, `disputed` (the other side denied it or "
        "said fighting goes on) or `confirmed`. Region and date filters apply."
    )
    latest = ui.load(queries.places, sch, flt)
    if latest is not None:
        ui.table(
            latest,
            "place_states",
            [
                "place_name",
                "control_state",
                "controlling_side",
                "control_reported_date",
                "admin1",
                "n_claim_events",
                "n_reports",
                "actor_sides",
                "is_contested",
                "first_reported_date",
                "last_reported_date",
            ],
        )
    st.subheader("Place control history")
    history = ui.load(queries.place_history, sch, flt)
    if history is not None:
        ui.table(
            history,
            "place_control_history",
            [
                "place_name",
                "event_sequence",
                "first_reported_date",
                "last_reported_date",
                "entry_kind",
                "claimant_side",
                "actor_side",
                "status",
                "state_after",
                "is_change_of_control",
                "n_reports",
                "n_outlets",
            ],
        )

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

area = ui.load(queries.area_claims, sch, flt)
if area is not None and area.height:
    st.subheader("Area claims")
    ui.table(
        area,
        "area_claims",
        ["fact_date", "actor_side", "area_km2", "admin1", "status", "claimant_side"],
    )

st.subheader("Every claim, with its evidence")
every_claim = ui.load(queries.latest_facts, sch, "territorial", flt)
if every_claim is not None:
    ui.table(
        every_claim.pipe(transform.with_side),
        "territorial_claims",
        ["fact_date", "place_name", "actor_side", "status", "side", "admin1", "country"],
        total=total,
    )
