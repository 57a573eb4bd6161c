"""Find an article's publication date.

`find_published_date(text, metadata_date)` returns `(date, source)`; it tries in order:

1. `metadata`  — the date the source carried (JSON/CSV field, HTML meta), any common format;
2. `date_line` — the scrape's leading ` date YYYY-MM-DD ` prefix, else a *date line*: a
   line of page furniture whose first thing is a date, optionally after a label
   ("Published On 7 Jun 2025", "Updated 9:24 AM EDT, Thu August 15, 2024",
   "23.11.2024 08:01", "May 31, 2024 at 08:56PM", "by Name · April 13, 2025 9:15 PM",
   "Reuters | Updated: 26-11-2024 14:18 IST"). A date inside a sentence ("on December 6,
   2024, analysts had reported") never qualifies: the text before the date must be only
   a label, a time, a weekday or a `|`/`·` separated field, and the text after it only
   a time or another field. When a page has several, a "published/posted/issued/created"
   date beats an unlabelled one, which beats an "updated/modified" one; then the first.
   The weather/date strip at the top of a page and related-link lists are page chrome
   (`ingest.parse.chrome`) and are skipped: they carry the scrape date, not the article's.
   Two more kinds of line carry the article's own date and count as date lines (rules as
   data, `DATED_LINE_RULES`, each with an id):
   - a *wire dateline* opening the first body paragraph, with a full date: "MOSCOW,
     6 December 2024 (TASS) –", "KURSK, January 8, 2025 —", "Dec 10, 2024 (Reuters) -",
     or a place-and-date line on its own ("KHARKIV, 3 November 2024"). It ranks with the
     "published" date lines. Only the lines up to and including the first prose paragraph
     are scanned, so a dateline quoted later in the story never counts;
   - a date ending the *title* (the first kept line) after a separator or in brackets:
     "…, day 1,000 | 20 Nov 2024", "… Assessment, November 28, 2024", "… (November 20,
     2024)". It ranks between "published" and unlabelled date lines;
   - a line at the top or bottom edge of the article (the lines before the first prose
     paragraph or after the last) holding a date and a time after an outlet/byline label
     ("Kommersant, 10.02.2025, 12:47") or a weekday ("Friday 4 April 2025 20:15, UK").
     The time is required, so the weather strip's "Thursday, June 20, 2024" never
     qualifies. It ranks with unlabelled date lines.
3. `text`      — a news-agency dateline with month and day but no year ("MOSCOW, August 24.
   /TASS/", "KYIV, Nov 26 (Reuters) -"). The year is not guessed from the clock: it is
   the year that puts that month/day nearest to the latest full date mentioned in the
   article; with no full date in the text the year is unknown and the result is None.

Nothing found -> `(None, None)`; never today's date. Numeric dates are read day-first
(`23.11.2024`, `26-11-2024`, `08/07/2024`) unless only month-first is valid (`05/31/2024`);
that is the convention of the international outlets in the corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as dateutil_parser

from ingest.parse.chrome import chrome_masks, strip_date_prefix

# month names as written (lowercase, without a final period) -> month number
MONTHS: dict[str, int] = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "jan"),
                ("february", "feb"),
                ("march", "mar"),
                ("april", "apr"),
                ("may",),
                ("june", "jun"),
                ("july", "jul"),
                ("august", "aug"),
                ("september", "sep", "sept"),
                ("october", "oct"),
                ("november", "nov"),
                ("december", "dec"),
            ),
            start=1,
        )
        for name in names
    },
    # Ukrainian and Russian (genitive, as in "24 серпня 2025" / "24 августа 2025")
    **{
        name: number
        for number, names in enumerate(
            (
                ("січня", "января"),
                ("лютого", "февраля"),
                ("березня", "марта"),
                ("квітня", "апреля"),
                ("травня", "мая"),
                ("червня", "июня"),
                ("липня", "июля"),
                ("серпня", "августа"),
                ("вересня", "сентября"),
                ("жовтня", "октября"),
                ("листопада", "ноября"),
                ("грудня", "декабря"),
            ),
            start=1,
        )
        for name in names
    },
}
WEEKDAYS: tuple[str, ...] = (
    "monday", "mon", "tuesday", "tues", "tue", "wednesday", "wed", "thursday", "thurs",
    "thur", "thu", "friday", "fri", "saturday", "sat", "sunday", "sun",
)  # fmt: skip
PUBLISHED_LABELS: tuple[str, ...] = (
    "first published", "published", "posted", "issued", "created", "publication date",
    "dated", "date",
)  # fmt: skip
UPDATED_LABELS: tuple[str, ...] = (
    "last updated", "last modified", "updated", "modified", "edited", "revised",
)  # fmt: skip

MIN_YEAR = 1990
DATE_LINE_MAX_CHARS = 160
SLASH_DAY_FIRST = True  # 08/07/2024 is 8 July unless that is impossible
DATELINE_SCAN_LINES = 15

# rank of a date line by its label: lower wins
RANK_PUBLISHED, RANK_TITLE, RANK_PLAIN, RANK_UPDATED = 0, 1, 2, 3
# a line of at least this many words that ends a sentence is prose: the first one ends
# the wire-dateline scan (a headline without a final stop does not)
PROSE_MIN_WORDS = 8
# the title is the first kept line of at least this many words (not a section label)
TITLE_MIN_WORDS = 3
_PROSE_END = (".", "!", "?", '"', "'", "”", "’", "»", "…")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON = _alternation(list(MONTHS))
_WD = _alternation(WEEKDAYS)
_TIME = r"T?\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\.\d+)?(?:\s*[ap]\.?\s?m\.?)?(?:Z|[+-]\d{2}:?\d{2})?"
_TZ = r"\(?(?:[A-Z]{2,5}|GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?"
_LABEL = _alternation(PUBLISHED_LABELS + UPDATED_LABELS)

# One regex, one alternative per written form; groups are read in `_to_date`.
DATE_RE = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d])"  # 2024-05-31
    r"|(?P<sy>\d{4})/(?P<sm>\d{1,2})/(?P<sd>\d{1,2})(?![\d/])"  # 2024/05/31
    r"|(?P<na>\d{1,2})(?P<sep>[./-])(?P<nb>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})(?![\d]|[./-]\d)"
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<dmon>{_MON})\.?,?\s+(?P<dy>\d{{4}})(?!\d)"
    rf"|(?P<mmon>{_MON})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})(?!\d)"
    r")",
    re.IGNORECASE,
)

_SEP = r"[|·•]"
DATE_LINE_PREFIX = re.compile(
    rf"^(?:.*{_SEP})?\s*(?:[-–—,]\s*)?(?:{_TIME}(?:\s*{_TZ})?\s*)?(?:[-–—,]\s*)?"
    rf"(?:(?P<label>{_LABEL})(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_TIME}(?:\s*{_TZ})?\s*[,\-–—]?\s*)?(?:(?:{_WD})\.?,?\s*)?$",
    re.IGNORECASE,
)
DATE_LINE_SUFFIX = re.compile(
    rf"^[\s,]*(?:(?:at\s+)?{_TIME}(?:\s*{_TZ})?)?"
    rf"(?:\s*$|\s*{_SEP}.*|\s*[-–—]\s.*|\s{{2,}}.*|\s+(?:by|{_LABEL}|views?)\b.*)",
    re.IGNORECASE,
)
DATELINE_RE = re.compile(
    r"^[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,30})?,?\s+"
    rf"(?P<mon>(?i:{_MON}))\.?\s+(?P<day>\d{{1,2}})\b[.,]?\s*(?:/|\(|[-–—])"
)
_UPDATED = {label for label in UPDATED_LABELS}
_WORDS = re.compile(r"\w+")

Where = Literal["body_start", "title", "edge"]


@dataclass(frozen=True)
class DatedLineRule:
    """A line carrying the article's date: `before` must match all the text before the
    date, `after` the start of the text after it. `where` says which lines are tried:
    `body_start` the lines up to the first prose paragraph, `title` the first kept line,
    `edge` those top lines and the lines after the last prose paragraph."""

    id: str
    where: Where
    before: re.Pattern[str]
    after: re.Pattern[str]
    rank: int


_CITY = r"[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,30})?,\s*"  # MOSCOW, / KYIV, Ukraine,
_PLACE = r"[A-Z][\w'’.\- ]{1,40}(?:,\s*[A-Z][\w'’.\- ]{1,30})?,\s*"  # Kyiv, (any case)
_AGENCY = r"(?:\(\s*[A-Z][\w.&\- ]{1,30}\)|/\s*[A-Z][\w.&\- ]{1,30}/)"  # (Reuters) /TASS/
_DASH = r"[-–—]"
# an outlet or byline label: up to four capitalised words ("Kommersant", "By Jane Doe")
_BYLINE = r"(?:[Bb]y\s+)?[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3}"
# a time, then an optional zone after a space or comma ("20:15, UK", "12:47 MSK")
_TIME_ZONE = rf"\s*,?\s*(?:at\s+)?{_TIME}(?:\s*,?\s*{_TZ})?"
_NOTE = r"(?:\s*\([^()]{1,40}\))?"  # "(translated from Russian)"
EDGE_SCAN_LINES = 5  # kept lines tried after the last prose paragraph

DATED_LINE_RULES: tuple[DatedLineRule, ...] = (
    # "MOSCOW, 6 December 2024 (TASS) –", "KURSK, January 8, 2025 —", "KHARKIV, 3 November 2024"
    DatedLineRule(
        "wire_dateline_city",
        "body_start",
        re.compile(_CITY),
        re.compile(rf"\s*(?:{_AGENCY}\.?\s*)?(?:{_DASH}\s|{_DASH}$|$|\.\s*{_AGENCY})"),
        RANK_PUBLISHED,
    ),
    # "Kyiv, 6 December 2024 (Ukrinform) —": a mixed-case place needs the agency
    DatedLineRule(
        "wire_dateline_place_agency",
        "body_start",
        re.compile(_PLACE),
        re.compile(rf"\s*{_AGENCY}\.?\s*(?:{_DASH}|$)"),
        RANK_PUBLISHED,
    ),
    # "Dec 10, 2024 (Reuters) -"
    DatedLineRule(
        "wire_dateline_agency",
        "body_start",
        re.compile(r""),
        re.compile(rf"\s*{_AGENCY}\.?\s*(?:{_DASH}|$)"),
        RANK_PUBLISHED,
    ),
    # "Russia-Ukraine war: list of key events, day 1,000 | 20 Nov 2024",
    # "Russian Offensive Campaign Assessment, November 28, 2024"
    DatedLineRule(
        "title_trailing_date",
        "title",
        re.compile(rf".*\w\W*\s*(?:[,|:·•]|\s{_DASH})\s*"),
        re.compile(r"\s*$"),
        RANK_TITLE,
    ),
    # "Russia-Ukraine war: key events (November 20, 2024)"
    DatedLineRule(
        "title_bracketed_date",
        "title",
        re.compile(r".*\w\W*\s*[(\[]\s*"),
        re.compile(r"\s*[)\]]\s*$"),
        RANK_TITLE,
    ),
    # "Friday 4 April 2025 20:15, UK", "Thu, 10.02.2025, 12:47 MSK"
    # (before the label rule, which would also take "Thu" as a label)
    DatedLineRule(
        "weekday_date_time",
        "edge",
        re.compile(rf"(?i:{_WD})\.?,?\s*"),
        re.compile(rf"{_TIME_ZONE}{_NOTE}\s*$"),
        RANK_PLAIN,
    ),
    # "Kommersant, 10.02.2025, 12:47 (translated from Russian)", "By Jane Doe | 4 Apr 2025 09:10"
    DatedLineRule(
        "label_date_time",
        "edge",
        re.compile(rf"{_BYLINE}\s*(?:,|{_SEP}|\s{_DASH})\s*"),
        re.compile(rf"{_TIME_ZONE}{_NOTE}\s*$"),
        RANK_PLAIN,
    ),
)
# words that make a trailing ", <date>" part of a sentence, not a title field
_SENTENCE_TAIL = re.compile(
    r"\b(?:on|since|of|from|until|till|to|by|before|after|in)\s*[,:]?\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int
    end: int


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= dt.date.today().year + 1:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _to_date(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g["iy"]:
        return _valid(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["sy"]:
        return _valid(int(g["sy"]), int(g["sm"]), int(g["sd"]))
    if g["na"]:
        a, b, year = int(g["na"]), int(g["nb"]), _year(g["ny"])
        if g["sep"] == "/" and not SLASH_DAY_FIRST:
            return _valid(year, a, b) or _valid(year, b, a)
        return _valid(year, b, a) or _valid(year, a, b)
    if g["dd"]:
        return _valid(int(g["dy"]), MONTHS[g["dmon"].lower()], int(g["dd"]))
    return _valid(int(g["my"]), MONTHS[g["mmon"].lower()], int(g["md"]))


# Every form of DATE_RE has a year of two or four digits: a text without two digits in a
# row holds no date, and most lines of an article have none.
_TWO_DIGITS = re.compile(r"\d\d")


def iter_dates(text: str) -> Iterator[DateMatch]:
    """Every full (day, month, year) date written in `text`, in order."""
    if _TWO_DIGITS.search(text) is None:
        return
    for m in DATE_RE.finditer(text):
        date = _to_date(m)
        if date is not None:
            yield DateMatch(date, m.start(), m.end())


def parse_date_string(value: str) -> dt.date | None:
    """A date from a metadata value in any common format; None if it holds no full date."""
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", text):  # epoch seconds / milliseconds
        seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
    found = next(iter_dates(text), None)
    if found is not None:
        return found.date
    # dateutil, with two defaults so a missing year/day is detected rather than invented
    try:
        a = dateutil_parser.parse(text, default=dt.datetime(2000, 1, 1), dayfirst=True)
        b = dateutil_parser.parse(text, default=dt.datetime(2001, 2, 2), dayfirst=True)
    except (ValueError, OverflowError):
        return _dateparser_fallback(text)
    if a.date() == b.date():
        return _valid(a.year, a.month, a.day)
    return None


def _dateparser_fallback(text: str) -> dt.date | None:
    """Non-English month names etc.; dateparser is slow, so only metadata reaches here."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(text, settings=settings)  # type: ignore[arg-type]
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None


def _date_line_candidates(line: str) -> Iterator[tuple[int, dt.date]]:
    """(rank, date) for each date in `line` that stands as page furniture."""
    text = line.strip()
    if not text or len(text) > DATE_LINE_MAX_CHARS:
        return
    if text.endswith(".") and len(text) > 40:
        return
    previous_end = 0
    for found in iter_dates(text):
        prefix = DATE_LINE_PREFIX.match(text[previous_end : found.start])
        suffix = DATE_LINE_SUFFIX.match(text[found.end :])
        previous_end = found.end
        if prefix is None or suffix is None:
            continue
        label = (prefix.group("label") or "").lower()
        if not label:
            rank = RANK_PLAIN
        elif label in _UPDATED:
            rank = RANK_UPDATED
        else:
            rank = RANK_PUBLISHED
        yield rank, found.date


def dated_line_match(line: str, where: Where) -> tuple[str, int, dt.date] | None:
    """(rule id, rank, date) of the first `DATED_LINE_RULES` rule for `where` that
    `line` satisfies, else None."""
    text = line.strip()
    if not text:
        return None
    if where == "title" and (
        len(text) > DATE_LINE_MAX_CHARS
        or len(list(iter_dates(text))) != 1
        or next(_date_line_candidates(text), None) is not None
    ):
        return None  # a date line ("13:45, 23 Jun 2024 | Updated …") is not a headline
    for found in iter_dates(text):
        before, after = text[: found.start], text[found.end :]
        for rule in DATED_LINE_RULES:
            if rule.where != where:
                continue
            if rule.before.fullmatch(before) is None or rule.after.match(after) is None:
                continue
            if where == "title" and _SENTENCE_TAIL.search(before):
                continue
            return rule.id, rule.rank, found.date
        if where != "title":
            break  # a dateline's date is the first one on its line
    return None


def _is_prose(text: str) -> bool:
    return len(_WORDS.findall(text)) >= PROSE_MIN_WORDS and text.strip().endswith(_PROSE_END)


def _dated_line_candidates(
    lines: Sequence[str], skip: Sequence[bool]
) -> Iterator[tuple[int, int, dt.date]]:
    """(rank, line index, date) for the title's date, a wire dateline and the dated
    lines at the top and bottom edges of the article."""
    kept = [i for i, line in enumerate(lines) if not skip[i] and line.strip()]
    title = next((i for i in kept if len(_WORDS.findall(lines[i])) >= TITLE_MIN_WORDS), None)
    if title is not None and (hit := dated_line_match(lines[title], "title")) is not None:
        yield hit[1], title, hit[2]
    top: list[int] = []
    for index in kept[:DATELINE_SCAN_LINES]:
        top.append(index)
        if index != title and _is_prose(lines[index]):
            break  # past the start of the first body paragraph (a headline may be a question)
    for index in top:
        if (hit := dated_line_match(lines[index], "body_start")) is not None:
            yield hit[1], index, hit[2]
            break
    bottom: list[int] = []
    for index in reversed(kept[len(top) :][-EDGE_SCAN_LINES:]):
        if _is_prose(lines[index]):
            break  # the last body paragraph
        bottom.append(index)
    for index in top + bottom:
        if (hit := dated_line_match(lines[index], "edge")) is not None:
            yield hit[1], index, hit[2]


def date_line_date(lines: Sequence[str], skip: Sequence[bool]) -> dt.date | None:
    """The publication date from the page's date lines, or None."""
    best: tuple[int, int, dt.date] | None = None
    for index, line in enumerate(lines):
        if skip[index]:
            continue
        for rank, date in _date_line_candidates(line):
            if best is None or (rank, index) < best[:2]:
                best = (rank, index, date)
    for rank, index, date in _dated_line_candidates(lines, skip):
        if best is None or (rank, index) < best[:2]:
            best = (rank, index, date)
    return best[2] if best else None


def dateline_date(lines: Sequence[str], skip: Sequence[bool]) -> dt.date | None:
    """A year-less agency dateline, with the year taken from the article's own dates."""
    scanned = 0
    for index, line in enumerate(lines):
        if skip[index] or not line.strip():
            continue
        scanned += 1
        if scanned > DATELINE_SCAN_LINES:
            break
        m = DATELINE_RE.match(line.strip())
        if m is None:
            continue
        month, day = MONTHS[m.group("mon").lower()], int(m.group("day"))
        mentioned = [
            d.date for i, text in enumerate(lines) if not skip[i] for d in iter_dates(text)
        ]
        if not mentioned:
            return None  # year unknown
        latest = max(mentioned)
        options = [
            d
            for y in (latest.year - 1, latest.year, latest.year + 1)
            if (d := _valid(y, month, day)) is not None
        ]
        return min(options, key=lambda d: abs((d - latest).days)) if options else None
    return None


def find_published_date_in_lines(
    lines: Sequence[str],
    skip: Sequence[bool],
    metadata_date: str | None,
    date_prefix: str | None = None,
) -> tuple[dt.date | None, str | None]:
    """`find_published_date` for text split into lines (date prefix already cut off into
    `date_prefix`) with its chrome mask."""
    if metadata_date:
        parsed = parse_date_string(metadata_date)
        if parsed is not None:
            return parsed, "metadata"
    if date_prefix:
        parsed = parse_date_string(date_prefix)
        if parsed is not None:
            return parsed, "date_line"
    found = date_line_date(lines, skip)
    if found is not None:
        return found, "date_line"
    found = dateline_date(lines, skip)
    if found is not None:
        return found, "text"
    return None, None


def find_published_date(text: str, metadata_date: str | None) -> tuple[dt.date | None, str | None]:
    """(publication date, source) with source `metadata`, `date_line` or `text`; else None."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    date_prefix, lines[0] = strip_date_prefix(lines[0])
    _, date_mask = chrome_masks(lines)
    return find_published_date_in_lines(lines, date_mask, metadata_date, date_prefix)
