"""Casualty facts: people killed, wounded, captured or missing (ANNOTATION.md).

For every count in a sentence (`find_numbers`), the extractor looks for
1. the people it counts: a victim noun after it, across a few modifiers ("34 more Ukrainian
   servicemen"), or "N of them <noun>";
2. the category: a category word right after the number or its noun ("51 dead", "people
   were killed", "were among those killed"), else a verb governing it ("killing at least 34
   people", "lost up to 420 servicemen", "the death toll rose to 35");
3. victim kind from the noun (else the sentence's words), victim side from a nationality,
   "the enemy" / "our" (relative to the claimant), the country where civilians were hit,
   the attacker named in the sentence, else the claimant's opponent;
4. claimant (attribution.py), scope and dates (timing.py), region (context.region_for).
The personnel row of a loss tally ("personnel – about 729,720 (+1,420)") gives a
cumulative and an event fact. Words live in ingest/rules/casualties.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.extract.attribution import attribute
from ingest.extract.context import (
    NOWHERE,
    OPPOSITE,
    attacker_in,
    inherited_time,
    load_yaml,
    loser_in,
    parse_tally_lines,
    region_for,
    sentence_at,
    side_from_words,
)
from ingest.extract.numbers import NumberMention, find_numbers
from ingest.extract.timing import time_for
from ingest.models import Fact, ParsedArticle, Sentence

__all__ = ["extract_casualties", "casualty_rules"]

RULES_FILE = "casualties.yml"
# Characters around a count that its words are looked for in (keeps long inputs linear).
BEFORE_WINDOW = 160
AFTER_WINDOW = 300
PERSONNEL_LABEL = re.compile(r"\b(?:personnel|troops|servicemen|manpower|soldiers)\b", re.I)


@dataclass(frozen=True)
class _Category:
    rule_id: str
    category: str
    direct: re.Pattern[str]
    before: re.Pattern[str] | None


@dataclass(frozen=True)
class _CasualtyRules:
    categories: tuple[_Category, ...]
    noun_after: re.Pattern[str]
    noun_kinds: tuple[tuple[re.Pattern[str], str, str], ...]  # regex, kind, rule id
    of_them: re.Pattern[str]
    bare_after: re.Pattern[str]
    military_context: re.Pattern[str]
    civilian_context: re.Pattern[str]
    not_captured: re.Pattern[str]
    rate_after: re.Pattern[str]
    # every category's `before` pattern as one: it matches <=> one of them does (a count
    # that no verb governs, the common case, costs one search instead of one per category)
    any_before: re.Pattern[str]


def _alt(items: list[str]) -> str:
    return "|".join(sorted((i.replace(" ", r"\s+") for i in items), key=len, reverse=True))


_AUX = (r"(?:(?:were|was|have|has|had|are|is|been|being|got|get|reportedly|also|later|all|now|"
        r"since|confirmed|officially|each|both|subsequently|initially|seriously|severely|"
        r"critically|slightly|lightly|fatally|mortally|believed|feared|presumed|thought|said|"
        r"to|be|left|who|that|which|in\s+total|in\s+all|as\s+a\s+result|still|more|other|"
        r"further|additional|people|persons)\s{1,3}){0,4}")
_ASIDE = (r"(?:\s{0,3}[–—-]\s[^–—\n]{1,60}?\s[–—-]|\s{0,3}\([^()\n]{1,60}\)|\s{0,3},\s[^,\n]{1,50}?,|"
          r"\s{1,3}(?:of|in|from|at)\s{1,3}(?:the\s+)?(?-i:[A-Z][\w'’-]+)(?:\s(?-i:[A-Z][\w'’-]+))?)?")


def _before_pattern(verbs: str) -> str:
    """A verb governing the count after it: `verbs` (an alternation) at the end of the text
    before the count, but for quotes and a few words ("killing at least", "took some")."""
    return (rf"(?<![\w-])(?P<cat>{verbs})[\s\"“”’']{{1,4}}(?:(?:another|a\s+further|a\s+total"
            rf"\s+of|an\s+additional|a\s+further|the\s+lives\s+of|some|nearly|almost|over|about|"
            rf"around)\s{{1,3}})?$")


@lru_cache(maxsize=1)
def casualty_rules() -> _CasualtyRules:
    data: dict[str, Any] = load_yaml(RULES_FILE)
    categories = []
    for cat in data["categories"]:
        direct = re.compile(
            rf"^{_ASIDE}\s{{0,3}}(?:[,–—)]\s{{0,3}})?{_AUX}(?P<cat>{_alt(cat['direct'])})(?![\w-])",
            re.I)
        before = (re.compile(_before_pattern(_alt(cat["before"])), re.I)
                  if cat.get("before") else None)
        categories.append(_Category(cat["id"], cat["category"], direct, before))
    any_before = re.compile(_before_pattern("|".join(
        f"(?:{_alt(cat['before'])})" for cat in data["categories"] if cat.get("before"))), re.I)
    modifiers = _alt(data["modifiers"])
    all_nouns = [n for group in data["victims"] for n in group["nouns"]]
    noun_after = re.compile(
        rf"^\s{{1,3}}(?:(?:{modifiers})\s{{1,3}}){{0,3}}(?P<noun>{_alt(all_nouns)})(?![\w-])", re.I)
    noun_kinds = tuple((re.compile(rf"^(?:{_alt(group['nouns'])})$", re.I), group["kind"],
                        group["id"]) for group in data["victims"])
    of_them = re.compile(
        rf"^\s{{1,3}}of\s{{1,3}}(?:them|those|whom)\s{{1,3}}(?:(?:{modifiers})\s{{1,3}}){{0,2}}"
        rf"(?P<noun>{_alt(all_nouns)})?", re.I)
    direct_all = _alt([d for cat in data["categories"] for d in cat["direct"]])
    bare_after = re.compile(
        rf"^(?:\s{{0,3}}(?:[,.;:)–—-]|\band\b|\bor\b|\bin\b|\bon\b|\bat\b|\bafter\b|\bas\b|"
        rf"\bwhen\b|\bduring\b|\bover\b|\bacross\b|\bwhile\b|\bfrom\b|\bwith\b|$)|"
        rf"\s{{1,3}}(?:(?:{modifiers})\s{{1,3}}){{0,2}}{_AUX}(?:{direct_all})\b)",
        re.I)
    return _CasualtyRules(
        categories=tuple(categories), noun_after=noun_after, noun_kinds=noun_kinds,
        of_them=of_them, bare_after=bare_after,
        military_context=re.compile(data["military_context"], re.I),
        civilian_context=re.compile(data["civilian_context"], re.I),
        not_captured=re.compile(data["not_captured"], re.I),
        rate_after=re.compile(data["rate_after"], re.I),
        any_before=any_before)


def _noun_kind(noun: str) -> tuple[str, str] | None:
    for regex, kind, rule_id in casualty_rules().noun_kinds:
        if regex.match(re.sub(r"\s+", " ", noun.strip())):
            return kind, rule_id
    return None


@dataclass(frozen=True)
class _Reading:
    number: NumberMention
    category: str
    kind: str | None
    rule_id: str
    noun_start: int
    noun_end: int
    part_of_previous: bool = False


# The rest of a list after an item, up to the verb that closes it: ", two armored vehicles
# and a howitzer were destroyed".
_LIST_TAIL = re.compile(
    r"^\s{0,2}(?:,|\band\b)[^.;:]{0,200}?\s(?P<aux>were|was|have\s+been|has\s+been|"
    r"had\s+been)\s", re.I)


def _read_number(text: str, number: NumberMention, previous: _Reading | None) -> _Reading | None:
    """Category and victim of one count in a sentence, or None when it counts no people."""
    rules = casualty_rules()
    after = text[number.end: number.end + AFTER_WINDOW]
    before = text[max(0, number.start - BEFORE_WINDOW): number.start]
    noun_match = rules.noun_after.match(after)
    of_them = rules.of_them.match(after) if noun_match is None else None
    kind: str | None = None
    noun_end = number.end
    noun_start = number.end
    noun_rule = "cas.noun.none"
    if noun_match:
        found = _noun_kind(noun_match.group("noun"))
        if found:
            kind, noun_rule = found
        noun_start, noun_end = number.end + noun_match.start("noun"), number.end + noun_match.end()
    elif of_them:
        noun_end = number.end + of_them.end()
        if of_them.group("noun"):
            found = _noun_kind(of_them.group("noun"))
            if found:
                kind, noun_rule = found
        if previous is not None:
            return _Reading(number, previous.category, kind or previous.kind,
                            f"{noun_rule}+cas.part.of_them", number.end, noun_end, True)
    bare = rules.bare_after.match(after) if noun_match is None and not of_them else None
    if bare is not None and re.search(r"[A-Za-z]", bare.group(0)):
        # "2,600 Ukrainian casualties": the category word itself; keep its modifiers
        mod_end = re.search(r"\S+$", bare.group(0))
        noun_end = number.end + (mod_end.start() if mod_end else 0)
        noun_start = number.end
    rest = text[noun_end: noun_end + AFTER_WINDOW]
    if noun_match is None and not of_them and bare is None:
        return None  # "188 drones", "two tanks": the count is of something else
    # 1. a category word right after the number or its noun
    for cat in rules.categories:
        direct = cat.direct.match(rest)
        if direct and noun_match is None and re.fullmatch(
                r"destroyed|liquidated", direct.group("cat"), re.I):
            continue  # "Seven were destroyed": missiles, not people
        if direct:
            return _Reading(number, cat.category, kind, f"{cat.rule_id}.direct", noun_start,
                            noun_end)
    # 1b. a passive verb closing the list the count is in ("N servicemen, two vehicles
    #     and a howitzer were destroyed")
    if noun_match:
        tail = _LIST_TAIL.match(rest)
        if tail and not re.search(r"\b(?:said|says|which|that|who|while|but)\b",
                                  rest[: tail.start("aux")], re.I):
            for cat in rules.categories:
                if cat.direct.match(rest[tail.start("aux"):]):
                    return _Reading(number, cat.category, kind, f"{cat.rule_id}.list",
                                    noun_start, noun_end)
    # 2. a verb governing the count (no category's verb when their union finds none)
    governed = rules.any_before.search(before) is not None
    for cat in rules.categories:
        if governed and cat.before is not None and cat.before.search(before):
            if cat.category == "captured" and kind != "military":
                continue
            return _Reading(number, cat.category, kind, f"{cat.rule_id}.before", noun_start,
                            noun_end)
    # 3. "including N children" / a list continuing the previous count's category
    if previous is not None and re.search(
            r"(?:\bincluding|\bamong\s+them|\bamong\s+whom|,\s{0,3}(?:and\s+)?|\band)\s{0,3}$",
            before, re.I) and (noun_match or of_them or re.match(
                r"^\s{1,3}(?:in|on|near|at|from|during|over)\b", after, re.I)):
        return _Reading(number, previous.category, kind or previous.kind,
                        f"{noun_rule}+cas.part.including", noun_start, noun_end, True)
    return None


# Words that make a count a revision of a toll given before in the article.
_REVISION = re.compile(
    r"\b(?:toll|number\s+of\s+(?:dead|deaths|killed|injured|wounded|victims|casualties))\b"
    r"[^.;]{0,60}\b(?:rose|risen|rises|climbed|increased|reached|stood|stands|now|updated)\b|"
    r"\b(?:bringing|raising|pushing|taking|lifting|brought|raised|pushed)\s+the\s+"
    r"(?:overall\s+|total\s+)?(?:death\s+)?toll\b|"
    r"\b(?:initially|earlier|first)\s+(?:put|said|reported|gave)\b", re.I)


# Counts caused by several attacks ("these strikes had killed", "Russian attacks have
# killed") cover a period even when no window is named.
_SEVERAL_ATTACKS = re.compile(
    r"\b(?:these|the|such|russian|ukrainian|repeated|daily|nightly|regular|recent)\s+"
    r"(?:\w+\s+)?(?:strikes|attacks|bombardments|raids|shellings|barrages)\s+"
    r"(?:have|has|had)\b", re.I)
_MORE_OF_THEM = re.compile(r"^\s{1,3}(?:more|others?|further|additional)\b", re.I)


@lru_cache(maxsize=4096)
def _military_context(text: str) -> bool:
    return bool(casualty_rules().military_context.search(text))


@lru_cache(maxsize=4096)
def _civilian_word(text: str) -> bool:
    return bool(re.search(r"\bcivilians?\b", text, re.I))


def _victim_kind(reading: _Reading, text: str, previous: _Reading | None) -> str:
    if reading.kind:
        return reading.kind
    if previous is not None and previous.kind:
        return previous.kind
    if _military_context(text):
        return "military"
    if reading.category == "killed_or_wounded" and not _civilian_word(text):
        return "military"  # "losses", "casualties" without a noun are troops
    return "civilian"


def _victim_side(doc: ParsedArticle, sentence: Sentence, reading: _Reading, kind: str,
                 claimant_side: str | None, region_country: str | None) -> str | None:
    text = sentence.text
    number = reading.number
    if kind == "civilian":
        if region_country in ("UA", "RU"):
            return region_country
        attacker = attacker_in(text)
        return OPPOSITE.get(attacker or "", "UA")
    phrase = text[number.start: reading.noun_end]
    side = side_from_words(phrase, claimant_side)
    if side:
        return side
    tail = text[reading.noun_end: reading.noun_end + 45]
    side = side_from_words(tail, claimant_side) if re.match(r"^\s{0,3}(?:of|from)\b", tail) else None
    if side:
        return side
    side = loser_in(text, claimant_side)
    if side:
        return side
    attacker = attacker_in(text)
    if attacker:
        return OPPOSITE[attacker]
    if region_country == "RU":
        return "RU"  # soldiers hurt inside Russia, no side named: Russia's own
    if claimant_side in OPPOSITE:
        return OPPOSITE[claimant_side]
    return None


def _fact(doc: ParsedArticle, sentence: Sentence, start: int, end: int, rule_id: str,
          **fields: Any) -> Fact:
    return Fact(article_id=doc.article_id, fact_type="casualties",
                sentence_index=sentence.index, span_start=start, span_end=end,
                evidence=sentence.text, rule_id=rule_id, **fields)


def _sentence_facts(doc: ParsedArticle, sentence: Sentence,
                    skip: list[tuple[int, int]]) -> list[Fact]:
    rules = casualty_rules()
    text = sentence.text
    facts: list[Fact] = []
    previous: _Reading | None = None
    previous_side: str | None = None
    for number in find_numbers(text):
        absolute = sentence.start + number.start
        if number.value <= 0 or any(s <= absolute < e for s, e in skip):
            continue  # "zero killed" is no casualty
        reading = _read_number(text, number, previous)
        if reading is None:
            continue
        if reading.category == "captured" and rules.not_captured.search(
                text[max(0, number.start - 50): reading.noun_end + 30]):
            continue
        if rules.rate_after.match(text[max(reading.noun_end, number.end):]):
            continue  # "losing 1,200 soldiers a day" is a rate, no count of people
        kind = _victim_kind(reading, text, previous)
        attribution = attribute(doc, sentence.index, absolute)
        # a civilian toll belongs to the article's place; a military loss count to the front
        where = region_for(doc, sentence.index, absolute, fallback_main=kind == "civilian")
        side = _victim_side(doc, sentence, reading, kind, attribution.side, where.country)
        if previous is not None and reading.kind is None and (
                _MORE_OF_THEM.match(text[number.end:]) or reading.noun_start == number.end):
            # "and nine more were wounded", "46,000 Ukrainian soldiers killed and about
            # 380,000 wounded": the count without a noun counts the previous one's people
            kind, side = previous.kind or kind, previous_side
        when = time_for(text, number.start, doc.published_date) or inherited_time(doc, sentence)
        scope = when.scope if when else (
            "period" if _SEVERAL_ATTACKS.search(text[max(0, number.start - BEFORE_WINDOW):
                                                     number.start]) else "event")
        if scope == "cumulative" and where.source != "text":
            where = NOWHERE  # a war-long total is no region's unless the sentence names one
        clause = text[max(0, number.start - 90): number.start]
        extra = {"region_from": where.source, "scope_from": "text" if when else "guess"}
        if _REVISION.search(clause):
            extra["revision"] = "1"
        facts.append(_fact(
            doc, sentence, absolute, sentence.start + max(reading.noun_end, number.end),
            reading.rule_id, claimant=attribution.claimant, claimant_side=attribution.side,
            victim_side=side, victim_kind=kind, category=reading.category,
            quantity=number.value, qualifier=number.qualifier,
            scope=scope, admin1=where.admin1, country=where.country,
            latitude=where.latitude if where.source == "text" else None,
            longitude=where.longitude if where.source == "text" else None,
            event_date=when.event_date if when else None,
            period_start=when.period_start if when else None,
            period_end=when.period_end if when else None, extra=extra))
        previous = reading
        previous_side = side
    return facts


def _tally_facts(doc: ParsedArticle) -> list[Fact]:
    facts: list[Fact] = []
    for row in parse_tally_lines(doc):
        if not PERSONNEL_LABEL.search(row.label):
            continue
        sentence = sentence_at(doc, row.total_start)
        if sentence is None or row.total <= 0:
            continue
        attribution = attribute(doc, sentence.index, row.total_start)
        victim = OPPOSITE.get(attribution.side or "", None)
        common = dict(claimant=attribution.claimant, claimant_side=attribution.side,
                      victim_side=victim, victim_kind="military", category="killed_or_wounded")
        facts.append(_fact(doc, sentence, row.total_start, row.total_end,
                           "cas.tally.cumulative", quantity=row.total,
                           qualifier=row.qualifier, scope="cumulative", **common))
        inc_sentence = sentence_at(doc, row.increment_start or 0)
        if row.increment and row.increment_start is not None and inc_sentence is not None:
            facts.append(_fact(doc, inc_sentence, row.increment_start, row.increment_end or 0,
                               "cas.tally.increment", quantity=row.increment,
                               qualifier="exact", scope="event", **common))
    return facts


def extract_casualties(doc: ParsedArticle) -> list[Fact]:
    """Casualty facts of an article, in reading order (not yet de-duplicated)."""
    skip = [(row.line_start, row.line_end) for row in parse_tally_lines(doc)]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        facts.extend(_sentence_facts(doc, sentence, skip))
    facts.extend(_tally_facts(doc))
    return facts
