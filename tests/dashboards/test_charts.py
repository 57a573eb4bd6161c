"""Chart and shaping functions on their own: frames in, figures and frames out."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboards.lib import charts, text, transform

D = dt.date

CASUALTIES = pl.DataFrame(
    {
        "claim_id": ["c1", "c2", "c3", "c4", "c5"],
        "article_id": ["a", "a", "b", "c", "c"],
        "fact_date": [
            D(2024, 5, 13),
            D(2024, 5, 15),
            D(2024, 5, 20),
            D(2024, 5, 15),
            D(2024, 5, 16),
        ],
        "claimant_side": ["RU", "RU", None, "UA", "UA"],
        "victim_side": ["UA", "UA", "UA", "RU", "RU"],
        "category": ["killed", "killed", "wounded", "killed_or_wounded", "killed_or_wounded"],
        "admin1": ["Donetsk", None, "Kharkiv", None, None],
        "quantity": [100, 50, 7, 495_070, 496_000],
        "scope": ["event", "period", "event", "cumulative", "cumulative"],
    }
)

STRIKES = pl.DataFrame(
    {
        "fact_date": [D(2024, 3, 2), D(2024, 3, 2), D(2024, 3, 3), D(2024, 5, 14), D(2024, 5, 15)],
        "weapon_class": ["drone", "missile", "drone", "ballistic_missile", "cruise_missile"],
        "weapon_system": ["Shahed", None, None, "ATACMS", None],
        "launched": [31, 2, 14, None, None],
        "intercepted": [28, 2, 12, 6, 2200],
        "scope": ["event", "event", "event", "event", "cumulative"],
    }
)


@pytest.mark.parametrize(
    ("grain", "periods"),
    [
        pytest.param("day", [D(2024, 5, 13), D(2024, 5, 15), D(2024, 5, 20)], id="day"),
        pytest.param("week", [D(2024, 5, 13), D(2024, 5, 20)], id="week-starts-monday"),
        pytest.param("month", [D(2024, 5, 1)], id="month"),
    ],
)
def test_loss_series_never_adds_cumulative_figures(grain: str, periods: list[dt.date]) -> None:
    series = transform.loss_series(CASUALTIES, grain, "category")
    assert sorted(set(series["period"].to_list())) == periods
    assert series["quantity"].sum() == 157  # 100 + 50 + 7: the two running totals stay out
    assert set(series["side"].to_list()) == {"RU", "none"}


def test_cumulative_series_keeps_running_totals_apart() -> None:
    running = transform.cumulative_series(CASUALTIES, "category")
    assert running.select("fact_date", "side", "quantity").rows() == [
        (D(2024, 5, 15), "UA", 495_070),
        (D(2024, 5, 16), "UA", 496_000),
    ]


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        pytest.param(None, [(4, 3, 47, 42)], id="overall"),
        pytest.param(
            "weapon_class",
            [("drone", 2, 2, 45, 40), ("missile", 1, 1, 2, 2), ("ballistic_missile", 1, 0, 0, 0)],
            id="by-class",
        ),
    ],
)
def test_interception_uses_only_facts_with_both_counts(by: str | None, expected: list) -> None:
    # the cumulative 2,200 interceptions are left out, and so is the ATACMS fact (no launch count)
    table = transform.interception(STRIKES, by)
    cols = [*([by] if by else []), "strikes", "with_both_counts", "launched", "intercepted"]
    assert table.select(cols).rows() == expected
    assert table["interception_rate"][0] == pytest.approx(40 / 45 if by else 42 / 47)


def test_headline_counts_places_once_and_handles_a_missing_mart() -> None:
    facts = pl.DataFrame({"fact_type": ["territorial"] * 3})
    territorial = pl.DataFrame({"place_name": ["Avdiivka", "Avdiivka", None]})
    head = transform.headline(facts, territorial, None)
    assert (head.claims, head.places_claimed, head.strikes, head.interception_rate) == (
        3,
        1,
        0,
        None,
    )


def test_place_table_groups_by_place_and_gaining_side() -> None:
    claims = pl.DataFrame(
        {
            "place_name": ["Robotyne", "Robotyne", "Robotyne", None],
            "actor_side": ["UA", "UA", "RU", "UA"],
            "admin1": ["Zaporizhzhia"] * 4,
            "latitude": [47.45, None, 47.45, None],
            "longitude": [35.84, None, 35.84, None],
            "article_id": ["a", "b", "c", "d"],
            "status": ["claimed", "confirmed", "disputed", "claimed"],
            "claimant_side": ["UA", None, "RU", "UA"],
            "fact_date": [D(2023, 8, 28), D(2023, 8, 29), D(2024, 5, 1), D(2023, 8, 28)],
        }
    )
    places = transform.place_table(claims)
    assert places.select(
        "place_name", "actor_side", "claims", "statuses", "claimant_sides"
    ).rows() == [
        ("Robotyne", "UA", 2, "claimed, confirmed", "UA, none"),
        ("Robotyne", "RU", 1, "disputed", "RU"),
    ]  # the area claim (no place name) is not a place


def test_region_table_counts_each_type_and_joins_reference() -> None:
    terr = pl.DataFrame(
        {
            "admin1": ["Donetsk", "Donetsk", None],
            "scope": ["event"] * 3,
            "place_name": ["Avdiivka", "Marinka", "X"],
        }
    )
    cas = pl.DataFrame(
        {"admin1": ["Donetsk", "Kherson"], "scope": ["event", "cumulative"], "quantity": [10, 1000]}
    )
    empty = pl.DataFrame(
        schema={
            "admin1": pl.String,
            "scope": pl.String,
            "quantity": pl.Int64,
            "launched": pl.Int64,
            "intercepted": pl.Int64,
        }
    )
    regions = pl.DataFrame({"region_name": ["Donetsk"], "country": ["UA"], "iso_code": ["UA-14"]})
    table = transform.region_table(terr, cas, empty, empty, regions)
    row = table.row(0, named=True)
    assert table.height == 1  # Kherson's only fact is a running total
    assert (
        row["region"],
        row["territorial_claims"],
        row["places_claimed"],
        row["people_reported"],
        row["total_claims"],
        row["iso_code"],
    ) == ("Donetsk", 2, 2, 10, 3, "UA-14")


def _traces(fig: go.Figure) -> list[str]:
    return [t.type for t in fig.data]


@pytest.mark.parametrize(
    ("build", "trace_type"),
    [
        pytest.param(
            lambda: charts.loss_chart(
                transform.loss_series(CASUALTIES, "week", "category"), "category", "t"
            ),
            "bar",
            id="losses",
        ),
        pytest.param(
            lambda: charts.cumulative_chart(
                transform.cumulative_series(CASUALTIES, "category"), "category", "t"
            ),
            "scatter",
            id="cumulative",
        ),
        pytest.param(
            lambda: charts.strike_chart(
                transform.strike_series(STRIKES, "day", "weapon_class"), "weapon_class"
            ),
            "bar",
            id="strikes",
        ),
        pytest.param(
            lambda: charts.interception_chart(
                transform.interception(STRIKES, "weapon_class"), "weapon_class"
            ),
            "bar",
            id="interception",
        ),
        pytest.param(
            lambda: charts.trend_chart(
                transform.weekly_counts(CASUALTIES.with_columns(fact_type=pl.lit("casualties")))
            ),
            "bar",
            id="trend",
        ),
    ],
)
def test_chart_functions_return_figures(build, trace_type: str) -> None:
    fig = build()
    assert isinstance(fig, go.Figure)
    assert fig.data and set(_traces(fig)) == {trace_type}


def test_interception_chart_labels_bars_with_counts() -> None:
    fig = charts.interception_chart(transform.interception(STRIKES, "weapon_class"), "weapon_class")
    labels = {y: t for trace in fig.data for y, t in zip(trace.y, trace.text, strict=True)}
    assert labels == {"drone": "40 / 45", "missile": "2 / 2"}  # no bar without both counts


def test_territory_map_is_offline_and_marks_status() -> None:
    places = pl.DataFrame(
        {
            "place_name": ["Avdiivka", "Krynky", "Nowhere"],
            "actor_side": ["RU", "RU", "UA"],
            "admin1": ["Donetsk", "Kherson", None],
            "latitude": [48.14, 46.73, None],
            "longitude": [37.74, 33.09, None],
            "claims": [3, 1, 1],
            "statuses": ["confirmed", "disputed", "claimed"],
            "latest_status": ["confirmed", "disputed", "claimed"],
        }
    )
    regions = pl.DataFrame({"region_name": ["Donetsk"], "latitude": [48.0], "longitude": [37.8]})
    fig = charts.territory_map(places, regions)
    assert {t.type for t in fig.data} == {"scatter"}  # cartesian: no tiles, no topojson
    names = [t.name for t in fig.data]
    assert names == ["region centroids", "taken by RU"]  # the unlocated place is not drawn
    ru = fig.data[1]
    assert list(ru.marker.symbol) == ["diamond", "x"]
    assert ru.marker.color == charts.SIDE_COLORS["RU"]


@pytest.mark.parametrize(
    ("evidence", "span", "expected"),
    [
        pytest.param("Second one.", (None, None), (10, 21), id="found-by-text"),
        pytest.param("Second one.", (33, 40), (21, 32), id="nearest-occurrence-to-span"),
        pytest.param("Not in the text.", (0, 9), (0, 9), id="span-fallback"),
        pytest.param("Not in the text.", (0, 999), None, id="bad-span"),
        pytest.param(None, (None, None), None, id="nothing"),
    ],
)
def test_locate_evidence(evidence, span, expected) -> None:
    body = "First one Second one.Second one. Third."
    assert text.locate(body, evidence, *span) == expected


def test_highlighted_html_escapes_everything_but_its_own_marks() -> None:
    body = "<script>alert(1)</script> Drones hit <b>Odesa</b>. Quiet day."
    where = text.locate(body, "Drones hit <b>Odesa</b>.", None, None)
    assert where is not None
    html = text.highlighted_html(body, text.merge([(*where, "strike"), (*where, "casualties")]))
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<mark title="casualties, strike"' in html
    assert "Drones hit &lt;b&gt;Odesa&lt;/b&gt;.</mark> Quiet day." in html


def test_strike_chart_periods_run_in_time_order() -> None:
    import datetime as dt

    import polars as pl

    from dashboards.lib.charts import strike_chart

    series = pl.DataFrame(
        {
            "period": [dt.date(2024, 3, 4), dt.date(2023, 1, 2), dt.date(2024, 3, 4)],
            "weapon_class": ["drone", "missile", "missile"],
            "strikes": [1, 1, 1],
            "launched": [10, 5, 3],
            "intercepted": [8, None, 2],
        }
    )
    fig = strike_chart(series, "weapon_class")
    assert list(fig.layout.xaxis.categoryarray) == ["02 Jan 2023", "04 Mar 2024"]
