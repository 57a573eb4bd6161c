"""Counts in text: digits, number words, hedges and ranges.

`find_numbers(text)` returns the numbers of a text that can be counts of something, with
the hedge before or after them turned into a qualifier (ANNOTATION.md): "over 2,300" ->
2300 at_least, "around sixty" -> 60 approx, "two dozen" -> 24, "between 20 and 30" -> 20
at_least (upper 30). Years, dates, times, ages, money, percentages, designators
("Su-34", "255th"), labels ("Day 1,200") and phone numbers are left out; distances and
areas only when asked for (`measures=True`). The rules live in ingest/rules/numbers.yml.

A mention's span covers the hedge and the number ("more than 2,300"); `text` is that span.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.extract.context import load_yaml

__all__ = ["CaselessPattern", "NumberMention", "ascii_lowered", "find_numbers", "parse_number", "number_rules"]


# --------------------------------------------------------------------------- matching

_GROUP_NAME = re.compile(r"\(\?P[<=]")
# what could make the lowered match differ: an upper-case letter (or upper-case escape), a
# flag turned off locally ("(?-i:"), a character given by its code (it may be a cased one)
_CASE_SENSITIVE = re.compile(r"[A-Z]|\(\?[a-z]*-|\\[xu0-7]")


# what lowering a pattern could change besides its literal letters: an escape with an
# upper-case letter ("\\S", "\\W"), a group name with one, a range from one case to the other
_NOT_LOWERABLE = re.compile(
    r"\\[A-Z]|\(\?P[<=][^>)]*[A-Z]|[A-Z]-[^A-Z\]]|[^A-Z\\]-[A-Z]")


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lower_literals(pattern: str) -> str:
    """`pattern` with its ASCII upper-case letters lowered when they can only be literals
    ("UAVs", "[A-Z]"; not the P of "(?P<name>"): under IGNORECASE they match the same
    text; else `pattern` unchanged."""
    if _NOT_LOWERABLE.search(pattern):
        return pattern
    return "(?P".join(part.translate(_ASCII_LOWER) for part in pattern.split("(?P"))


@dataclass(frozen=True)
class CaselessPattern:
    """A case-insensitive pattern that runs fast on ASCII text.

    Python's re has no quick first-character test for IGNORECASE literals, so a long word
    alternation is tried in full at every word. Run case-sensitively against the text
    lowered, a pattern with no upper-case letter (literal ones are lowered when nothing
    else can change) and no "(?-i:" finds the same matches at
    the same offsets, provided the text is ASCII (where lower() maps one character to one,
    and IGNORECASE matches a lower-case letter to itself and its upper case only) but for
    uncased characters (see ascii_lowered); other texts, and other patterns, are matched
    with IGNORECASE. The matched text is then
    the lowered one: callers take spans, or compare it case-insensitively.
    """

    caseless: re.Pattern[str]
    lowered: re.Pattern[str] | None

    @classmethod
    def compile(cls, pattern: str) -> CaselessPattern:
        source = _lower_literals(pattern)
        plain = not _CASE_SENSITIVE.search(_GROUP_NAME.sub("", source)) and all(
            c.isascii() or c.lower() == c == c.upper() for c in source)  # no cased non-ASCII
        return cls(re.compile(pattern, re.IGNORECASE), re.compile(source) if plain else None)

    def search(self, text: str, lowered: str | None = None,
               pos: int = 0) -> re.Match[str] | None:
        """The first match in `text` from `pos`; `lowered` is ascii_lowered(text) (without
        it, the IGNORECASE pattern is used: the same matches, slower)."""
        if lowered is not None and self.lowered is not None:
            return self.lowered.search(lowered, pos)
        return self.caseless.search(text, pos)

    def finditer(self, text: str, lowered: str | None = None,
                 pos: int = 0) -> Iterator[re.Match[str]]:
        """The matches in `text` from `pos`; `lowered` as for search()."""
        if lowered is not None and self.lowered is not None:
            return self.lowered.finditer(lowered, pos)
        return self.caseless.finditer(text, pos)


_ASCII_CODES = dict.fromkeys(range(128))  # str.translate: drop ASCII characters


@lru_cache(maxsize=1024)  # several extractors ask for the same sentence in turn
def ascii_lowered(text: str) -> str | None:
    """`text` lowered for CaselessPattern when it is ASCII but for uncased characters (dashes,
    curly quotes, "€"); else None.

    An uncased character is its own lower and upper case: lower() leaves it (one character
    for one), and IGNORECASE matches it to itself only, as to no ASCII letter (checked over
    all of Unicode), so the lowered text keeps CaselessPattern's matches the same.
    """
    if text.isascii():
        return text.lower()
    rest = text.translate(_ASCII_CODES)
    return text.lower() if rest.lower() == rest == rest.upper() else None


@dataclass(frozen=True)
class NumberMention:
    value: int
    start: int
    end: int
    qualifier: str
    text: str
    upper: int | None = None  # upper bound of a range ("between 20 and 30" -> 20, upper 30)


@dataclass(frozen=True)
class _Rule:
    rule_id: str
    regex: re.Pattern[str]
    measure: bool = False


@dataclass(frozen=True)
class _NumberRules:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    multipliers: dict[str, int]
    pairs: dict[str, int]
    hedge_before: tuple[tuple[re.Pattern[str], str], ...]
    hedge_after: tuple[tuple[re.Pattern[str], str], ...]
    exclude_after: tuple[_Rule, ...]
    exclude_before: tuple[_Rule, ...]
    candidate: re.Pattern[str]
    month_before: re.Pattern[str]
    month_after: re.Pattern[str]
    # What find_numbers runs: the exclusion rules as one pattern each side (one matches <=>
    # a rule matches), and the searches over the text before a number as CaselessPattern.
    after_not_count: re.Pattern[str]  # every exclude_after rule
    after_not_count_or_measure: re.Pattern[str]  # those that are no measure (measures=True)
    before_not_count: CaselessPattern
    candidate_fast: CaselessPattern
    month_before_fast: CaselessPattern
    hedge_before_fast: tuple[tuple[CaselessPattern, str], ...]


def _alternation(phrases: list[str]) -> str:
    """Regex alternation of phrases (already regex fragments), longest first; spaces flexible."""
    parts = sorted(phrases, key=len, reverse=True)
    return "|".join(p.replace(" ", r"\s+") for p in parts)


@lru_cache(maxsize=1)
def number_rules() -> _NumberRules:
    data: dict[str, Any] = load_yaml("numbers.yml")
    words = data["words"]
    hedge_before: list[tuple[CaselessPattern, str]] = []
    hedge_after: list[tuple[re.Pattern[str], str]] = []
    for hedge in data["hedges"]:
        qualifier = hedge["qualifier"]
        if hedge.get("before"):
            before = CaselessPattern.compile(
                rf"(?:(?<![\w])(?:{_alternation(hedge['before'])}))\s{{0,3}}$")
            hedge_before.append((before, qualifier))
        if hedge.get("after"):
            regex = re.compile(rf"^\s{{0,3}}(?:{_alternation(hedge['after'])})(?![\w])",
                               re.IGNORECASE)
            hedge_after.append((regex, qualifier))
    exclude_after = tuple(
        _Rule(r["id"], re.compile("^" + r["pattern"], re.IGNORECASE), bool(r.get("measure")))
        for r in data["exclude_after"])
    exclude_before = tuple(
        _Rule(r["id"], re.compile(r["pattern"], re.IGNORECASE))
        for r in data["exclude_before"])
    word_names = [*words["units"], *words["tens"], *words["scales"], *words["multipliers"]]
    word_alt = "|".join(sorted(word_names, key=len, reverse=True))
    pair_alt = "|".join(words["pairs"])
    # (the no-break spaces as characters, not escapes: see CaselessPattern)
    digits = (r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[" "\u00a0\u202f" r" ]\d{3})+(?![\d,.])"
              r"|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:\.\d+)?)(?:\s?(?:thousand|million|k)\b)?")
    number_words = (rf"\b(?:(?:an?|{word_alt})(?:(?:\s{{1,3}}|\s?-\s?)(?:and\s{{1,3}})?"
                    rf"(?:{word_alt})){{0,6}})\b")
    # Every candidate starts with a digit or at a word starting with the first letter of a
    # number word or "a"/"an": the lookahead says so up front, which lets the regex engine
    # skip the other positions quickly (same matches, about 3x faster scan).
    initials = "".join(sorted({name[0].lower() for name in [*word_names, *words["pairs"]]}
                              | {"a"}))
    candidate = CaselessPattern.compile(
        rf"(?=\d|\b[{initials}])(?:{digits}|{number_words}|\b(?:{pair_alt})\b)")
    months = "|".join(sorted(data["months"], key=len, reverse=True))
    month_before = CaselessPattern.compile(rf"\b(?:{months})\.?,?\s{{1,3}}$")
    return _NumberRules(
        units=dict(words["units"]), tens=dict(words["tens"]), scales=dict(words["scales"]),
        multipliers=dict(words["multipliers"]), pairs=dict(words["pairs"]),
        hedge_before=tuple((h.caseless, q) for h, q in hedge_before),
        hedge_after=tuple(hedge_after),
        exclude_after=exclude_after, exclude_before=exclude_before,
        candidate=candidate.caseless, candidate_fast=candidate, month_before_fast=month_before,
        hedge_before_fast=tuple(hedge_before),
        after_not_count=re.compile(
            "|".join(f"(?:^{r['pattern']})" for r in data["exclude_after"]), re.IGNORECASE),
        after_not_count_or_measure=re.compile(
            "|".join(f"(?:^{r['pattern']})" for r in data["exclude_after"]
                     if not r.get("measure")), re.IGNORECASE),
        before_not_count=CaselessPattern.compile(
            "|".join(f"(?:{r['pattern']})" for r in data["exclude_before"])),
        month_before=month_before.caseless,
        month_after=re.compile(rf"^(?:st|nd|rd|th)?\s{{1,3}}(?:of\s)?(?:{months})\b",
                               re.IGNORECASE),
    )


# --------------------------------------------------------------------------- values

_SCALE_SUFFIX = re.compile(r"\s?(thousand|million|k)$", re.IGNORECASE)
_SUFFIX_VALUE = {"thousand": 1000, "million": 1_000_000, "k": 1000}
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f ]\d{3})+")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NOT_DIGIT = re.compile(r"\D")
_WORD_SPLIT = re.compile(r"[\s-]+")


def _digits_value(token: str) -> int | None:
    """Value of a digit token: '2,300', '1 420', '35.000', '1.2 million', '5k'."""
    scale = 1
    match = _SCALE_SUFFIX.search(token)
    if match:
        scale = _SUFFIX_VALUE[match.group(1).lower()]
        token = token[: match.start()]
    token = token.strip()
    if _GROUPED.fullmatch(token):
        return int(_NOT_DIGIT.sub("", token)) * scale
    if _EUROPEAN.fullmatch(token) and scale == 1:
        return int(token.replace(".", ""))  # European thousands: 35.000
    try:
        value = float(token) * scale
    except ValueError:
        return None
    return int(round(value)) if (scale > 1 or value.is_integer()) else None


def _words_value(phrase: str) -> int | None:
    """Value of a number-word phrase: 'sixty', 'two dozen', 'a hundred', 'twenty-five'."""
    rules = number_rules()
    tokens = [t for t in _WORD_SPLIT.split(phrase.lower()) if t and t != "and"]
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0] in rules.pairs:
        return rules.pairs[tokens[0]]
    total = 0
    current = 0
    seen_number = False
    for token in tokens:
        if token in ("a", "an"):
            current = max(current, 0)
            continue
        if token in rules.units:
            current += rules.units[token]
        elif token in rules.tens:
            current += rules.tens[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in rules.multipliers:
            current = max(current, 1) * rules.multipliers[token]
        elif token in rules.scales:
            total += max(current, 1) * rules.scales[token]
            current = 0
        else:
            return None
        seen_number = True
    if not seen_number:
        return None
    return total + current


def parse_number(text: str) -> int | None:
    """The integer a number written as digits or words stands for ('2,300', 'sixty', 'a
    hundred', 'two dozen'); None when the text is not a number."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        return _digits_value(text)
    return _words_value(text)


# --------------------------------------------------------------------------- mentions

_ADJACENT_BEFORE = re.compile(r"(?:[A-Za-z]-?|[\d][./:-]|[./:]|\d-)$")
_ADJACENT_AFTER = re.compile(r"^(?:[./:][\d]|-\d|[A-Za-z])")
_RANGE_DASH = re.compile(r"^\s?[-–—]\s?$")
_RANGE_WORD = re.compile(r"^\s{1,3}(?:to|and|or)\s{1,3}$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s{1,3}$", re.IGNORECASE)
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|of|from|until|till|by|year|early|late|mid|spring|summer|autumn|fall|"
    r"winter|before|after|during|through|throughout)[\s-]{1,3}$", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"^\s{1,3}[a-z]+s\b")
_NOT_ONE = re.compile(r"(?:\bno\s|\bany\s|\bevery\s|\bthis\s|\bthat\s|\bthe\s)$",
                      re.IGNORECASE)
_ONE_AFTER = re.compile(r"^\s{1,3}(?:another|by\s+one|day\b|time\b|way\b|thing\b)",
                        re.IGNORECASE)
_PHONE_CHARS = set("0123456789 ()+-")
_WINDOW = 40
_FOUR_DIGITS = re.compile(r"\d{4}")
_DIGIT_RUN = re.compile(r"\d+")
_A_OR_AN = re.compile(r"an?", re.IGNORECASE)
_PLUS_STRONG = re.compile(r"^-(?:plus|strong)\b")
_HYPHEN_WORD = re.compile(r"^-[a-z]")
_LEADING_ZERO = re.compile(r"0\d")
_NEXT_CONTINUES = re.compile(r"^[./-]\d")
_TO_GAP = re.compile(r"^\s{1,3}to\s{1,3}$")
_OR_GAP = re.compile(r"^\s{1,3}or\s{1,3}$")


def _is_year(token: str, value: int) -> bool:
    return bool(_FOUR_DIGITS.fullmatch(token)) and 1900 <= value <= 2100


def _phone_like(text: str, start: int, end: int) -> bool:
    """A run of digit groups such as '+380 44 123 45 67' around the candidate."""
    left = start
    while left > 0 and start - left < 20 and text[left - 1] in _PHONE_CHARS:
        left -= 1
    right = end
    while right < len(text) and right - end < 20 and text[right] in _PHONE_CHARS:
        right += 1
    run = text[left:right]
    groups = _DIGIT_RUN.findall(run)
    return sum(len(g) for g in groups) >= 9 and len(groups) >= 3


@dataclass
class _Candidate:
    start: int
    end: int
    value: int
    token: str
    is_words: bool


def _candidates(text: str, lowered: str | None) -> list[_Candidate]:
    rules = number_rules()
    found: list[_Candidate] = []
    for match in rules.candidate_fast.finditer(text, lowered):
        token = text[match.start(): match.end()]
        is_words = not token[0].isdigit()
        if is_words and _A_OR_AN.fullmatch(token):
            continue
        start, end = match.start(), match.end()
        if is_words:
            # "a" / "an" lead only into a scale or multiplier ("a hundred", "a dozen").
            parts = _WORD_SPLIT.split(token)
            if parts[0].lower() in ("a", "an") and (
                    len(parts) < 2 or parts[1].lower() not in (
                        *rules.scales, *rules.multipliers)):
                skip = len(parts[0])
                token = token[skip:].lstrip(" -")
                start = end - len(token)
                if not token:
                    continue
        value = parse_number(token)
        if value is None:
            continue
        found.append(_Candidate(start, end, value, token, is_words))
    return found


def _excluded(text: str, cand: _Candidate, measures: bool, check_before: bool = True,
              check_after: bool = True, lowered: str | None = None) -> bool:
    rules = number_rules()
    before = text[max(0, cand.start - _WINDOW): cand.start]
    before_lowered = None if lowered is None else lowered[max(0, cand.start - _WINDOW): cand.start]
    after = text[cand.end: cand.end + _WINDOW]
    # (any one test excludes: the cheap anchored tests after the number go first)
    if check_after:
        # "58-year-old", "255th", "10:30", "24.02.22", "Su-34M"
        if _ADJACENT_AFTER.match(after) and not _PLUS_STRONG.match(after) and (
                not (cand.is_words and after.startswith("-")) or _HYPHEN_WORD.match(after)):
            return True
        if not cand.is_words and rules.month_after.match(after) and cand.value <= 31:
            return True
        if cand.token.lower() == "one" and _ONE_AFTER.match(after):
            return True
        not_count = rules.after_not_count_or_measure if measures else rules.after_not_count
        if not_count.match(after):
            return True
    if check_before:
        # (_ADJACENT_BEFORE is at most two characters before the end or a final newline)
        if _ADJACENT_BEFORE.search(before[-3:]) and not before.endswith("(+"):
            return True
        if not cand.is_words and cand.value <= 31 and \
                rules.month_before_fast.search(before, before_lowered):
            return True  # (the cheap tests first)
        if rules.before_not_count.search(before, before_lowered):
            return True
        if cand.token.lower() == "one" and _NOT_ONE.search(before):
            return True
    if _is_year(cand.token, cand.value) and (
            _YEAR_CONTEXT.search(before) or not _PLURAL_AFTER.match(after)):
        return True
    if not cand.is_words and _LEADING_ZERO.match(cand.token):
        return True  # leading zero: codes, phone numbers, times
    if not cand.is_words and _phone_like(text, cand.start, cand.end):
        return True
    return cand.value >= 1_000_000_000  # billions are money in this domain


def _qualify(text: str, start: int, end: int,
             lowered: str | None = None) -> tuple[str, int, int]:
    """The qualifier of a number at text[start:end] and the span widened to its hedge."""
    rules = number_rules()
    before = text[max(0, start - _WINDOW): start]
    before_lowered = None if lowered is None else lowered[max(0, start - _WINDOW): start]
    for regex, qualifier in rules.hedge_before_fast:
        match = regex.search(before, before_lowered)
        if match:
            return qualifier, start - (len(before) - match.start()), end
    after = text[end: end + _WINDOW]
    for regex, qualifier in rules.hedge_after:
        match = regex.match(after)
        if match:
            return qualifier, start, end + match.end()
    return "exact", start, end


def find_numbers(text: str, *, measures: bool = False) -> list[NumberMention]:
    """The numbers of `text` that can be counts, in order (see the module docstring).

    With `measures=True`, distances and areas ("880 square kilometres") are kept too.
    """
    return list(_find_numbers(text, measures))


@lru_cache(maxsize=8192)
def _find_numbers(text: str, measures: bool) -> tuple[NumberMention, ...]:
    lowered = ascii_lowered(text)
    cands = _candidates(text, lowered)
    mentions: list[NumberMention] = []
    i = 0
    while i < len(cands):
        cand = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None:
            gap = text[cand.end: nxt.start]
            before = text[max(0, cand.start - _WINDOW): cand.start]
            is_range = (
                (_RANGE_DASH.match(gap) and not cand.is_words and not nxt.is_words
                 and not _ADJACENT_BEFORE.search(before)
                 and not _NEXT_CONTINUES.match(text[nxt.end: nxt.end + 2]))
                or (_RANGE_WORD.match(gap) and _BETWEEN.search(before)
                    and "or" not in gap.lower())
                or (_TO_GAP.match(gap) and not cand.is_words)
                or (_OR_GAP.match(gap) and not cand.is_words
                    and not nxt.is_words))
            if is_range and cand.value < nxt.value and not (
                    _is_year(cand.token, cand.value) and _is_year(nxt.token, nxt.value)):
                if not (_excluded(text, cand, measures, check_after=False, lowered=lowered)
                        or _excluded(text, nxt, measures, check_before=False, lowered=lowered)):
                    start = cand.start
                    between = _BETWEEN.search(text[max(0, start - _WINDOW): start])
                    if between:
                        start -= len(text[max(0, start - _WINDOW): start]) - between.start()
                    qualifier, q_start, _ = _qualify(text, start, nxt.end, lowered)
                    if qualifier == "exact" or between:
                        qualifier, q_start = "at_least", start
                    mentions.append(NumberMention(
                        cand.value, q_start, nxt.end, qualifier, text[q_start: nxt.end],
                        upper=nxt.value))
                i += 2
                continue
        if not _excluded(text, cand, measures, lowered=lowered):
            qualifier, start, end = _qualify(text, cand.start, cand.end, lowered)
            mentions.append(NumberMention(cand.value, start, end, qualifier, text[start:end]))
        i += 1
    return tuple(mentions)
