"""Chart functions: a Polars DataFrame in, a Plotly figure out. No Streamlit here.

Every figure works offline: no map tiles, no topojson; the territory chart is a plain
longitude/latitude scatter with region centroids as labels.
"""

from __future__ import annotations

import datetime as dt

import plotly.express as px
import plotly.graph_objects as go
import polars as pl

SIDE_COLORS: dict[str, str] = {
    "RU": "#c0392b",
    "UA": "#1f6fb4",
    "other": "#7f7f7f",
    "none": "#b8a03a",
}
STATUS_SYMBOLS: dict[str, str] = {
    "claimed": "circle",
    "disputed": "x",
    "confirmed": "diamond",
}
DAY_MS = 86_400_000
# Bar width on a date axis: 80% of the period, so a lone week stays visible on a long axis.
BAR_WIDTH_MS: dict[str, int] = {
    "day": int(0.8 * DAY_MS),
    "week": 7 * int(0.8 * DAY_MS),
    "month": 30 * int(0.8 * DAY_MS),
}
PERIOD_FORMAT: dict[str, str] = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y"}


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title=title,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"title": None},
    )
    return fig


def trend_chart(counts: pl.DataFrame) -> go.Figure:
    """Facts per week, stacked by fact type (from transform.weekly_counts)."""
    fig = px.bar(
        counts,
        x="period",
        y="facts",
        color="fact_type",
        labels={"period": "week", "facts": "facts", "fact_type": "type"},
    )
    return _layout(fig, "Facts reported per week")


def loss_chart(series: pl.DataFrame, split: str, title: str, grain: str = "week") -> go.Figure:
    """Reported losses per period, stacked by `split`, one panel per claimant side."""
    fig = px.bar(
        series,
        x="period",
        y="quantity",
        color=split,
        facet_col="side",
        hover_data=["claims"],
        labels={"period": "", "quantity": "reported", "side": "claimed by"},
    )
    fig.for_each_annotation(lambda a: a.update(text=a.text.replace("claimed by=", "claimed by ")))
    fig.update_traces(width=BAR_WIDTH_MS[grain], offset=0)  # bar starts on the period's day
    fig.update_xaxes(tickformat=PERIOD_FORMAT[grain])
    return _layout(fig, title)


def cumulative_chart(series: pl.DataFrame, split: str, title: str) -> go.Figure:
    """Running totals as reported (cumulative scope), one line per claimant side and split."""
    frame = series.with_columns((pl.col("side") + " · " + pl.col(split)).alias("series"))
    fig = px.line(
        frame,
        x="fact_date",
        y="quantity",
        color="series",
        markers=True,
        hover_data=["victim_side", "claims"],
        labels={"fact_date": "", "quantity": "running total", "series": ""},
    )
    return _layout(fig, title)


def strike_chart(series: pl.DataFrame, split: str, grain: str = "week") -> go.Figure:
    """Launched (solid) and intercepted (hatched) bars per period, one colour per `split`.

    Periods are categories (evenly spaced, labelled by their first day) so grouped bars stay
    readable however sparse the dates are.
    """
    long = (
        series.with_columns(pl.col("period").dt.strftime(PERIOD_FORMAT[grain]).alias("label"))
        .unpivot(
            index=["period", "label", split, "strikes"],
            on=["launched", "intercepted"],
            variable_name="count",
            value_name="weapons",
        )
        .filter(pl.col("weapons").is_not_null())
    )
    long = long.sort("period")
    fig = px.bar(
        long,
        x="label",
        y="weapons",
        color=split,
        pattern_shape="count",
        barmode="group",
        hover_data=["strikes"],
        labels={"label": "", "weapons": "weapons", "count": ""},
        # categories in time order (else each trace appends the labels it meets first)
        category_orders={"label": long["label"].unique(maintain_order=True).to_list()},
    )
    fig.update_xaxes(type="category")
    return _layout(fig, "Launched vs intercepted")


def interception_chart(table: pl.DataFrame, by: str) -> go.Figure:
    """Interception rate per `by`, labelled with intercepted/launched counts."""
    frame = table.filter(pl.col("interception_rate").is_not_null()).with_columns(
        (pl.col("intercepted").cast(pl.String) + " / " + pl.col("launched").cast(pl.String)).alias(
            "counts"
        )
    )
    fig = px.bar(
        frame,
        x="interception_rate",
        y=by,
        orientation="h",
        text="counts",
        hover_data=["with_both_counts", "strikes"],
        labels={"interception_rate": "intercepted / launched", by: ""},
    )
    fig.update_xaxes(tickformat=".0%", range=[0, 1.05])
    return _layout(fig, "Interception rate (facts stating both counts)")


# Ukraine and the Russian regions along its border (lon min, lon max, lat min, lat max).
WAR_FRAME = (21.5, 41.5, 44.0, 53.5)


def _frame(located: pl.DataFrame) -> tuple[float, float, float, float]:
    """The map's view: the war frame, widened to every plotted place (with a margin)."""
    lon_min, lon_max, lat_min, lat_max = WAR_FRAME
    if located.height:
        lon_min = min(lon_min, float(located["longitude"].min()) - 1)
        lon_max = max(lon_max, float(located["longitude"].max()) + 1)
        lat_min = min(lat_min, float(located["latitude"].min()) - 1)
        lat_max = max(lat_max, float(located["latitude"].max()) + 1)
    return lon_min, lon_max, lat_min, lat_max


def territory_map(places: pl.DataFrame, regions: pl.DataFrame) -> go.Figure:
    """Claimed places by longitude/latitude, coloured by gaining side, shaped by status.

    Region centroids (dim_regions latitude/longitude) are drawn as grey labels for
    orientation. No tiles or topojson: renders offline.
    """
    fig = go.Figure()
    located = places.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    lon_min, lon_max, lat_min, lat_max = _frame(located)
    if regions.height and {"latitude", "longitude", "region_name"} <= set(regions.columns):
        # only the regions inside the frame: Russia's far east would squash the front
        ref = regions.filter(
            pl.col("longitude").is_between(lon_min, lon_max)
            & pl.col("latitude").is_between(lat_min, lat_max)
        )
        fig.add_trace(
            go.Scatter(
                x=ref["longitude"].to_list(),
                y=ref["latitude"].to_list(),
                mode="text",
                text=ref["region_name"].to_list(),
                textfont={"color": "#9a9a9a", "size": 11},
                name="region centroids",
                hoverinfo="skip",
            )
        )
    for side in located["actor_side"].fill_null("unknown").unique().sort().to_list():
        rows = located.filter(pl.col("actor_side").fill_null("unknown") == side)
        fig.add_trace(
            go.Scatter(
                x=rows["longitude"].to_list(),
                y=rows["latitude"].to_list(),
                mode="markers+text" if located.height <= 25 else "markers",
                text=rows["place_name"].to_list(),
                textposition="top center",
                marker={
                    "color": SIDE_COLORS.get(side, "#444"),
                    "size": [8 + 3 * min(n, 6) for n in rows["claims"].to_list()],
                    "symbol": [
                        STATUS_SYMBOLS.get(s or "", "circle")
                        for s in rows["latest_status"].to_list()
                    ],
                    "line": {"width": 1, "color": "white"},
                },
                name=f"taken by {side}",
                customdata=list(
                    zip(
                        rows["admin1"].to_list(),
                        rows["statuses"].to_list(),
                        rows["claims"].to_list(),
                        strict=True,
                    )
                ),
                hovertemplate=(
                    "<b>%{text}</b><br>%{customdata[0]}<br>status: %{customdata[1]}"
                    "<br>claims: %{customdata[2]}<extra></extra>"
                ),
            )
        )
    fig.update_xaxes(title="longitude", showgrid=True, gridcolor="#eee", range=[lon_min, lon_max])
    fig.update_yaxes(
        title="latitude",
        range=[lat_min, lat_max],
        showgrid=True,
        gridcolor="#eee",
        scaleanchor="x",
        scaleratio=1.5,
    )
    fig.update_layout(height=600, plot_bgcolor="white")
    return _layout(fig, "Claimed places (marker shape: latest status)")


def region_chart(table: pl.DataFrame) -> go.Figure:
    """Claims per region, stacked by fact type."""
    long = table.unpivot(
        index=["region"],
        on=["territorial_claims", "casualty_claims", "equipment_claims", "strikes"],
        variable_name="type",
        value_name="claims",
    ).with_columns(pl.col("type").str.replace("_claims", ""))
    fig = px.bar(
        long,
        x="claims",
        y="region",
        color="type",
        orientation="h",
        labels={"region": "", "claims": "facts"},
    )
    fig.update_yaxes(categoryorder="total ascending")
    fig.update_layout(height=max(300, 28 * table.height + 100))
    return _layout(fig, "Facts per region")


def _readable_date_axis(fig: go.Figure, dates: pl.Series) -> None:
    """Day-level ticks; a single date gets a week either side instead of a sub-second zoom."""
    fig.update_xaxes(tickformat="%d %b %Y")
    days = dates.drop_nulls().unique()
    if days.len() == 1:
        day = days[0]
        fig.update_xaxes(range=[day - dt.timedelta(days=7), day + dt.timedelta(days=7)])


def ledger_cumulative_chart(series: pl.DataFrame, title: str) -> go.Figure:
    """Running totals per series (transform.ledger_series): a line per series, downward
    revisions marked with an x; the daily change is in the hover, never drawn negative."""
    fig = px.line(
        series,
        x="report_date",
        y="cumulative_total",
        color="series",
        markers=True,
        hover_data=["daily_change", "is_revision", "n_facts"],
        labels={"report_date": "", "cumulative_total": "running total", "series": ""},
    )
    revisions = series.filter(pl.col("is_revision"))
    if revisions.height:
        fig.add_trace(
            go.Scatter(
                x=revisions["report_date"].to_list(),
                y=revisions["cumulative_total"].to_list(),
                mode="markers",
                marker={"symbol": "x", "size": 12, "color": "black"},
                name="downward revision",
                text=revisions["series"].to_list(),
                hovertemplate="%{text}<br>revised down to %{y:,}<extra></extra>",
            )
        )
    _readable_date_axis(fig, series["report_date"])
    return _layout(fig, title)
