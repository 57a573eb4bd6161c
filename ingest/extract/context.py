"""Shared pieces of the extractors: rules-file loading and per-document helpers.

- `load_yaml(name)` / `load_reference_csv(name)`: rules files, read once.
- `sentence_at(doc, offset)`: the sentence holding a body offset.
- `paragraph_bounds(doc)`: paragraph spans of the body (blank-line separated).
- `parse_tally_lines(doc)`: the rows of a loss tally ("tanks – 9,419 (+20)").
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import yaml

from ingest.models import ParsedArticle, Sentence
from ingest.paths import REFERENCE_DIR, RULES_DIR

__all__ = [
    "TallyRow",
    "article_region",
    "load_reference_csv",
    "load_yaml",
    "paragraph_bounds",
    "paragraph_index",
    "parse_tally_lines",
    "sentence_at",
]


_R = TypeVar("_R")
PER_DOC_CACHE_SIZE = 64


def per_doc_cache(func: Callable[[ParsedArticle], _R]) -> Callable[[ParsedArticle], _R]:
    """Cache a per-article computation by the article object itself (hashing a whole
    ParsedArticle on every call, as lru_cache would, costs more than many computations)."""
    cache: dict[int, tuple[ParsedArticle, _R]] = {}

    @functools.wraps(func)
    def wrapper(doc: ParsedArticle) -> _R:
        hit = cache.get(id(doc))
        if hit is not None and hit[0] is doc:
            return hit[1]
        result = func(doc)
        if len(cache) >= PER_DOC_CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[id(doc)] = (doc, result)
        return result

    return wrapper


@functools.cache
def load_yaml(name: str) -> Any:
    """A rules file of ingest/rules/ parsed once (callers must not mutate it)."""
    with (RULES_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.cache
def load_reference_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a seeds/reference CSV file, read once."""
    with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
        return tuple(dict(row) for row in csv.DictReader(fh))


def sentence_at(doc: ParsedArticle, offset: int) -> Sentence | None:
    """The sentence whose span holds `offset` (None between sentences)."""
    for sentence in doc.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence
    return None


@lru_cache(maxsize=256)
def _paragraphs(body: str) -> tuple[tuple[int, int], ...]:
    spans = []
    start = 0
    for match in re.finditer(r"\n[ \t]*\n|\n(?=[ \t]*[-•*–—])", body):
        if body[start: match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if body[start:].strip():
        spans.append((start, len(body)))
    return tuple(spans)


def paragraph_bounds(doc: ParsedArticle) -> tuple[tuple[int, int], ...]:
    """(start, end) of each paragraph of the body: blank-line separated blocks, and list
    items on lines of their own."""
    return _paragraphs(doc.body)


@lru_cache(maxsize=256)
def _paragraph_starts(body: str) -> tuple[int, ...]:
    return tuple(start for start, _end in _paragraphs(body))


def paragraph_index(doc: ParsedArticle, offset: int) -> int:
    """Index of the paragraph holding `offset` (the last one before it between paragraphs)."""
    # the last paragraph starting at or before `offset` (the starts ascend), else the first
    return max(bisect.bisect_right(_paragraph_starts(doc.body), offset) - 1, 0)


# --------------------------------------------------------------------------- loss tallies


@dataclass(frozen=True)
class TallyRow:
    """One row of a running loss tally: 'tanks – 9,419 (+20)'.

    `label` is the item as written ("tanks", "cruise missiles", "operational-tactical level
    UAVs"); `total` the running total and `increment` the "(+N)" figure, each with its
    character span in the body; `qualifier` the hedge of the total ("about 729,720").
    """

    label: str
    total: int
    increment: int | None
    line_start: int
    line_end: int
    label_start: int
    total_start: int
    total_end: int
    increment_start: int | None
    increment_end: int | None
    qualifier: str = "exact"


_NUM = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d{1,7}"
_TALLY_LINE = re.compile(
    rf"^[ \t]*(?:[-•*▪]\s{{0,3}})?(?P<label>[A-Za-z][^\d\n:–—]{{1,80}}?)\s{{0,3}}"
    rf"(?:[–—:]|\s-|\s)\s{{0,3}}(?P<hedge>about|around|approximately|some|over|up\s+to)?\s{{0,3}}"
    rf"(?P<total>{_NUM})(?:\s{{0,3}}(?:persons?|people|units?|pcs\.?))?"
    rf"(?:\s{{0,3}}\(\s{{0,2}}\+\s{{0,2}}(?P<inc>{_NUM})\s{{0,2}}\))?\s{{0,3}}[;,.]?[ \t]*$",
    re.MULTILINE,
)
_HEDGE_QUALIFIER = {"about": "approx", "around": "approx", "approximately": "approx",
                    "some": "approx", "over": "at_least", "up to": "at_most"}
MIN_TALLY_ROWS = 3


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@lru_cache(maxsize=64)
def _tally_rows(body: str) -> tuple[TallyRow, ...]:
    """Rows of tally blocks: runs of consecutive 'label – number' lines (blank lines allowed
    between them) of at least MIN_TALLY_ROWS rows, or any row carrying a '(+N)' increment."""
    blocks: list[list[TallyRow]] = []
    last_end = -10
    for line in _TALLY_LINE.finditer(body):
        label = line.group("label").strip(" -–—:,.")
        if len(label) < 2:
            continue
        hedge = (line.group("hedge") or "").lower()
        inc = line.group("inc")
        row = TallyRow(
            label=label,
            total=_number(line.group("total")),
            increment=_number(inc) if inc else None,
            line_start=line.start(),
            line_end=line.end(),
            label_start=line.start("label"),
            total_start=line.start("total"),
            total_end=line.end("total"),
            increment_start=line.start("inc") if inc else None,
            increment_end=line.end("inc") if inc else None,
            qualifier=_HEDGE_QUALIFIER.get(re.sub(r"\s+", " ", hedge), "exact"),
        )
        gap = body[last_end: line.start()] if last_end >= 0 else "x"
        if blocks and not gap.strip():
            blocks[-1].append(row)
        else:
            blocks.append([row])
        last_end = line.end()
    rows: list[TallyRow] = []
    for block in blocks:
        if len(block) >= MIN_TALLY_ROWS or any(r.increment is not None for r in block):
            rows.extend(block)
    return tuple(rows)


def parse_tally_lines(doc: ParsedArticle) -> tuple[TallyRow, ...]:
    """Rows of a running loss tally in the body, in order.

    A row is a label, a dash or colon, the running total and, in brackets, the day's
    increment: "tanks – 9,419 (+20)", "• UAVs: 20,104 (+58)", "MLRS – 1,254". A lone line
    counts only with a "(+N)" increment; three or more such lines in a row form a tally
    block even without increments, so ordinary sentences are not mistaken for rows.
    """
    return _tally_rows(doc.body)


# --------------------------------------------------------------------------- sides and places

OPPOSITE = {"RU": "UA", "UA": "RU"}

_NATIONALITY_RU = re.compile(
    r"\b(?:russian|russia['’]s|moscow['’]s|kremlin|russian-installed|pro-russian|enemy['’]s|"
    r"wagner|chechen|north\s+korean|invaders?|occupiers?|occupying|orcs?|rashists?)\b",
    re.IGNORECASE)
_NATIONALITY_UA = re.compile(
    r"\b(?:ukrainian|ukraine['’]s|kyiv['’]s|kiev['’]s|azov|zsu|afu|kiev\s+regime['’]s|"
    r"ukrainian\s+armed\s+forces|ukrainian\s+nationalists|neo-nazis?|nationalists?)\b",
    re.IGNORECASE)
_ENEMY = re.compile(r"\b(?:enemy|adversary|opponent|foe)\b", re.IGNORECASE)
_OUR = re.compile(r"\b(?:our|we|(?-i:us))\b", re.IGNORECASE)  # "US" is the country
# Matériel made or supplied by Ukraine's backers is Ukraine's ("US-made M113 carriers").
_BACKER_MADE = re.compile(
    r"\b(?:u\.?s\.?|american|western|nato|german|british|uk|french|polish|swedish|"
    r"norwegian|dutch|danish|czech|italian|canadian|australian|finnish|belgian|"
    r"foreign)-(?:made|supplied|donated|provided|built|produced|manufactured|"
    r"delivered|designed)\b",
    re.IGNORECASE)
# Western models only Ukraine fields in this war ("five M1 Abrams tanks were destroyed").
_BACKER_MODEL = re.compile(
    r"\b(?:abrams|leopards?|bradleys?|challengers?|marders?|strykers?|m113s?|cv90s?|"
    r"himars|m777s?|caesars?|pzh[\s-]?2000s?|krabs?|archers?|paladins?|patriots?|nasams|"
    r"iris-t|f-16s?|mirages?|gripens?)\b",
    re.IGNORECASE)


def nationality_in(text: str) -> str | None:
    """RU or UA when the text names one side's people or forces (and not the other's)."""
    ru = _NATIONALITY_RU.search(text)
    ua = _NATIONALITY_UA.search(text)
    if ru and not ua:
        return "RU"
    if ua and not ru:
        return "UA"
    if ru and ua:  # the nearer to the end (closest to the noun that follows) wins
        return "RU" if ru.start() > ua.start() else "UA"
    return None


def side_from_words(text: str, claimant_side: str | None) -> str | None:
    """A side named in a noun phrase: a nationality, 'the enemy' (the claimant's opponent)
    or 'our' (the claimant's own)."""
    side = nationality_in(text)
    if side:
        return side
    if _BACKER_MADE.search(text) or _BACKER_MODEL.search(text):
        return "UA"
    if _ENEMY.search(text) and claimant_side in OPPOSITE:
        return OPPOSITE[claimant_side]
    if _OUR.search(text) and claimant_side in OPPOSITE:
        return claimant_side
    return None


_ATTACKER = re.compile(
    r"\b(?P<side>russian|russia['’]s|russia|moscow|ukrainian|ukraine['’]s|ukraine|kyiv['’]s|"
    r"kyiv|kiev)\s+(?:\w+\s+){0,2}?(?:missiles?|drones?|strikes?|attacks?|shelling|artillery|"
    r"shells?|bombs?|air\s+strikes?|airstrikes?|rockets?|raids?|"
    r"barrage|bombardment|assault|fire|launched|fired|attacked|shelled|struck|hit|pounded)\b",
    re.IGNORECASE)


_LOSER = re.compile(
    r"\b(?:(?P<side>russian|russia['’]s|russia|moscow['’]s|ukrainian|ukraine['’]s|ukraine|"
    r"kyiv['’]s|kiev['’]s|afu['’]s|zsu['’]s|enemy|enemy['’]s)\s+(?:(?:armed\s+)?(?:troops|forces|army|military|"
    r"units|side)\s+)?(?:also\s+|have\s+|had\s+|has\s+)?(?:lost|losses|casualties|suffered|"
    r"sustained)|(?:cost|inflicted\s+(?:heavy\s+)?losses\s+on)\s+(?:the\s+)?(?P<side2>russian|"
    r"ukrainian|enemy|ukraine['’]s|russia['’]s|kyiv['’]s|kiev['’]s))\b",
    re.IGNORECASE)


@lru_cache(maxsize=4096)
def loser_in(text: str, claimant_side: str | None) -> str | None:
    """The side a sentence says lost people or matériel ("Ukrainian losses", "Kiev's troops
    lost", "cost the Ukrainian forces", "the enemy lost"); None when it names none."""
    match = _LOSER.search(text)
    if not match:
        return None
    word = (match.group("side") or match.group("side2") or "").lower()
    if word.startswith("enemy"):
        return OPPOSITE.get(claimant_side or "")
    return "RU" if word.startswith(("russia", "moscow")) else "UA"


@lru_cache(maxsize=4096)
def attacker_in(text: str) -> str | None:
    """The side that attacks in a sentence ("Russian missiles hit ...", "Ukraine shelled
    ..."), the first one named; None when none is."""
    match = _ATTACKER.search(text)
    if not match:
        return None
    word = match.group("side").lower()
    return "RU" if word.startswith(("russia", "moscow")) else "UA"


@dataclass(frozen=True)
class Where:
    admin1: str | None
    country: str | None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    several: bool = False  # the text names several regions for one total: none applies
    source: str = "text"  # text (named in the sentence) | context (before it) | main (article)


NOWHERE = Where(None, None)
SEVERAL = Where(None, None, several=True)


# "Kiev's troops", "Moscow said": a capital standing for its government is no location.
_METONYMY = re.compile(
    r"^(?:['’]s\s+(?:troops|forces|army|military|regime|government|allies|partners|officials|"
    r"claims?|units|side|losses|war|invasion|attacks?|strikes?|missiles?|drones?|response|"
    r"position)|\s+(?:said|says|claimed|claims|denied|denies|reported|has|have|had|is|was|"
    r"launched|fired|regime|government))\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _regions_in(text: str) -> tuple[tuple[int, int, str, str, bool], ...]:
    from ingest.resolve.regions import find_regions

    return tuple((m.start, m.end, m.region.name, m.region.country, m.explicit)
                 for m in find_regions(text)
                 if not (not m.explicit and _METONYMY.match(text[m.end:])))


@lru_cache(maxsize=4096)
def _places_in(text: str) -> tuple[tuple[int, int, str, str | None, str | None, float | None,
                                         float | None], ...]:
    return tuple((s, e, p.name, p.admin1, p.country, p.latitude, p.longitude)
                 for s, e, p in _found_places(text))


@lru_cache(maxsize=4096)
def _found_places(text: str):  # -> tuple[tuple[int, int, Place], ...]
    from ingest.resolve.places import find_places

    return tuple(find_places(text))


SMALL_PLACE_POPULATION = 1_000  # a village this small (or of unknown size) names no region
# over a bigger town in the same clause


def _is_small(place) -> bool:  # place: Place
    return (place.population or 0) < SMALL_PLACE_POPULATION


def _war_zone_region(region: str | None) -> bool:
    """Whether a region is Ukrainian or a Russian border region (where ground changes hands)."""
    from ingest.resolve.places import WAR_ZONE_RUSSIAN_REGIONS
    from ingest.resolve.regions import region_by_name

    found = region_by_name(region) if region else None
    return found is not None and (found.country == "UA"
                                  or found.name in WAR_ZONE_RUSSIAN_REGIONS)


def _in_war_zone(place, hint: str | None, written: str):  # -> Place | None
    """A place found in text, taken in the war zone: a small or mid-sized namesake deep in
    Russia ("Novotroitskoye" resolved to a Stavropol stanitsa) is re-resolved with the
    article's Ukrainian or border region hint, or, without one, dropped when the name also
    names a place in Ukraine or the border regions. Major cities stay (Rostov, Engels are
    struck)."""
    from ingest.resolve.places import MAJOR_CITY_POPULATION, resolve_place

    if place.country != "RU" or _war_zone_region(place.admin1) or (
            place.population or 0) >= MAJOR_CITY_POPULATION:
        return place
    if hint and _war_zone_region(hint):
        return resolve_place(written, hint)
    near = resolve_place(written, war_zone=True)
    return place if near is None or near.admin1 == place.admin1 else None


_CAPITALS = frozenset({"Kyiv City", "Moscow City"})
_LOCATIVE = re.compile(r"\b(?:in|on|over|near|at|around|across|outside|hit|struck|attacked|"
                       r"targeted|of|from)\s{1,3}$", re.IGNORECASE)


_INCLUDING = re.compile(r"\bincluding\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def where_in(text: str, anchor: int | None = None, hint: str | None = None) -> Where:
    """The region named in a text nearest to `anchor` (explicit region words first, then
    places with a known region); NOWHERE when none is named.

    `hint` is the article's region for the sentence (see `article_region`): a place deep in
    Russia that also names a place in the war zone is re-resolved with it. A small village
    (under SMALL_PLACE_POPULATION, or of unknown size) counts only when the clause names no
    bigger place."""
    anchor = len(text) // 2 if anchor is None else anchor
    candidates: list[tuple[int, Where]] = []
    regions = _regions_in(text)
    distinct = {_region_group(r[2]) for r in regions}
    if len(distinct) >= 2 and all(r[0] > anchor for r in regions) and _INCLUDING.search(
            text[anchor:]):
        return SEVERAL  # a total over several regions listed after it
    clause_start = text.rfind(";", 0, anchor) + 1
    clause_end = text.find(";", anchor)
    clause_end = len(text) if clause_end < 0 else clause_end

    def other_clause(start: int) -> bool:
        return not clause_start <= start < clause_end

    for start, end, name, country, explicit in regions:
        if other_clause(start):
            continue
        if not explicit and name in _CAPITALS and not _LOCATIVE.search(text[max(0, start - 12):
                                                                            start]):
            continue  # "provided to Kiev", "Kyiv has asked": the government, not the place
        distance = abs(start - anchor) if start >= anchor else abs(anchor - end)
        candidates.append((distance + (0 if explicit else 20), Where(name, country)))
    places = []
    for start, end, found in _found_places(text):
        place = _in_war_zone(found, hint, text[start:end])
        if place is None or place.admin1 is None or other_clause(start):
            continue
        if place.admin1 in _CAPITALS and (_METONYMY.match(text[end:]) or not _LOCATIVE.search(
                text[max(0, start - 12): start])):
            continue  # "Kyiv says", "Moscow has": the government, not the place
        places.append((start, end, place))
    if any(not _is_small(p) for _s, _e, p in places):
        places = [(s, e, p) for s, e, p in places if not _is_small(p)]
    for start, end, place in places:
        distance = abs(start - anchor) if start >= anchor else abs(anchor - end)
        candidates.append((distance + 10, Where(place.admin1, place.country, place.name,
                                                place.latitude, place.longitude)))
    if not candidates:
        return NOWHERE
    return min(candidates, key=lambda c: c[0])[1]


def places_named(text: str) -> list[str]:
    """Canonical names of the places a text names as places (a capital standing for its
    government, "Kyiv insisted", is left out)."""
    names = []
    for start, end, name, admin1, _country, _lat, _lon in _places_in(text):
        if admin1 in _CAPITALS and (_METONYMY.match(text[end:]) or not _LOCATIVE.search(
                text[max(0, start - 12): start])):
            continue
        names.append(name)
    return names


class _SentenceRegions:
    """`where_in` of each sentence of an article (with the article's region as the hint),
    worked out when first asked for: a fact looks back a few sentences only."""

    def __init__(self, doc: ParsedArticle) -> None:
        self._doc = doc
        self._found: dict[int, Where] = {}

    def __getitem__(self, index: int) -> Where:
        found = self._found.get(index)
        if found is None:
            sentence = self._doc.sentences[index]
            found = where_in(sentence.text, None, article_region(self._doc, sentence.index).admin1)
            self._found[index] = found
        return found


@per_doc_cache
def _doc_regions(doc: ParsedArticle) -> _SentenceRegions:
    return _SentenceRegions(doc)


@per_doc_cache
def _explicit_regions(doc: ParsedArticle) -> tuple[tuple[Where, ...], ...]:
    """Regions each sentence names explicitly ("the DPR", "Kursk region"), the title's first."""
    texts = [doc.title or ""] + [s.text for s in doc.sentences]
    return tuple(tuple(Where(name, country, source="main")
                       for _s, _e, name, country, explicit in _regions_in(text) if explicit)
                 for text in texts)


def article_region(doc: ParsedArticle, sentence_index: int) -> Where:
    """The region an article names explicitly for a sentence, to choose between namesakes:
    one named in the sentence itself, else the most recent one before it (the title
    included), else the first one after it; NOWHERE when the article names none."""
    here = sentence_index + 1  # text 0 is the title
    if here < 0:
        return _article_region_slow(doc, here)
    return _article_regions(doc)[here]


def _article_region_slow(doc: ParsedArticle, here: int) -> Where:
    """`article_region` by a search from text `here` (kept for negative indexes, which
    count from the end)."""
    named = _explicit_regions(doc)
    if here >= len(named):
        return NOWHERE
    for i in [here, *range(here - 1, -1, -1), *range(here + 1, len(named))]:
        if named[i]:
            return named[i][0] if i == here else named[i][-1] if i < here else named[i][0]
    return NOWHERE


class _ArticleRegions:
    """`article_region` of the title (text 0) and each sentence, worked out when first
    asked for: only the texts from the nearest one naming a region are read, not the
    whole article."""

    def __init__(self, doc: ParsedArticle) -> None:
        self._texts = [doc.title or ""] + [s.text for s in doc.sentences]
        self._named: dict[int, tuple[Where, ...]] = {}
        self._found: dict[int, Where] = {}

    def _named_in(self, i: int) -> tuple[Where, ...]:
        """The regions text `i` names explicitly (as `_explicit_regions`)."""
        named = self._named.get(i)
        if named is None:
            named = tuple(Where(name, country, source="main")
                          for _s, _e, name, country, explicit in _regions_in(self._texts[i])
                          if explicit)
            self._named[i] = named
        return named

    def __getitem__(self, here: int) -> Where:
        if here >= len(self._texts):
            return NOWHERE
        found = self._found.get(here)
        if found is not None:
            return found
        named = self._named_in(here)
        found = named[0] if named else self._before_or_after(here)
        self._found[here] = found
        return found

    def _before_or_after(self, here: int) -> Where:
        """The last region named before text `here`, else the first one after it (text
        `here` names none)."""
        for i in range(here - 1, -1, -1):
            named = self._named_in(i)
            if named:
                return named[-1]
            if i in self._found:
                # text i names none, nor do those up to `here`: the same answer
                return self._found[i]
        for i in range(here + 1, len(self._texts)):
            named = self._named_in(i)
            if named:
                return named[0]
        return NOWHERE


@per_doc_cache
def _article_regions(doc: ParsedArticle) -> _ArticleRegions:
    return _ArticleRegions(doc)


@per_doc_cache
def main_region(doc: ParsedArticle) -> Where:
    """The article's region when its title and lead name one region only."""
    texts = [doc.title or ""] + [s.text for s in doc.sentences[:2]]
    names: dict[str | None, Where] = {}
    for text in texts:
        for _s, _e, name, country, _x in _regions_in(text):
            names.setdefault(name, Where(name, country))
        for _s, _e, _n, admin1, country, _lat, _lon in _places_in(text):
            if admin1:
                names.setdefault(admin1, Where(admin1, country))
    canonical = {_region_group(n) for n in names}
    if len(canonical) == 1:
        return next(iter(names.values()))
    return NOWHERE


def _region_group(name: str | None) -> str | None:
    """Kyiv City and Kyiv, Sevastopol and Crimea count as one region here."""
    if name is None:
        return None
    return {"Kyiv City": "Kyiv", "Sevastopol": "Crimea", "Moscow City": "Moscow"}.get(name, name)


def inherited_time(doc: ParsedArticle, sentence: Sentence):  # -> TimeMention | None
    """The time said in the previous sentence of the same paragraph, for a sentence that
    says none ("In the past week, ... Additionally, the group inflicted ...")."""
    from ingest.extract.timing import find_times

    index = sentence.index
    paragraph = paragraph_index(doc, sentence.start)
    for j in range(index - 1, max(-1, index - 4), -1):
        previous = doc.sentences[j]
        previous_paragraph = paragraph_index(doc, previous.start)
        if previous_paragraph != paragraph and not (
                _is_list_item(doc, paragraph) and _is_list_item(doc, previous_paragraph)):
            return None
        times = find_times(previous.text, doc.published_date)
        if times:
            return times[-1]
    return None


_LIST_ITEM = re.compile(r"\s*(?:[-•*▪–—]|\d{1,2}[.)])\s")


def _is_list_item(doc: ParsedArticle, paragraph: int) -> bool:
    """Whether a paragraph is an item of a bulleted or numbered list."""
    start, end = paragraph_bounds(doc)[paragraph]
    return bool(_LIST_ITEM.match(doc.body, start, end))


# A statement about a whole country ("killed in Ukraine", "across Russia").
_COUNTRY_WIDE = re.compile(
    r"\b(?:in|across|throughout|all\s+over|nationwide\s+in)\s+(?:all\s+of\s+)?"
    r"(?:Ukraine|Russia)\b(?!['’]s|\s+(?:region|oblast))")

CONTEXT_SENTENCES = 3  # sentences back that a fact without a region of its own may take one from


def _context_region(doc: ParsedArticle, sentence_index: int, hops: int) -> Where:
    """A region named in the sentences before, within the paragraph; at the paragraph's
    start, `hops` more steps into the paragraph before."""
    regions = _doc_regions(doc)
    paragraph = paragraph_index(doc, doc.sentences[sentence_index].start)
    for j in range(sentence_index - 1, max(-1, sentence_index - 1 - CONTEXT_SENTENCES), -1):
        if paragraph_index(doc, doc.sentences[j].start) != paragraph:
            if hops <= 0:
                break
            if regions[j].admin1:
                return Where(regions[j].admin1, regions[j].country, source="context")
            return _context_region(doc, j, hops - 1)
        if regions[j].admin1:
            return Where(regions[j].admin1, regions[j].country, source="context")
    return NOWHERE


def region_for(doc: ParsedArticle, sentence_index: int, anchor: int | None = None,
               *, fallback_main: bool = True) -> Where:
    """Where a fact stated in a sentence happened: a region or place named in the sentence
    (nearest the fact), else in the previous sentences of its paragraph, else the article's
    main region (its title and lead name only one)."""
    sentence = doc.sentences[sentence_index]
    here = where_in(sentence.text, None if anchor is None else anchor - sentence.start,
                    article_region(doc, sentence_index).admin1)
    if here.admin1 or here.several:
        return here
    if _COUNTRY_WIDE.search(sentence.text):
        return NOWHERE  # "... had been killed in Ukraine since 2022": no one region
    # an item of a bulleted roundup stands alone: no region from the item before it
    hops = 0 if _is_list_item(doc, paragraph_index(doc, sentence.start)) else 1
    found = _context_region(doc, sentence_index, hops=hops)
    if found.admin1:
        return found
    if not fallback_main:
        return NOWHERE
    main = main_region(doc)
    return Where(main.admin1, main.country, source="main") if main.admin1 else NOWHERE
