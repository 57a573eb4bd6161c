"""ingest.parse.dates: publication dates from metadata, date lines and datelines."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.parse.dates import (
    Where,
    dated_line_match,
    find_published_date,
    iter_dates,
    parse_date_string,
)

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


TITLE = "Drones hit energy sites across Ukraine"
WHERES: tuple[Where, ...] = ("body_start", "edge")


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        # wire datelines opening the body (rank with "published" date lines)
        pytest.param(
            f"{TITLE}\n\nMOSCOW, 6 December 2024 (TASS) – {BODY}",
            D(2024, 12, 6),
            "wire_dateline_city",
            id="wire-city-day-month-agency",
        ),
        pytest.param(
            f"{TITLE}\n\nKURSK, January 8, 2025 — {BODY}",
            D(2025, 1, 8),
            "wire_dateline_city",
            id="wire-city-month-day-dash",
        ),
        pytest.param(
            f"{TITLE}\n\nTASS\nKHARKIV, 3 November 2024\n\n{BODY}",
            D(2024, 11, 3),
            "wire_dateline_city",
            id="wire-city-date-alone",
        ),
        pytest.param(
            f"{TITLE}\n\nMOSCOW, December 6, 2024. /TASS/. {BODY}",
            D(2024, 12, 6),
            "wire_dateline_city",
            id="wire-city-slash-agency",
        ),
        pytest.param(
            f"FACTBOX-What weapons has the U.S. given Ukraine so far in the war?\n\n"
            f"By Reuters Staff\n\nWASHINGTON, Dec 10, 2024 (Reuters) - {BODY}",
            D(2024, 12, 10),
            "wire_dateline_city",
            id="wire-after-question-headline",
        ),
        pytest.param(
            f"{TITLE}\n\nKyiv, 6 December 2024 (Ukrinform) — {BODY}",
            D(2024, 12, 6),
            "wire_dateline_place_agency",
            id="wire-mixed-case-place-agency",
        ),
        pytest.param(
            f"{TITLE}\n\nDec 10, 2024 (Reuters) - {BODY}",
            D(2024, 12, 10),
            "wire_dateline_agency",
            id="wire-date-agency",
        ),
        pytest.param(
            f"{TITLE}\n\nUpdated: 11 Dec 2024, 09:00 GMT\n\nKURSK, December 10, 2024 — {BODY}",
            D(2024, 12, 10),
            "wire_dateline_city",
            id="wire-beats-updated-line",
        ),
        # a date ending the title
        pytest.param(
            f"Russia-Ukraine war: list of key events, day 1,000 (November 20, 2024)\n\n{BODY}",
            D(2024, 11, 20),
            "title_bracketed_date",
            id="title-bracketed",
        ),
        pytest.param(
            f"Russian Offensive Campaign Assessment, November 28, 2024\n\n{BODY}",
            D(2024, 11, 28),
            "title_trailing_date",
            id="title-after-comma",
        ),
        pytest.param(
            f"War\n\nKey events of the war – 20 Nov 2024\n\n{BODY}",
            D(2024, 11, 20),
            "title_trailing_date",
            id="title-after-section-label",
        ),
        pytest.param(
            f"{TITLE} (November 20, 2024)\n\nPublished: 21 Nov 2024\n\n{BODY}",
            D(2024, 11, 21),
            "title_bracketed_date",
            id="published-line-beats-title",
        ),
        # the patterns the existing date-line rules already cover
        pytest.param(
            f"Russia-Ukraine war: list of key events, day 1,000 | 20 Nov 2024\n\n{BODY}",
            D(2024, 11, 20),
            None,
            id="title-pipe-is-a-date-line",
        ),
        pytest.param(
            f"{TITLE}\n\nPublished 5 April 2025\n\n{BODY}", D(2025, 4, 5), None, id="published"
        ),
        pytest.param(
            f"{TITLE}\n\nPosted: 12/03/2025\n\n{BODY}", D(2025, 3, 12), None, id="posted-slash"
        ),
        pytest.param(
            f"{TITLE}\n\nUpdated: 7 Nov 2024, 14:05 GMT\n\n{BODY}",
            D(2024, 11, 7),
            None,
            id="updated-time-zone",
        ),
        pytest.param(
            f"{TITLE}\n\nBy Jane Doe\nNovember 20, 2024\n\nKYIV, Ukraine (AP) — {BODY}",
            D(2024, 11, 20),
            None,
            id="ap-dateline-with-date-line-nearby",
        ),
        # an outlet/byline label, or a weekday, then a date and a time, at an edge
        pytest.param(
            f"{TITLE}\n\nKommersant, 10.02.2025, 12:47 (translated from Russian)\n\n{BODY}",
            D(2025, 2, 10),
            "label_date_time",
            id="outlet-numeric-date-time-note",
        ),
        pytest.param(
            f"{TITLE}\n\nBy Jane Doe | 4 Apr 2025 09:10 GMT\n\n{BODY}",
            D(2025, 4, 4),
            "label_date_time",
            id="byline-pipe-date-time-zone",
        ),
        pytest.param(
            f"{TITLE}\n\nInterfax-Ukraine — 3 February 2025, 10:05\n\n{BODY}",
            D(2025, 2, 3),
            "label_date_time",
            id="outlet-dash-date-time",
        ),
        pytest.param(
            f"{TITLE}\n\nSky News\nFriday 4 April 2025 20:15, UK\n\n{BODY}",
            D(2025, 4, 4),
            "weekday_date_time",
            id="weekday-date-time-zone",
        ),
        pytest.param(
            f"{TITLE}\n\nThu, 10.02.2025, 12:47 MSK\n\n{BODY}",
            D(2025, 2, 10),
            "weekday_date_time",
            id="weekday-numeric-date-time",
        ),
        pytest.param(
            f"{TITLE}\n\n{BODY}\n\n{BODY}\n\nSky News\nFriday 4 April 2025 20:15, UK",
            D(2025, 4, 4),
            "weekday_date_time",
            id="weekday-line-at-bottom",
        ),
        pytest.param(
            f"{TITLE}\n\nUpdated 5 April 2025\n\nFriday 4 April 2025 20:15, UK\n\n{BODY}",
            D(2025, 4, 4),
            "weekday_date_time",
            id="weekday-line-beats-updated",
        ),
    ],
)
def test_dated_lines(text: str, expected: dt.date, rule: str | None) -> None:
    assert find_published_date(text, None) == (expected, "date_line")
    lines = text.split("\n")
    hits = [dated_line_match(line, where) for line in lines[1:] for where in WHERES]
    hits.append(dated_line_match(next(ln for ln in lines if len(ln.split()) >= 3), "title"))
    assert rule in {hit[0] for hit in hits if hit} | ({None} if rule is None else set())


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            f"{TITLE}\n\n{BODY}\n\nMOSCOW, 6 December 2024 (TASS) – The ministry repeated it.",
            id="dateline-after-first-paragraph",
        ),
        pytest.param(
            f"{TITLE}\n\nUkrainian analysts had reported on December 6, 2024, that the village "
            f"fell.\n\n{BODY}",
            id="date-in-story-sentence",
        ),
        pytest.param(
            f"{TITLE}\n\nIn Kyiv, December 6, 2024 — a day to remember, the mayor said.\n\n{BODY}",
            id="place-and-date-inside-sentence",
        ),
        pytest.param(
            f"Kyiv has been shelled almost daily since February 24, 2022\n\n{BODY}",
            id="title-ending-in-sentence-date",
        ),
        pytest.param(f"30.1 C\nThursday, June 20, 2024\n\n{TITLE}\n\n{BODY}", id="weather-strip"),
        pytest.param(
            f"{TITLE}\n\n{BODY}\n\nRead more:\nDrones hit Kyiv (November 20, 2024)\n"
            "Kharkiv power cut, November 21, 2024",
            id="read-more-list-dates",
        ),
        pytest.param(
            f"{TITLE}\n\n{BODY}\n\nMost popular\nKYIV, 6 December 2024 — Strike on a depot",
            id="most-popular-dateline",
        ),
        pytest.param(
            f"{TITLE}\n\nkyiv, 6 December 2024 — {BODY}", id="lowercase-place-without-agency"
        ),
        pytest.param(
            f"{TITLE}\n\n{BODY}\n\nFriday 4 April 2025 20:15, UK\n\n{BODY}",
            id="weekday-line-between-paragraphs",
        ),
        pytest.param(
            f"{TITLE}\n\nKommersant, 10.02.2025 (translated from Russian)\n\n{BODY}",
            id="outlet-date-without-time",
        ),
        pytest.param(
            f"{TITLE}\n\nsaid the ministry, 10.02.2025, 12:47\n\n{BODY}",
            id="lowercase-label-date-time",
        ),
        pytest.param(
            f"{TITLE}\n\nThe Russian Defence Ministry Daily Summary, 10.02.2025, 12:47\n\n{BODY}",
            id="label-too-long",
        ),
        pytest.param(
            f"{TITLE}\n\nThe strike came on Friday 4 April 2025 20:15, UK officials said.\n\n{BODY}",
            id="weekday-date-time-in-sentence",
        ),
        pytest.param(
            f"30.1 C\nThursday, June 20, 2024 06:10\n\n{TITLE}\n\n{BODY}",
            id="weather-strip-with-time",
        ),
    ],
)
def test_dates_that_are_not_the_articles(text: str) -> None:
    assert find_published_date(text, None) == (None, None)
