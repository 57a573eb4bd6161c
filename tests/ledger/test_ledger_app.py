"""The dashboard on the ledger warehouse: claim events by default, "Count every report"
on demand (kept in the URL as `count=reports`), the place ledger and the revised series."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
TIMEOUT_S = 30


@pytest.fixture
def app_on_ledger(ledger_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FRONTLINE_DB", str(ledger_db))
    return ledger_db


def open_page(page: str, query_params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if query_params:
        at.query_params.update(query_params)
    at.run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("query_params", "switch_on", "claims", "strikes"),
    [
        # 10 reports: the capture (3) + its denial (1), the attack (2), the tally (4 days);
        # 7 claim events: capture, denial, attack, one per tally day
        pytest.param({}, False, "7", "1", id="claim-events-by-default"),
        pytest.param({"count": "reports"}, True, "10", "2", id="count-every-report-from-url"),
        pytest.param({"count": "nonsense"}, False, "7", "1", id="unknown-value-ignored"),
    ],
)
def test_count_switch_from_the_url(
    app_on_ledger: Path,
    query_params: dict[str, str],
    switch_on: bool,
    claims: str,
    strikes: str,
) -> None:
    at = open_page("views/overview.py", query_params)
    assert at.toggle(key="count").value is switch_on
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Claims"], metrics["Strikes"], metrics["Places claimed"]) == (
        claims,
        strikes,
        "1",
    )


def test_count_switch_is_written_to_the_url(app_on_ledger: Path) -> None:
    at = open_page("views/overview.py")
    assert "count" not in at.query_params
    at.toggle(key="count").set_value(True).run()
    assert at.query_params["count"] == "reports"
    assert {m.label: m.value for m in at.metric}["Claims"] == "10"
    at.toggle(key="count").set_value(False).run()
    assert "count" not in at.query_params


def test_territory_shows_the_latest_state_and_the_history(app_on_ledger: Path) -> None:
    at = open_page("views/territory.py")
    subheaders = [s.value for s in at.subheader]
    assert "Latest state per place" in subheaders
    assert "Place control history" in subheaders
    frames = [df.value for df in at.dataframe]
    states = next(f for f in frames if "control_state" in f.columns)
    assert states["control_state"].to_list() == ["disputed"]
    history = next(f for f in frames if "state_after" in f.columns)
    assert history["state_after"].to_list() == ["claimed by RU", "disputed"]
    assert history["entry_kind"].to_list() == ["claim", "denial"]


def test_losses_chart_the_series_with_the_revision_marked(app_on_ledger: Path) -> None:
    at = open_page("views/losses.py")
    assert not at.warning and not at.error
    charts = at.get("plotly_chart")
    traces = [trace for chart in charts for trace in json.loads(chart.proto.spec)["data"]]
    revision = [t for t in traces if t.get("name") == "downward revision"]
    assert len(revision) == 1
    assert revision[0]["y"] == [721_200]
    assert "1 downward revision(s) marked" in " ".join(m.value for m in at.markdown)
