"""The dashboard's claim-event counting and the `count` URL parameter, without Streamlit."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboards.lib import filters, transform
from dashboards.lib.queries import FactFilter

D = dt.date

REPORTS = pl.DataFrame(
    {
        "claim_id": ["f3", "f1", "f2", "f4", "f5"],
        "claim_event_id": ["e1", "e1", "e1", None, None],
        "fact_date": [D(2024, 11, 6), D(2024, 11, 4), D(2024, 11, 5), D(2024, 11, 7), None],
    }
)


@pytest.mark.parametrize(
    ("frame", "count_every_report", "expected_ids"),
    [
        pytest.param(REPORTS, False, ["f1", "f4", "f5"], id="earliest-report-per-event"),
        pytest.param(REPORTS, True, ["f3", "f1", "f2", "f4", "f5"], id="every-report"),
        pytest.param(
            REPORTS.drop("claim_event_id"), False, ["f3", "f1", "f2", "f4", "f5"], id="no-events"
        ),
    ],
)
def test_one_per_claim_event(
    frame: pl.DataFrame, count_every_report: bool, expected_ids: list[str]
) -> None:
    out = transform.one_per_claim_event(frame, count_every_report)
    assert sorted(out["claim_id"].to_list()) == sorted(expected_ids)
    assert out.columns == frame.columns


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({}, False, id="absent"),
        pytest.param({"count": ["reports"]}, True, id="reports"),
        pytest.param({"count": ["events"]}, False, id="unknown"),
    ],
)
def test_count_parameter_from_the_url(params: dict[str, list[str]], expected: bool) -> None:
    assert filters.from_query(params, [])[filters.KEY_COUNT] is expected


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        pytest.param(FactFilter(), {}, id="default-left-out"),
        pytest.param(FactFilter(count_every_report=True), {"count": "reports"}, id="on"),
    ],
)
def test_count_parameter_to_the_url(flt: FactFilter, expected: dict[str, str]) -> None:
    assert filters.to_query(flt) == expected
