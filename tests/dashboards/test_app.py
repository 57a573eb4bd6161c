"""The dashboard driven through streamlit.testing: every page, every warehouse state."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboards.lib import db

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
TIMEOUT_S = 30

# page, title, what must be on it with a full warehouse (subheaders, metric labels), charts
PAGES = [
    pytest.param("views/overview.py", "Overview", ["Latest claims", "Trend"], 1, id="overview"),
    pytest.param("views/losses.py", "Claimed losses", [], 4, id="losses"),
    pytest.param(
        "views/strikes.py",
        "Strikes",
        ["Launched vs intercepted", "Interception rate", "Largest attacks", "Every strike"],
        2,
        id="strikes",
    ),
    pytest.param(
        "views/territory.py",
        "Territory",
        ["Claims per place", "Every claim, with its evidence"],
        1,
        id="territory",
    ),
    pytest.param(
        "views/regions.py", "Regions", ["By region", "Facts in one region"], 1, id="regions"
    ),
    pytest.param("views/articles.py", "Articles", ["Text"], 0, id="articles"),
    pytest.param("views/sql.py", "SQL console", [], 0, id="sql"),
]


def open_page(page: str, query_params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if query_params:
        at.query_params.update(query_params)
    at.run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements: object) -> list[str]:
    return [str(e.value) for e in elements]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("page", "title", "subheaders", "charts"), PAGES)
def test_page_with_data(
    page: str,
    title: str,
    subheaders: list[str],
    charts: int,
    dashboard_db: Path,
    synthetic_db: Path,
    use_db,
) -> None:
    """Chart counts are exact on the synthetic warehouse; any other has at least one."""
    use_db(dashboard_db)
    if dashboard_db != synthetic_db:
        charts = min(charts, 1)
    at = open_page(page)
    assert texts(at.title) == [title]
    assert not at.warning and not at.error, texts(at.warning) + texts(at.error)
    for sub in subheaders:
        assert sub in texts(at.subheader)
    assert (
        len(at.get("plotly_chart")) == charts
        if dashboard_db == synthetic_db
        else (len(at.get("plotly_chart")) >= charts)
    )
    if page != "views/sql.py":
        # every table and chart comes with its CSV
        shown = len(at.dataframe) + len(at.get("plotly_chart"))
        assert len(at.get("download_button")) == shown > 0


@pytest.mark.parametrize(
    ("state", "kind", "message"),
    [
        pytest.param("missing", "warning", "No warehouse found", id="missing-file"),
        pytest.param("empty", "info", "has no marts yet", id="empty-file"),
        pytest.param("no_rows", "info", "match", id="marts-without-rows"),
    ],
)
@pytest.mark.parametrize("page", [p.values[0] for p in PAGES], ids=[p.id for p in PAGES])
def test_page_without_data(
    page: str, state: str, kind: str, message: str, request, tmp_path: Path, use_db
) -> None:
    path = (
        tmp_path / "absent.duckdb" if state == "missing" else request.getfixturevalue(f"{state}_db")
    )
    use_db(path)
    at = open_page(page)
    assert not at.get("plotly_chart")
    if page == "views/sql.py" and state == "no_rows":
        assert texts(at.title) == ["SQL console"]  # the console works on empty marts
        return
    shown = texts(getattr(at, kind))
    assert any(message in s for s in shown), shown


def test_overview_headline_figures(synthetic_db: Path, use_db) -> None:
    use_db(synthetic_db)
    at = open_page("views/overview.py")
    metrics = {m.label: m.value for m in at.metric}
    con = db.connect_readonly(synthetic_db)  # the app's configuration: both can be open
    try:
        claims = sum(
            con.sql(f"select count(*) from {t}").fetchall()[0][0]
            for t in (
                "fct_territorial_claims",
                "fct_casualties",
                "fct_equipment_losses",
                "fct_strikes",
            )
        )
        places = con.sql(
            "select count(distinct place_name) from fct_territorial_claims"
        ).fetchall()[0][0]
        rate = con.sql(
            "select sum(intercepted) / sum(launched) from fct_strikes "
            "where launched is not null and intercepted is not null and scope <> 'cumulative'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert metrics == {
        "Claims": str(claims),
        "Places claimed": str(places),
        "Strikes": "7",
        "Interception rate": f"{rate:.0%}",
    }


def test_filters_round_trip_through_the_url(synthetic_db: Path, use_db) -> None:
    use_db(synthetic_db)
    at = open_page(
        "views/overview.py",
        {"region": "Donetsk", "side": "RU", "type": "territorial", "from": "2024-02-01"},
    )
    # the URL set the widgets ...
    assert at.multiselect(key="region").value == ["Donetsk"]
    assert at.multiselect(key="side").value == ["RU"]
    assert at.multiselect(key="type").value == ["territorial"]
    assert str(at.date_input(key="from").value) == "2024-02-01"
    # ... and the figures: Novopustynka, Uspenivka, Pobieda (Marinka is dated January,
    # Avdiivka is in the outlet's own voice, Kurakhove is claimed by ISW)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Claims"] == "3"
    assert metrics["Places claimed"] == "3"
    # a change in the sidebar goes back into the URL
    at.multiselect(key="region").select("Kherson").run()
    assert sorted(at.query_params["region"]) == ["Donetsk", "Kherson"]
    assert at.query_params["side"] == "RU"
    assert {m.label: m.value for m in at.metric}["Claims"] == "4"  # Krynky, claimed by RU


def test_filter_with_no_rows_says_so(synthetic_db: Path, use_db) -> None:
    use_db(synthetic_db)
    at = open_page("views/strikes.py", {"region": "Kherson"})
    assert "No strikes match these filters." in texts(at.info)


def test_article_markup_is_shown_as_text(
    synthetic_db: Path, use_db, script_article_id: str
) -> None:
    use_db(synthetic_db)
    at = open_page("views/articles.py")
    at.text_input(key="article_search").input("alert").run()
    assert at.selectbox(key="article").value == script_article_id
    bodies = [h.proto.body for h in at.get("html")]
    text_html = next(b for b in bodies if "shot down" in b)
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in text_html
    assert "<script" not in "".join(bodies)
    # the evidence sentence is highlighted
    assert "<mark" in text_html and "shot down 12 of 14 drones" in text_html
    assert any("Odesa &lt;script&gt;alert(1)&lt;/script&gt; attack" in b for b in bodies)


@pytest.mark.parametrize(
    ("sql", "refusal"),
    [
        pytest.param(
            "insert into dim_regions values ('X', 'UA', 'x', 'o', 0, 0)", "read-only", id="insert"
        ),
        pytest.param("drop table dim_articles", "read-only", id="drop"),
        pytest.param("select * from read_csv('/etc/passwd')", "disabled", id="read-file"),
        pytest.param("select 1; select 2", "one statement", id="two-statements"),
        pytest.param("set threads = 64", "read-only", id="set"),
    ],
)
def test_console_refuses(sql: str, refusal: str, synthetic_db: Path, use_db) -> None:
    use_db(synthetic_db)
    at = open_page("views/sql.py")
    at.text_area(key="console_sql").input(sql)
    at.button(key="console_run").click().run()
    errors = texts(at.error)
    assert errors and refusal in errors[0], errors
    assert not at.get("dataframe")


def test_console_runs_a_query(synthetic_db: Path, use_db) -> None:
    use_db(synthetic_db)
    at = open_page("views/sql.py")
    at.text_area(key="console_sql").input(
        "select place_name from fct_territorial_claims where admin1 = 'Kherson'"
    )
    at.button(key="console_run").click().run()
    assert not at.error, texts(at.error)
    frame = at.dataframe[0].value
    assert list(frame["place_name"]) == ["Krynky"]


def test_connection_follows_a_rebuilt_file(tmp_path: Path, synthetic_db: Path, use_db) -> None:
    """The warehouse is rebuilt into a new file and os.replace'd: the app must see the new one."""
    live = tmp_path / "warehouse.duckdb"
    live.write_bytes(synthetic_db.read_bytes())
    use_db(live)
    at = open_page("views/overview.py")
    before = {m.label: m.value for m in at.metric}["Strikes"]

    rebuilt = tmp_path / "warehouse.next.duckdb"
    rebuilt.write_bytes(synthetic_db.read_bytes())
    con = duckdb.connect(str(rebuilt))
    con.execute("delete from fct_strikes where attacker_side = 'UA'")
    con.close()
    rebuilt.replace(live)

    at = open_page("views/overview.py")
    after = {m.label: m.value for m in at.metric}["Strikes"]
    assert (before, after) == ("7", "5")
    assert db.file_signature(live) is not None
