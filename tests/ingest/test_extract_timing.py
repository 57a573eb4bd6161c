"""Time expressions: scope and dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract.timing import find_times, time_for

PUBLISHED = dt.date(2024, 11, 23)  # a Saturday

# (id, text, scope, event_date, period_start, period_end)
CASES = [
    ("on-friday", "on Friday", "event", dt.date(2024, 11, 22), None, None),
    ("overnight", "overnight", "event", PUBLISHED, None, None),
    ("yesterday", "yesterday", "event", dt.date(2024, 11, 22), None, None),
    ("past-24-hours", "over the past 24 hours", "event", dt.date(2024, 11, 22),
     dt.date(2024, 11, 22), PUBLISHED),
    ("last-week", "last week", "period", None, dt.date(2024, 11, 16), PUBLISHED),
    ("in-may", "in May", "period", None, dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
    ("in-december-last-year", "in December", "period", None, dt.date(2023, 12, 1),
     dt.date(2023, 12, 31)),
    ("since-january", "since January", "period", None, dt.date(2024, 1, 1), PUBLISHED),
    ("since-feb-2022", "since February 2022", "cumulative", None, dt.date(2022, 2, 24),
     PUBLISHED),
    ("since-war-start", "since the start of the full-scale invasion", "cumulative", None,
     dt.date(2022, 2, 24), PUBLISHED),
    ("seven-days", "in just seven days of fighting", "period", None, dt.date(2024, 11, 16),
     PUBLISHED),
    ("explicit-date-last-year", "on December 6", "event", dt.date(2023, 12, 6), None,
     None),
    ("since-the-beginning-of-a-year", "since the beginning of 2024", "period", None,
     dt.date(2024, 1, 1), PUBLISHED),
]


@pytest.mark.parametrize(("text", "scope", "event", "start", "end"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_find_times(text: str, scope: str, event: dt.date | None, start: dt.date | None,
                    end: dt.date | None) -> None:
    (found,) = find_times(text, PUBLISHED)
    assert (found.scope, found.event_date, found.period_start, found.period_end) == (
        scope, event, start, end)


def test_nearest_expression_governs_each_count() -> None:
    text = ("Over the past 24 hours, Ukraine eliminated another 1,420 invaders, which brings the "
            "losses since the start of the full-scale invasion to about 729,720.")
    assert time_for(text, text.index("1,420"), PUBLISHED).scope == "event"
    assert time_for(text, text.index("729,720"), PUBLISHED).scope == "cumulative"


@pytest.mark.parametrize("text", [
    "Russia's Defense Ministry said earlier this week that its troops had thwarted a raid.",
    "Last month, Moscow said it had killed more than 70 attackers.",
    "It was the most powerful attack on the city since the full-scale war began.",
], ids=["said-earlier-this-week", "time-of-the-statement", "comparison-since"])
def test_times_that_do_not_scope_a_fact(text: str) -> None:
    assert find_times(text, PUBLISHED) == []


def test_nothing_said_about_time() -> None:
    assert time_for("Two people were killed.", 4, PUBLISHED) is None
    assert find_times("on Friday", None)[0].event_date is None
