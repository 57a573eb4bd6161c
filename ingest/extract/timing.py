"""When a fact happened: scope (event | period | cumulative) and dates.

`find_times(text, published)` finds the time expressions of a sentence ("on Friday",
"overnight", "last week", "in May", "since February 2022", "over the past 24 hours") and
resolves their dates against the article's publication date; `time_for(text, anchor,
published)` gives the expression that governs a count at offset `anchor` (the nearest,
cumulative and period wording winning ties). The expressions live in
ingest/rules/timing.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.extract.context import load_yaml
from ingest.extract.numbers import CaselessPattern, ascii_lowered

__all__ = ["TimeMention", "find_times", "time_for", "time_rules"]

MONTHS = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
SMALL_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "weekend": 2}


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    scope: str
    rule_id: str
    event_date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True)
class _Expr:
    rule_id: str
    scope: str
    resolve: str
    regex: re.Pattern[str]
    caseless: CaselessPattern  # the same pattern, fast on ASCII text


@lru_cache(maxsize=1)
def _context_rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data: dict[str, Any] = load_yaml("timing.yml")
    return (re.compile(data["statement_time"], re.I), re.compile(data["comparison"], re.I),
            re.compile(data["statement_opening"]))


@lru_cache(maxsize=1)
def time_rules() -> tuple[dt.date, tuple[_Expr, ...]]:
    data: dict[str, Any] = load_yaml("timing.yml")
    war_start = data["war_start"]
    if isinstance(war_start, str):
        war_start = dt.date.fromisoformat(war_start)
    exprs = []
    for e in data["expressions"]:
        caseless = CaselessPattern.compile(e["pattern"])
        exprs.append(_Expr(e["id"], e["scope"], e["resolve"], caseless.caseless, caseless))
    return war_start, tuple(exprs)


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=1)
def _any_expression() -> CaselessPattern:
    """All time expressions in one pattern (their groups unnamed: names repeat across
    expressions). Its first match is where the earliest expression match can start: a
    sentence with none is done in one scan, and the others are scanned from there."""
    _war_start, exprs = time_rules()
    alternatives = "|".join(f"(?:{_NAMED_GROUP.sub('(?:', e.regex.pattern)})" for e in exprs)
    return CaselessPattern.compile(alternatives)


def _group(match: re.Match[str], *names: str) -> str | None:
    for name in names:
        if name in match.re.groupindex and match.group(name):
            return match.group(name).lower()
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, published: dt.date) -> int:
    """The year of a month named without one: the latest not after publication."""
    return published.year if month <= published.month else published.year - 1


def _resolve(expr: _Expr, match: re.Match[str], published: dt.date | None,
             war_start: dt.date) -> TimeMention:
    start, end = match.start(), match.end()
    base = TimeMention(start, end, expr.scope, expr.rule_id)
    kind = expr.resolve
    if kind == "war":
        return TimeMention(start, end, expr.scope, expr.rule_id, None, war_start, published)
    if published is None:
        if kind in ("date", "since_date", "since_month", "in_month", "since_year"):
            year_text = _group(match, "year", "year2")
            if year_text:  # an explicit year needs no publication date
                published = dt.date(int(year_text), 12, 31)
        if published is None:
            return base
    if kind == "day_before":
        return TimeMention(start, end, expr.scope, expr.rule_id, published - dt.timedelta(1),
                           published - dt.timedelta(1), published)
    if kind == "night":
        return TimeMention(start, end, expr.scope, expr.rule_id, published)
    if kind == "weekday":
        weekday = WEEKDAYS[_group(match, "weekday") or "monday"]
        back = (published.weekday() - weekday) % 7
        return TimeMention(start, end, expr.scope, expr.rule_id,
                           published - dt.timedelta(days=back))
    if kind == "relative_day":
        rel = _group(match, "rel") or ""
        day = published - dt.timedelta(1) if rel in (
            "yesterday", "a day earlier", "the day before") else published
        return TimeMention(start, end, expr.scope, expr.rule_id, day)
    if kind == "date":
        month = MONTHS[_group(match, "month", "month2") or "january"]
        day = int(_group(match, "day", "day2") or 1)
        year_text = _group(match, "year", "year2")
        year = int(year_text) if year_text else _year_for(month, published)
        return TimeMention(start, end, expr.scope, expr.rule_id, _safe_date(year, month, day))
    if kind in ("past_n", "last_unit"):
        unit = (_group(match, "unit") or "day").rstrip("s")
        n_text = _group(match, "n")
        n = 1
        if n_text:
            n = int(n_text) if n_text.isdigit() else SMALL_NUMBERS.get(n_text, 1)
        days = UNIT_DAYS.get(unit, 1) * n
        return TimeMention(start, end, expr.scope, expr.rule_id, None,
                           published - dt.timedelta(days=days), published)
    if kind in ("since_month", "in_month"):
        month = MONTHS[_group(match, "month") or "january"]
        year_text = _group(match, "year")
        year = int(year_text) if year_text else _year_for(month, published)
        first = dt.date(year, month, 1)
        if kind == "since_month":
            return TimeMention(start, end, expr.scope, expr.rule_id, None, first, published)
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        return TimeMention(start, end, expr.scope, expr.rule_id, None, first,
                           nxt - dt.timedelta(1))
    if kind == "since_date":
        month = MONTHS[_group(match, "month", "month2") or "january"]
        day = int(_group(match, "day", "day2") or 1)
        return TimeMention(start, end, expr.scope, expr.rule_id, None,
                           _safe_date(_year_for(month, published), month, day), published)
    if kind == "since_year":
        year = int(_group(match, "year") or published.year)
        return TimeMention(start, end, expr.scope, expr.rule_id, None, dt.date(year, 1, 1),
                           published)
    return base


def find_times(text: str, published: dt.date | None = None) -> list[TimeMention]:
    """Time expressions of `text` with scope and dates, in order, without overlaps."""
    return list(_find_times(text, published))


@lru_cache(maxsize=8192)
def _find_times(text: str, published: dt.date | None) -> tuple[TimeMention, ...]:
    war_start, exprs = time_rules()
    statement_time, comparison, statement_opening = _context_rules()
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    lowered = ascii_lowered(text)  # matches hold the lowered text: _group() lowers anyway
    first = _any_expression().search(text, lowered)
    if first is None:
        return ()
    # no expression matches before `first` (finditer from a position still sees the text
    # before it for \b and lookbehinds)
    for expr in exprs:  # file order is priority order: cumulative, then period, then event
        for match in expr.caseless.finditer(text, lowered, first.start()):
            if match.end() == match.start():
                continue
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if expr.resolve == "past_n" and not (
                    _group(match, "n") or re.search(r"past|last|previous|preceding|recent",
                                                    match.group(0), re.I)):
                continue  # "in days" alone is no window
            taken.append((match.start(), match.end()))
            before = text[max(0, match.start() - 100): match.start()]
            if statement_time.search(before):
                continue  # "said earlier this week": when it was said
            if not text[: match.start()].strip() and statement_opening.match(
                    text[match.end(): match.end() + 80]):
                continue  # "Last month, Moscow said ...": when it was said
            if expr.scope != "event" and re.match(r"since\b", match.group(0), re.I) and \
                    comparison.search(before):
                continue  # "the largest attack since the invasion began"
            found.append(_resolve(expr, match, published, war_start))
    return tuple(sorted(found, key=lambda t: t.start))


_CLAUSE_BREAK = re.compile(r";|,\s(?:which|while|but|whereas|bringing)\b|\.\s")


def time_for(text: str, anchor: int, published: dt.date | None = None) -> TimeMention | None:
    """The time expression of `text` that governs the count at offset `anchor`: the nearest
    one, with cumulative and period wording preferred over event wording at similar
    distance; None when the text says nothing about time."""
    times = find_times(text, published)
    if not times:
        return None

    def cost(t: TimeMention) -> int:
        between = text[anchor: t.start] if t.start >= anchor else text[t.end: anchor]
        distance = len(between)
        if _CLAUSE_BREAK.search(between):
            distance += 100  # another clause: "..., which brings the total since ... to"
        return distance + (0 if t.scope != "event" else 25)

    return min(times, key=cost)
