"""Territorial facts: a side takes a named settlement, or an area in square kilometres.

Patterns (ingest/rules/territorial.yml):
- active: "<subject> captured/liberated/took control of [the village of] A, B and C";
- passive: "A ... was captured/retaken [by <forces>]", "A fell [to <forces>]";
- nominal: "the capture of / fall of / liberation of A" (background captures);
- withdrawal: "<side> withdrew/announced the withdrawal of its troops from A" (the other side
  gains A, and the loser's own word confirms it);
- area: "<side> pushed back ... from 880 square kilometres", "now held 1,150 square km".
Not claims: hypotheticals and negations before the trigger ("would", "attempt to", "did
not"), encircling / advancing / fighting, whole regions, unnamed gains and distances.
Actor side: a side named in the clause before the trigger (its nearest mention), "by/to
<forces>" after a passive, "our"/"the enemy" relative to the claimant, else the claimant.
Status is settled by status.py over the whole article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ingest.extract.attribution import attribute
from ingest.extract.context import (
    OPPOSITE,
    Where,
    load_yaml,
    per_doc_cache,
    region_for,
    where_in,
)
from ingest.extract.numbers import CaselessPattern, ascii_lowered, find_numbers
from ingest.extract.timing import time_for
from ingest.models import Fact, ParsedArticle, Sentence
from ingest.resolve.places import WAR_ZONE_RUSSIAN_REGIONS

__all__ = ["actor_in", "extract_territorial", "territorial_rules", "resolve_settlement"]

RULES_FILE = "territorial.yml"

_NAME_WORD = r"(?-i:[A-Z][a-z\u00C0-\u024F'’ʼ]+(?:-[A-Za-z\u00C0-\u024F'’ʼ]+)*)"
NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,2}}"
_NAME_RE = re.compile(NAME)
_LIST_GLUE = r"(?:\s{0,2},\s{0,2}(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+&\s+)"

# Capitalised words that are never the settlement taken.
NOT_PLACES = frozenset({
    "the", "a", "an", "russian", "russians", "ukrainian", "ukrainians", "russia", "ukraine",
    "moscow", "kremlin", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "donbas", "donbass", "crimea", "europe",
    "nato", "kyiv", "kiev", "west", "east", "north", "south", "center", "centre", "group",
    "battlegroup", "forces", "army", "ministry", "general", "staff", "president", "our", "their",
    "its", "his", "her", "we", "they", "it", "in", "on", "at", "since", "after", "before",
    "defence", "defense", "armed", "soviet", "western", "eastern", "southern", "northern",
    # titles of speakers ("..., Deputy Defence Minister Hanna Maliar said")
    "deputy", "minister", "governor", "mayor", "commander", "spokesman", "spokeswoman",
    "spokesperson", "head", "chief", "colonel", "lieutenant", "major", "brigadier", "prime",
})

_SIDE_WORDS = re.compile(
    r"\b(?P<ru>russia|russian|russians|russia['’]s|moscow|moscow['’]s|kremlin|battlegroup|"
    r"wagner|chechen|pro-russian|separatists?|(?:center|centre|north|south|east|west|dnepr|"
    r"sever|vostok|zapad|yug|tsentr|southern|northern|eastern|western|central)\s+group(?:\s+of"
    r"\s+forces)?)\b|"
    r"\b(?P<ua>ukraine|ukrainian|ukrainians|ukraine['’]s|kyiv|kyiv['’]s|kiev|kiev['’]s|zsu|"
    r"khortytsia|tavria|azov|defen[cs]e\s+forces)\b|\b(?P<our>our|we)\b|\b(?P<enemy>the\s+enemy|enemy)\b",
    re.IGNORECASE)


def actor_in(text: str, claimant_side: str | None, *, last: bool = True) -> str | None:
    """The side named in `text` as actor: the mention nearest the end (or the start with
    last=False); 'our'/'we' is the claimant's side and 'the enemy' its opponent."""
    matches = list(_SIDE_WORDS.finditer(text))
    if not matches:
        return None
    match = matches[-1] if last else matches[0]
    if match.group("ru"):
        return "RU"
    if match.group("ua"):
        return "UA"
    if match.group("our"):
        return claimant_side if claimant_side in OPPOSITE else None
    return OPPOSITE.get(claimant_side or "")


@dataclass(frozen=True)
class _Trigger:
    rule_id: str
    voice: str
    actor: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _TerritorialRules:
    triggers: tuple[_Trigger, ...]
    places_after: re.Pattern[str]
    not_a_claim: re.Pattern[str]
    not_a_place_after: re.Pattern[str]
    not_after_trigger: re.Pattern[str]
    area_rule_id: str
    area_verb: re.Pattern[str]
    area_units: re.Pattern[str]
    any_trigger: CaselessPattern
    any_area_unit: CaselessPattern


@lru_cache(maxsize=1)
def territorial_rules() -> _TerritorialRules:
    data: dict[str, Any] = load_yaml(RULES_FILE)
    settlement = "|".join(sorted(data["settlement_words"], key=len, reverse=True))
    item_prefix = rf"(?:(?:the|a|an)\s+)?(?:(?:[\w'’-]+\s+){{0,2}}?(?:{settlement})\s+of\s+)?"
    places_after = re.compile(
        rf"^[\"“”'’]?\s{{1,3}}(?:[^.;:]{{0,60}}?\bincluding\s+)?(?:(?:the|a|an)\s+)?"
        rf"(?P<intro>(?:[\w'’-]+\s+){{0,3}}?(?:{settlement})(?:[^.;:]{{0,40}}?:\s{{0,2}}|"
        rf"\s{{0,2}}[,—–-]\s{{0,2}}|\s+of\s+|\s+))?"
        rf"(?P<list>{NAME}(?:(?:{_LIST_GLUE}|\s+in\s+[^,;.]{{1,50}}?{_LIST_GLUE}){item_prefix}"
        rf"{NAME}){{0,8}})",
        re.IGNORECASE)
    triggers = tuple(
        _Trigger(t["id"], t["voice"], t["actor"],
                 re.compile(rf"(?<![\w-])(?:{t['pattern']})(?![\w-])", re.IGNORECASE))
        for t in data["triggers"])
    area = data["area"][0]
    # Gates: a sentence where no trigger matches yields no hit (every hit starts from a
    # trigger match, the ellipsis from a nominal one); one where no unit of area occurs
    # yields no area claim. One search each instead of a pass per trigger / per number.
    any_pattern = "|".join(f"(?:{t['pattern']})" for t in data["triggers"])
    any_trigger = CaselessPattern.compile(rf"(?<![\w-])(?:{any_pattern})(?![\w-])")
    return _TerritorialRules(
        triggers=triggers, places_after=places_after,
        not_a_claim=re.compile(data["not_a_claim"], re.IGNORECASE),
        not_a_place_after=re.compile(data["not_a_place_after"], re.IGNORECASE),
        not_after_trigger=re.compile(data["not_after_trigger"], re.IGNORECASE),
        area_rule_id=area["id"],
        area_verb=re.compile(rf"(?<![\w-])(?:{area['pattern']})(?![\w-])", re.IGNORECASE),
        area_units=re.compile(rf"^\s{{0,3}}(?:{area['units']})", re.IGNORECASE),
        any_trigger=any_trigger,
        any_area_unit=CaselessPattern.compile(rf"(?:{area['units']})"))


# --------------------------------------------------------------------------- places


# Russian regions where ground has changed hands; a namesake elsewhere in Russia is not the
# settlement a capture claim means.
FRONTLINE_RUSSIAN_REGIONS = WAR_ZONE_RUSSIAN_REGIONS


@dataclass(frozen=True)
class Settlement:
    name: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None


@lru_cache(maxsize=4096)
def resolve_settlement(name: str, region_hint: str | None) -> Settlement | None:
    """A settlement for a name found after a capture verb; None when it is a region or no
    place at all. A gazetteer hit in another region than the hint is not trusted: the name
    as written is kept with the hinted region."""
    from ingest.resolve.places import resolve_place
    from ingest.resolve.regions import resolve_region

    if name.lower() in NOT_PLACES or name.split()[0].lower() in NOT_PLACES:
        return None
    place = resolve_place(name, region_hint)
    region = resolve_region(name)
    if place is None:
        if region is not None:
            return None
        return Settlement(name, region_hint, _country_of(region_hint), None, None)
    if place.source == "region":
        return None
    if region_hint and place.admin1 and _group(place.admin1) != _group(region_hint):
        return Settlement(name, region_hint, _country_of(region_hint), None, None)
    if place.country == "RU" and place.admin1 not in FRONTLINE_RUSSIAN_REGIONS and \
            _country_of(region_hint) != "RU":
        # a namesake deep in Russia: ground changes hands in Ukraine or the border regions
        return Settlement(name, region_hint, _country_of(region_hint), None, None)
    admin1 = place.admin1 or region_hint
    return Settlement(place.name, admin1, place.country or _country_of(admin1), place.latitude,
                      place.longitude)


def _place_key(name: str) -> str:
    from ingest.resolve.names import place_key

    return place_key(name)


def _group(name: str) -> str:
    return {"Kyiv City": "Kyiv", "Sevastopol": "Crimea", "Moscow City": "Moscow"}.get(name, name)


def _country_of(region: str | None) -> str | None:
    if region is None:
        return None
    from ingest.resolve.regions import resolve_region

    found = resolve_region(region)
    return found.country if found else None


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Hit:
    start: int  # offsets in the sentence
    end: int
    name: str
    actor: str | None
    rule_id: str
    status: str | None = None
    introduced: bool = False  # the text calls it a settlement ("the village of X")
    needs_gazetteer: bool = False


def _names_in_list(text: str, offset: int) -> list[tuple[int, int, str]]:
    names = []
    for match in _NAME_RE.finditer(text):
        name = match.group(0)
        # "the town of Krasnogorivka and the village of Vodiane": drop settlement words
        names.append((offset + match.start(), offset + match.end(), name))
    return names


def _is_person(name: str) -> bool:
    from ingest.extract.attribution import side_of_name

    return side_of_name(name) is not None or side_of_name(name.split()[-1]) is not None


def _valid_name(sentence: str, start: int, end: int, name: str) -> bool:
    rules = territorial_rules()
    if re.search(r"['’]s(?:$|\s)", name):
        return False  # "Ukraine's": a possessive, not the place taken
    if sentence[end:end + 1].isalpha():
        return False  # part of a longer word ("DeepState")
    if name.lower() in NOT_PLACES or name.split()[0].lower() in NOT_PLACES:
        return False
    return not rules.not_a_place_after.match(sentence[end:])


_CLAUSE_CUT = re.compile(r"[;:()—–]|\b(?:that|which|who|but|whereas|while)\b|,\s(?:and|as)\b",
                         re.IGNORECASE)
# "advanced 1.5 km near Pokrovsk and took control of ...": a second clause told as done
_AND_DONE = re.compile(r"\band\s+(?:then\s+|also\s+|later\s+)?$", re.IGNORECASE)
_DONE_VERB = re.compile(r"(?:took|captured|seized|liberated|occupied|retook|recaptured|cleared)\b",
                        re.IGNORECASE)


def _clause_before(text: str, end: int) -> str:
    """The clause that ends at `end`: back to the last clause break ("that", ";", "(")."""
    head = text[:end]
    cuts = list(_CLAUSE_CUT.finditer(head))
    return head[cuts[-1].end():] if cuts else head


def _hypothetical(text: str, trigger_start: int, trigger_end: int) -> bool:
    rules = territorial_rules()
    window = _clause_before(text, trigger_start)[-70:]
    if _AND_DONE.search(window) and _DONE_VERB.match(text, trigger_start):
        window = ""
    if rules.not_a_claim.search(window):
        return True
    after = text[trigger_end: trigger_end + 60]
    return bool(re.match(r"^[^.;]{0,45}?\b(?:would|could|might|will)\b", after, re.I))


def _is_settlement(name: str, introduced: bool, hint: str | None) -> bool:
    """A name is taken for a settlement when the gazetteer knows it as a place (not a
    region), or when the text calls it one ("the village of X")."""
    from ingest.extract.attribution import side_of_name
    from ingest.resolve.places import resolve_place

    if side_of_name(name) is not None:
        return False
    place = resolve_place(name, hint)
    if place is not None and place.source != "region":
        return True
    return introduced and place is None


_SETTLEMENT_PREFIX = re.compile(r"\b(?:of|villages?|towns?|settlements?|cities|city)\s{1,3}$",
                                re.IGNORECASE)


def _actor_for(trigger: _Trigger, text: str, match: re.Match[str],
               claimant_side: str | None) -> str | None:
    subject = _clause_before(text, match.start())
    if trigger.voice == "active":
        return actor_in(subject, claimant_side) or claimant_side
    if trigger.voice == "withdrawal":
        loser = actor_in(text[: match.start()], claimant_side) or claimant_side
        return OPPOSITE.get(loser or "")
    tail = text[match.end(): match.end() + 120]
    by = re.search(r"\b(?:to|by)\s+(?:the\s+)?(?P<who>[^,.;]{1,60})", tail)
    if by:
        actor = actor_in(by.group("who"), claimant_side, last=False)
        if actor:
            return actor
    return actor_in(subject, claimant_side) or claimant_side


def _sentence_hits(text: str, claimant_side: str | None) -> list[_Hit]:
    return list(_cached_sentence_hits(text, claimant_side))


@lru_cache(maxsize=4096)
def _cached_sentence_hits(text: str, claimant_side: str | None) -> tuple[_Hit, ...]:
    """The hits of a sentence: a pure function of its text and claimant side, asked for
    twice per article (_dominant_actor, extract_territorial)."""
    rules = territorial_rules()
    if not rules.any_trigger.search(text, ascii_lowered(text)):
        return ()
    hits: list[_Hit] = []
    for trigger in rules.triggers:
        if trigger.voice == "ellipsis":
            continue  # taken up by _ellipsis_hits
        for match in trigger.regex.finditer(text):
            if trigger.voice in ("active", "nominal", "withdrawal"):
                if rules.not_after_trigger.match(text[match.end():]):
                    continue
                after = rules.places_after.match(text[match.end():])
                if not after:
                    continue
                list_start = match.end() + after.start("list")
                introduced = bool(after.group("intro"))
                names = []
                for s, e, n in _names_in_list(after.group("list"), list_start):
                    if not _valid_name(text, s, e, n):
                        continue
                    own_intro = bool(_SETTLEMENT_PREFIX.search(text[max(0, s - 12): s]))
                    names.append((s, e, n, introduced or own_intro))
                if not names:
                    continue
                if _hypothetical(text, match.start(), match.end()):
                    continue
                actor = _actor_for(trigger, text, match, claimant_side)
                status = "confirmed" if trigger.voice == "withdrawal" else None
                for s, e, n, intro in names:
                    hits.append(_Hit(s, e, n, actor if actor in OPPOSITE else None,
                                     trigger.rule_id, status, intro))
            else:  # passive: the place comes before the trigger
                if re.search(r"\b(?:not|never|yet\s+to)\b",
                             text[max(0, match.start() - 12): match.end()], re.I):
                    continue
                head = re.split(r"[.;:]\s", text[: match.start()])[-1]
                offset = match.start() - len(head)
                for s, e, n in reversed(_names_in_list(head, offset)):
                    if match.start() - e > 90:
                        break
                    if not _valid_name(text, s, e, n) or _is_person(n):
                        continue
                    if _hypothetical(text, s, match.end()):
                        break
                    actor = _actor_for(trigger, text, match, claimant_side)
                    intro = bool(_SETTLEMENT_PREFIX.search(text[max(0, s - 12): s]))
                    hits.append(_Hit(s, e, n, actor if actor in OPPOSITE else None,
                                     trigger.rule_id, None, intro, needs_gazetteer=True))
                    break
    hits.extend(_ellipsis_hits(text, claimant_side))
    return tuple(hits)


_NAME_AFTER = re.compile(rf"\s{{1,3}}(?P<name>{NAME})")


def _ellipsis_hits(text: str, claimant_side: str | None) -> list[_Hit]:
    """"The fall of the town comes after that of Avdiivka": a nominal capture said once and
    taken up again by "that of"."""
    triggers = territorial_rules().triggers
    nominal = next((t for t in triggers if t.voice == "nominal"), None)
    ellipsis = next((t for t in triggers if t.voice == "ellipsis"), None)
    if nominal is None or ellipsis is None:
        return []
    found = []
    for first in nominal.regex.finditer(text):
        for match in ellipsis.regex.finditer(text, first.end()):
            after = _NAME_AFTER.match(text, match.end())
            if not after:
                continue
            start, end, name = after.start("name"), after.end("name"), after.group("name")
            if not _valid_name(text, start, end, name) or _hypothetical(text, first.start(),
                                                                        first.end()):
                continue
            actor = _actor_for(nominal, text, first, claimant_side)
            found.append(_Hit(start, end, name, actor if actor in OPPOSITE else None,
                              "terr.nominal.ellipsis"))
        break
    return found


# The subject of a passive "pushed back" loses the ground: the other side gains it.
_PUSHED_BACK_PASSIVE = re.compile(
    r"\b(?:were|was|had\s+been|have\s+been|has\s+been|been|being|got)\s+"
    r"(?:\w+ly\s+)?(?:pushed|driven|forced)\s+(?:\w+\s+){0,2}?(?:back|out)\b",
    re.IGNORECASE)


# An area counted over a whole country, not a region.
_COUNTRY_WIDE = re.compile(
    r"\s*(?:square\s+(?:kilomet(?:er|re)s|km|miles)|sq\.?\s*km|km2|km²)\s+of\s+"
    r"(?P<who>Ukrainian|Russian|Ukraine['’]s|Russia['’]s)\s+(?:territory|land|soil)\b",
    re.IGNORECASE)


def _area_hits(text: str, claimant_side: str | None) -> list[tuple[int, int, float, str | None]]:
    rules = territorial_rules()
    found: list[tuple[int, int, float, str | None]] = []
    if not rules.any_area_unit.search(text, ascii_lowered(text)):
        return found  # every area claim is a number followed by a unit of area
    for number in find_numbers(text, measures=True):
        if number.value <= 0 or not rules.area_units.match(text[number.end:]):
            continue
        if re.search(r"\(\s{0,2}(?:about|some|roughly|around)?\s{0,2}$", text[:number.start]):
            continue  # "(19 square miles)": the same area converted
        head = _clause_before(text, number.start)
        if not rules.area_verb.search(head[-160:]):
            continue
        if rules.not_a_claim.search(head[-100:]) and not re.search(
                r"\bpushed\b", head[-100:], re.I):
            continue
        subject = re.split(r"\b(?:said|says|that)\b", text[: number.start])[-1]
        actor = actor_in(subject, claimant_side, last=False) or claimant_side
        if _PUSHED_BACK_PASSIVE.search(subject) and actor in OPPOSITE:
            actor = OPPOSITE[actor]  # "Russian forces had been pushed back from 16 km²"
        found.append((number.start, number.end, float(number.value), actor))
    return found


def _fact(doc: ParsedArticle, sentence: Sentence, start: int, end: int, rule_id: str,
          **fields: Any) -> Fact:
    return Fact(article_id=doc.article_id, fact_type="territorial",
                sentence_index=sentence.index, span_start=sentence.start + start,
                span_end=sentence.start + end, evidence=sentence.text, rule_id=rule_id,
                **fields)


def _dates(text: str, anchor: int, doc: ParsedArticle) -> dict[str, Any]:
    """event_date / period_start / period_end of a claim from the time said in its sentence."""
    when = time_for(text, anchor, doc.published_date)
    if when is None:
        return {}
    return {"event_date": when.event_date, "period_start": when.period_start,
            "period_end": when.period_end}


def _region_after(text: str, end: int) -> Where:
    """The first region named after a place in its sentence ("X in the Donetsk region"),
    else the region nearest to it."""
    from ingest.extract.context import _regions_in

    for start, _e, name, country, explicit in _regions_in(text[end: end + 150]):
        between = text[end: end + start]
        if explicit and not re.search(r"[.;()]|\band\s+that\b|(?-i:\b[A-Z][a-z]{2,}\b.*\b(?:of|control\s+of)\b)", between):
            return Where(name, country)
    return where_in(text, end)


@per_doc_cache
def _dominant_actor(doc: ParsedArticle) -> str | None:
    """The side that takes ground in most of the article's claims (for a background capture
    whose taker the sentence does not name)."""
    counts: dict[str, int] = {}
    for sentence in doc.sentences:
        if not _may_claim(sentence.text):
            continue  # no hit
        side = attribute(doc, sentence.index).side
        for hit in _sentence_hits(sentence.text, side):
            if hit.actor:
                counts[hit.actor] = counts.get(hit.actor, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


@lru_cache(maxsize=4096)
def _may_claim(text: str) -> bool:
    """Whether a sentence can yield a hit or an area claim: the gates of
    _cached_sentence_hits and _area_hits, which neither depend on the claimant's side."""
    rules = territorial_rules()
    lowered = ascii_lowered(text)
    return bool(rules.any_trigger.search(text, lowered)
                or rules.any_area_unit.search(text, lowered))


def extract_territorial(doc: ParsedArticle) -> list[Fact]:
    """Territorial facts of an article, one per side and place (status 'claimed' or as the
    wording says; status.py then reads the rest of the article)."""
    facts: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for sentence in doc.sentences:
        text = sentence.text
        if not _may_claim(text):
            continue  # no hit, no area claim: nothing to attribute
        attribution = attribute(doc, sentence.index)
        side = attribution.side
        hits = _sentence_hits(text, side)
        for hit in hits:
            actor = hit.actor or _dominant_actor(doc)
            if actor is None:
                continue
            hint: Where = _region_after(text, hit.end)
            if not hint.admin1:
                hint = region_for(doc, sentence.index, sentence.start + hit.start)
            if not _is_settlement(hit.name, hit.introduced and not hit.needs_gazetteer,
                                  hint.admin1):
                continue
            settlement = resolve_settlement(hit.name, hint.admin1)
            if settlement is None:
                continue
            key = (actor, _place_key(settlement.name))
            if key in seen:
                if hit.status == "confirmed":  # the loser's own withdrawal confirms it
                    facts = [replace(f, status="confirmed") if f.fact_type == "territorial"
                             and (f.actor_side, _place_key(f.place_name or "")) == key else f
                             for f in facts]
                continue
            seen.add(key)
            facts.append(_fact(
                doc, sentence, hit.start, hit.end, hit.rule_id,
                claimant=attribution.claimant, claimant_side=side, actor_side=actor,
                place_name=settlement.name, status=hit.status or "claimed",
                admin1=settlement.admin1, country=settlement.country,
                latitude=settlement.latitude, longitude=settlement.longitude,
                **_dates(text, hit.start, doc)))
        for start, end, area, actor in _area_hits(text, side):
            if actor not in OPPOSITE:
                continue
            where = region_for(doc, sentence.index, sentence.start + start, fallback_main=True)
            country = _COUNTRY_WIDE.match(text, end)
            admin1 = None if country else where.admin1  # "2,356 km² of Ukrainian territory"
            facts.append(_fact(
                doc, sentence, start, end, territorial_rules().area_rule_id,
                claimant=attribution.claimant, claimant_side=side, actor_side=actor,
                area_km2=area, status="claimed", admin1=admin1,
                # ground changes hands in Ukraine unless a Russian region is named
                country=(("RU" if country.group("who").lower().startswith("russia") else "UA")
                         if country else where.country or "UA")))
    return facts
