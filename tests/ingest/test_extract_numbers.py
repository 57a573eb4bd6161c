"""Numbers: counts with hedges and ranges; non-counts left out; bounded regex time."""

from __future__ import annotations

import re
import time

import pytest

from ingest.extract.numbers import CaselessPattern, ascii_lowered, find_numbers, parse_number

# (id, text, [(value, qualifier, upper)])
CASES = [
    ("digits-with-comma-over", "over 2,300 soldiers", [(2300, "at_least", None)]),
    ("word-around", "around sixty troops", [(60, "approx", None)]),
    ("two-dozen", "two dozen drones", [(24, "exact", None)]),
    ("a-hundred", "a hundred people", [(100, "exact", None)]),
    ("more-than-a-hundred", "injured more than a hundred", [(100, "at_least", None)]),
    ("between-range", "between 20 and 30 missiles", [(20, "at_least", 30)]),
    ("dash-range", "20-30 drones", [(20, "at_least", 30)]),
    ("up-to", "up to 420 servicemen", [(420, "at_most", None)]),
    ("fewer-than", "fewer than 50 people", [(50, "at_most", None)]),
    ("an-estimated", "an estimated 1,000 troops", [(1000, "approx", None)]),
    ("some", "some 2,700 pieces", [(2700, "approx", None)]),
    ("space-thousands", "1 420 troops", [(1420, "exact", None)]),
    ("dot-thousands", "35.000 people", [(35000, "exact", None)]),
    ("million", "1.2 million shells", [(1_200_000, "exact", None)]),
    ("compound-words", "one hundred and twenty drones", [(120, "exact", None)]),
    ("hyphenated-words", "twenty-five soldiers", [(25, "exact", None)]),
    ("both", "destroyed both missiles", [(2, "exact", None)]),
    ("tally-increment", "tanks – 9,419 (+20)", [(9419, "exact", None), (20, "exact", None)]),
    ("or-more", "50 or more drones", [(50, "at_least", None)]),
    ("year", "In 2022 Russia invaded", []),
    ("date-month-day", "on December 6, 2024", []),
    ("date-day-month", "on 13 April", []),
    ("dotted-date", "from 24.02.22 to 23.11.24", []),
    ("time", "at 10:30 and 3 p.m.", []),
    ("age-hyphen", "a 58-year-old woman", []),
    ("age-aged", "a man aged 80", []),
    ("money-dollars", "$61 billion in aid", []),
    ("money-eur", "EUR 4.1 billion", []),
    ("distance", "25 miles and 10km away", []),
    ("percent", "5% of the grid", []),
    ("ordinal", "the 255th Regiment", []),
    ("day-label", "Day 1,200 of the war", []),
    ("phone", "call +380 44 123 45 67", []),
    ("designators", "Hwasong-11, KN-23, Su-34 and F-16 jets", []),
    ("duration", "in just seven days", []),
    ("vague-words", "dozens of drones and hundreds of people", []),
    ("no-one", "no one was hurt", []),
    ("ages-listed-are-no-counts", "two women, aged 45 and 71, were among the dead",
     [(2, "exact", None)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_numbers(text: str, expected: list[tuple[int, str, int | None]]) -> None:
    found = [(m.value, m.qualifier, m.upper) for m in find_numbers(text)]
    assert found == expected


def test_span_covers_hedge_and_number() -> None:
    text = "killing more than 2,300 soldiers"
    (mention,) = find_numbers(text)
    assert text[mention.start: mention.end] == "more than 2,300" == mention.text


def test_measures_kept_when_asked() -> None:
    assert [m.value for m in find_numbers("880 square kilometers", measures=True)] == [880]
    assert find_numbers("880 square kilometers") == []


@pytest.mark.parametrize(("text", "value"), [("2,300", 2300), ("sixty", 60), ("a hundred", 100),
                                             ("two dozen", 24), ("35.000", 35000),
                                             ("tanks", None)])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1" * 5000, "one " * 3000, "1,000," * 2000, "a-" * 4000,
                                  "between 1 and " * 1000, "+" + "1 " * 3000])
def test_hostile_input_is_fast(text: str) -> None:
    started = time.perf_counter()
    find_numbers(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("pattern", "fast"), [
    (r"\b(?:took|taken)\s+(?P<what>control)\b", True),
    (r"(?-i:[A-Z])\w+", False),  # case-sensitive part
    (r"\Sx", False),  # upper-case escape
    (r"caf\u00e9", False),  # a character by its code
    ("\u017f", False),  # a cased non-ASCII letter (long s)
    ("a\u2019s", True),  # an uncased one
])
def test_caseless_pattern_lowers_only_when_safe(pattern: str, fast: bool) -> None:
    assert (CaselessPattern.compile(pattern).lowered is not None) == fast


@pytest.mark.parametrize("text", ["Russian forces TOOK CONTROL of it", "They Took control",
                                  "Kyiv’s troops took Control", "took\u00a0control", "took no"])
def test_caseless_pattern_same_spans_as_ignorecase(text: str) -> None:
    pattern = r"(?<![\w-])took\s+control(?![\w-])"
    caseless = CaselessPattern.compile(pattern)
    expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [m.span() for m in caseless.finditer(text, ascii_lowered(text))] == expected
    found = caseless.search(text, ascii_lowered(text))
    assert (found.span() if found else None) == (expected[0] if expected else None)


@pytest.mark.parametrize(("pattern", "fast"), [
    (r"(?<![\w-])(?:UAVs?|KABs?|MLRS\s+rockets?)(?![\w-])", True),  # literal capitals
    (r"(?P<eq>[A-Z]\w+)", True),
    (r"(?P<Eq>x)", False),  # an upper-case group name
    (r"[A-z]", False),  # a range across cases
    ("\u0130", False),  # a cased non-ASCII capital (dotted I)
])
def test_caseless_pattern_lowers_literal_capitals(pattern: str, fast: bool) -> None:
    caseless = CaselessPattern.compile(pattern)
    assert (caseless.lowered is not None) == fast
    for text in ["Two UAVs and KABS hit", "mlrs Rockets, Kab", "Eq x", "[_]"]:
        expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
        assert [m.span() for m in caseless.finditer(text, ascii_lowered(text))] == expected


@pytest.mark.parametrize("text", ["Kyiv’s “TOOK CONTROL” — took\u00a0control", "took control…",
                                  "Café took control", "\u212a took control"])
def test_caseless_pattern_on_uncased_non_ascii(text: str) -> None:
    pattern = r"(?<![\w-])took\s+control(?![\w-])|k"
    caseless = CaselessPattern.compile(pattern)
    expected = [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
    assert [m.span() for m in caseless.finditer(text, ascii_lowered(text))] == expected


def test_ascii_lowered_only_when_nothing_cased_is_non_ascii() -> None:
    assert ascii_lowered("Kyiv’s “X” — 5€") == "kyiv’s “x” — 5€"
    assert ascii_lowered("Café") is None
    assert ascii_lowered("\u212a") is None  # the Kelvin sign, which IGNORECASE matches to k
