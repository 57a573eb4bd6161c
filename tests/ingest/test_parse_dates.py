"""ingest.parse.dates: publication dates from metadata, date lines and datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.parse.dates import find_published_date, iter_dates, parse_date_string

BODY = "Russia launched 40 drones at Kyiv overnight, the air force said on Tuesday."
D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2024-05-31", D(2024, 5, 31), id="iso"),
        pytest.param("2024-05-31T20:56:00+03:00", D(2024, 5, 31), id="iso-datetime"),
        pytest.param("Fri, 31 May 2024 20:56:00 GMT", D(2024, 5, 31), id="rfc2822"),
        pytest.param("May 31, 2024", D(2024, 5, 31), id="month-day-year"),
        pytest.param("31.05.2024", D(2024, 5, 31), id="dotted"),
        pytest.param("07/05/2024", D(2024, 5, 7), id="slash-day-first"),
        pytest.param("05/31/2024", D(2024, 5, 31), id="slash-month-first-when-forced"),
        pytest.param("2024/05/31", D(2024, 5, 31), id="ymd-slash"),
        pytest.param("20240531", D(2024, 5, 31), id="compact"),
        pytest.param("1717188960", D(2024, 5, 31), id="epoch-seconds"),
        pytest.param("31 травня 2024", D(2024, 5, 31), id="ukrainian"),
        pytest.param("31 мая 2024", D(2024, 5, 31), id="russian"),
        pytest.param("May 31", None, id="no-year"),
        pytest.param("yesterday-ish", None, id="junk"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_date_string(value: str, expected: dt.date | None) -> None:
    assert parse_date_string(value) == expected


@pytest.mark.parametrize(
    ("text", "metadata", "expected", "source"),
    [
        pytest.param(
            f"Title here\n\n{BODY}", "2024-05-02", D(2024, 5, 2), "metadata", id="metadata-first"
        ),
        pytest.param(
            f" date 2024-12-20 {BODY}", None, D(2024, 12, 20), "date_line", id="date-prefix"
        ),
        pytest.param(
            f"30.1 C\nThursday, June 20, 2024\n\nTitle line here\n\n{BODY}\n\nMay 31, 2024 at 08:56PM\n\nMost Popular Articles",
            None,
            D(2024, 5, 31),
            "date_line",
            id="weather-strip-is-not-the-date",
        ),
        pytest.param(
            f"Title line here\n\n23.11.2024 08:01\n\n{BODY}",
            None,
            D(2024, 11, 23),
            "date_line",
            id="dotted-time",
        ),
        pytest.param(
            f"Title\n\nPublished On 7 Jun 2025\n7 Jun 2025\n\n{BODY}",
            None,
            D(2025, 6, 7),
            "date_line",
            id="published-on",
        ),
        pytest.param(
            f"Title\n\nUpdated 9:24 AM EDT, Thu August 15, 2024\n\n{BODY}",
            None,
            D(2024, 8, 15),
            "date_line",
            id="updated-weekday",
        ),
        pytest.param(
            f"Title\nReuters | Updated: 26-11-2024 14:18 IST | Created: 25-11-2024 14:18 IST\n\n{BODY}",
            None,
            D(2024, 11, 25),
            "date_line",
            id="created-beats-updated",
        ),
        pytest.param(
            f"Title\n\nby Olena Hrytsenko · April 13, 2025 9:15 PM · Updated: April 14, 2025 11:02 AM · 4 min read\n\n{BODY}",
            None,
            D(2025, 4, 13),
            "date_line",
            id="byline-with-date",
        ),
        pytest.param(
            f"Title\n\nIssued on: 08/07/2024 - 17:12 Modified: 09/07/2024 - 14:05\n\n{BODY}",
            None,
            D(2024, 7, 8),
            "date_line",
            id="issued-modified",
        ),
        pytest.param(
            f"Title\n\n13:45, 23 Jun 2024 | Updated 08:10, 24 Jun 2024\n\n{BODY}",
            None,
            D(2024, 6, 23),
            "date_line",
            id="time-first",
        ),
        pytest.param(
            f"Title\n\nPosted on 6 December 2025 by Vestnik | 14 comments\n\n{BODY}",
            None,
            D(2025, 12, 6),
            "date_line",
            id="posted-on",
        ),
        pytest.param(
            f"Title\n\n{BODY}\n\n3 Jun, 2023 12:42",
            None,
            D(2023, 6, 3),
            "date_line",
            id="footer-date",
        ),
        pytest.param(
            f"Title\n\n20.09.2024, 19:12   Views: 2 318\n\n{BODY}",
            None,
            D(2024, 9, 20),
            "date_line",
            id="views-counter",
        ),
        pytest.param(
            f"Title\n\nUkrainian analysts had reported earlier on December 6, 2024, that the village fell.\n\n{BODY}",
            None,
            None,
            None,
            id="date-in-sentence-is-not-publication",
        ),
        pytest.param(
            f"Title\n\nOn February 24, 2022, Russia launched a special military operation.\n\n{BODY}",
            None,
            None,
            None,
            id="sentence-starting-with-on",
        ),
        pytest.param(
            f"Title\n\nFirefighters work at the site in Kharkiv, Ukraine, on June 7, 2025 [Sofiia Gatilova/Reuters]\n\n{BODY}",
            None,
            None,
            None,
            id="caption-date",
        ),
        pytest.param(
            f"Title\n\nMOSCOW, August 24. /TASS/. {BODY}\n\nThe strike of August 20, 2025 was repelled.",
            None,
            D(2025, 8, 24),
            "text",
            id="dateline-year-from-text",
        ),
        pytest.param(
            f"Title\n\nKYIV, Jan 3 (Reuters) - {BODY}\n\nOn December 28, 2024, drones hit Kyiv.",
            None,
            D(2025, 1, 3),
            "text",
            id="dateline-year-rolls-over",
        ),
        pytest.param(
            f"Title\n\nMOSCOW, August 24. /TASS/. {BODY}",
            None,
            None,
            None,
            id="dateline-without-year",
        ),
        pytest.param(
            f"Title\n\n{BODY}\n\nLatest news\n08:32 Headline one\n12.05.2024 Headline two",
            None,
            None,
            None,
            id="link-list-dates-ignored",
        ),
        pytest.param(f"Title\n\n{BODY}", "not a date", None, None, id="bad-metadata-nothing-else"),
        pytest.param(BODY, None, None, None, id="nothing"),
    ],
)
def test_find_published_date(
    text: str, metadata: str | None, expected: dt.date | None, source: str | None
) -> None:
    assert find_published_date(text, metadata) == (expected, source)


def test_never_today() -> None:
    text = f"Title\n\nUpdated today at 10:15\n\n{BODY}"
    assert find_published_date(text, None) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "from 24.02.22 to 23.11.24", [D(2022, 2, 24), D(2024, 11, 23)], id="two-digit-years"
        ),
        pytest.param("version 2.5.1 and 1.2.3.4", [], id="not-dates"),
        pytest.param("31.02.2024", [], id="impossible"),
        pytest.param(
            "Sept. 13, 2022 and 1st of May 2023",
            [D(2022, 9, 13), D(2023, 5, 1)],
            id="abbrev-ordinal",
        ),
    ],
)
def test_iter_dates(text: str, expected: list[dt.date]) -> None:
    assert [d.date for d in iter_dates(text)] == expected
