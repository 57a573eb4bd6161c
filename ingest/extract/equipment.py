"""Equipment facts: matériel claimed destroyed or captured (ANNOTATION.md).

For every count in a sentence, an equipment noun after it (aliases from
seeds/reference/equipment_classes.csv, longest first: "motor vehicles and fuel tanks" is
`vehicle`, "armoured fighting vehicles" `armored_vehicle`) and a loss verb governing it
("destroyed", "lost", "hit", "sank", "captured" before it, or "were destroyed" after it)
make a fact. "a"/"an"/"the" + a singular noun after a loss verb counts one ("an armoured
combat vehicle", "a docked Ukrainian warship"). Drones and UAVs are equipment only in
running totals (in flight they are strike interceptions, strikes.py). Loss-tally rows give a
cumulative fact and a "(+N)" event fact; missile rows are left to strikes.py.
Victim side: a nationality or "the enemy" / "our" in the noun phrase, the attacker named
in the sentence, else the claimant's opponent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.extract.attribution import attribute
from ingest.extract.context import (
    OPPOSITE,
    attacker_in,
    inherited_time,
    load_reference_csv,
    load_yaml,
    loser_in,
    parse_tally_lines,
    region_for,
    sentence_at,
    side_from_words,
)
from ingest.extract.numbers import CaselessPattern, NumberMention, ascii_lowered, find_numbers
from ingest.extract.timing import time_for
from ingest.models import EQUIPMENT_CLASSES, Fact, ParsedArticle, Sentence

__all__ = ["classify_equipment", "equipment_rules", "extract_equipment"]

RULES_FILE = "equipment.yml"
# Characters around an item that its verbs are looked for in (keeps long inputs linear).
BEFORE_WINDOW = 250
AFTER_WINDOW = 450
CLASSES_FILE = "equipment_classes.csv"
NOT_EQUIPMENT_LABEL = re.compile(r"\b(?:missiles?|personnel|troops|servicemen)\b", re.I)


@dataclass(frozen=True)
class _EquipmentRules:
    alias_class: dict[str, str]
    noun_after: re.Pattern[str]
    article_noun: re.Pattern[str]
    loss_before: re.Pattern[str]
    passive_after: re.Pattern[str]
    alias_anywhere: re.Pattern[str]
    cumulative_only: frozenset[str]
    any_alias: CaselessPattern  # an alias starting a word (no end boundary), for the gate


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _alt(items: list[str], escape: bool) -> str:
    parts = sorted(items, key=len, reverse=True)
    return "|".join((re.escape(p).replace(r"\ ", r"\s{1,3}") if escape else p) for p in parts)


def _alias_alt(aliases: list[str]) -> str:
    """Alternation of literal aliases, longest first, grouped by first letter: the regex
    engine then tries one group's aliases where a word starts instead of all ~300 (the
    same matches, since aliases of different first letters never match at one place)."""
    groups: dict[str, list[str]] = {}
    for alias in sorted(aliases, key=len, reverse=True):
        groups.setdefault(alias[0].lower(), []).append(alias)
    return "|".join(f"(?:{_alt(group, True)})" for group in groups.values())


@lru_cache(maxsize=1)
def equipment_rules() -> _EquipmentRules:
    data: dict[str, Any] = load_yaml(RULES_FILE)
    alias_class: dict[str, str] = {}
    for row in load_reference_csv(CLASSES_FILE):
        cls = row["equipment_class"]
        if cls not in EQUIPMENT_CLASSES:
            raise ValueError(f"{CLASSES_FILE}: unknown equipment class {cls!r}")
        for alias in row["aliases"].split(";"):
            if alias.strip():
                alias_class.setdefault(_fold(alias), cls)
    aliases = _alias_alt(list(alias_class))
    modifiers = _alt(data["modifiers"], False)
    loss = "|".join(v["pattern"] for v in data["loss_verbs"])
    passive = "|".join(v["pattern"] for v in data["passive_verbs"])
    return _EquipmentRules(
        alias_class=alias_class,
        noun_after=re.compile(
            rf"^\s{{1,3}}(?:(?:{modifiers})\s{{1,3}}){{0,4}}(?P<eq>{aliases})(?![\w-])", re.I),
        article_noun=re.compile(
            rf"(?<![\w-])(?P<art>an?|the|one)\s{{1,3}}(?:(?:{modifiers}|(?-i:[A-Z][\w.-]{{1,20}}))\s{{1,3}}){{0,4}}"
            rf"(?P<eq>{aliases})(?![\w-])", re.I),
        loss_before=re.compile(rf"(?<![\w-])(?:{loss})(?![\w-])", re.I),
        passive_after=re.compile(rf"^\s{{0,3}}(?:{passive})(?![\w-])", re.I),
        alias_anywhere=re.compile(rf"(?<![\w-])(?=[A-Za-z0-9])(?:{aliases})(?![\w-])", re.I),
        cumulative_only=frozenset(data.get("cumulative_only") or ()),
        any_alias=CaselessPattern.compile(rf"(?<![\w-])(?:{aliases})"),
    )


def classify_equipment(label: str) -> str | None:
    """The equipment class of a noun or tally label ("armored fighting vehicles" ->
    armored_vehicle), by its longest alias; None when no alias occurs in it."""
    rules = equipment_rules()
    matches = list(rules.alias_anywhere.finditer(label))
    if not matches:
        return None
    best = max(matches, key=lambda m: len(m.group(0)))
    return rules.alias_class.get(_fold(best.group(0)))


_MUNITION_AFTER = re.compile(
    r"^\s{0,3}(?:rockets?|missiles?|shells?|munitions?|projectiles?|ammunition|strikes?|"
    r"attacks?|fire|operators?|crews?|units?|teams?|positions?|launch(?:es)?|engines?|plants?|"
    r"factory|factories|manufactur\w*|repair|parts|building|production|industry|maker|"
    r"carrier)\b", re.I)
_PLURAL_SINGULAR = re.compile(r"s$", re.I)
# Clause breaks that end the reach of a loss verb.
_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:said|says|while|but|whereas|although|after|before|"
                           r"when|which|who|(?<!well\s)as(?!\s+well\s+as\b)|by|from|with|using|launched|fired|damag\w*|"
                           r"hitting\s+(?:a|an|the)\s+\w+\s+(?:near|in))\b", re.I)
# After a singular noun: it is the subject of an active verb ("a patrol ship destroyed all
# three boats"), not the thing lost.
_ACTIVE_AFTER = re.compile(r"^\s{1,3}(?:(?-i:[A-Z][\w-]+)\s+){0,3}(?:destroyed|downed|shot|hit|"
                           r"struck|sank|intercepted|fired|launched|attacked|repelled|"
                           r"engaged)\b", re.I)
# The rest of a list after an item: ", two armored vehicles and a howitzer" (no verb).
_LIST_TAIL = re.compile(
    r"^(?:\s{0,2}(?:,\s{0,2}(?:and\s+)?|\s+and\s+)(?:an?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d[\d,]*)\s+(?:[\w-]+\s+){0,4}?[\w-]+?(?=[\s,])){1,8}", re.I)
# A passive verb closing a long list: "... 3,401 UAVs of the Ukrainian armed forces have been
# destroyed".
_FAR_PASSIVE = re.compile(
    r"^[^.;:]{0,400}?\s(?P<aux>were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:destroyed|eliminated|wiped\s+out|knocked\s+out|disabled|sunk|shot\s+down|downed|"
    r"lost|captured|seized|hit)\b", re.I)
# A named vessel or system after its noun: "the missile boat Ivanovets".
_PROPER_NAME = re.compile(r"^\s{1,3}(?-i:[A-Z][\w-]+)(?:\s(?-i:[A-Z][\w-]+)){0,2}")


def _governed(before: str) -> re.Match[str] | None:
    """The last loss verb in `before` that still governs what follows it."""
    rules = equipment_rules()
    last = None
    for match in rules.loss_before.finditer(before):
        last = match
    if last is None:
        return None
    between = before[last.end():]
    if _CLAUSE_BREAK.search(between) or len(between) > 220:
        return None
    return last


def _fact(doc: ParsedArticle, sentence: Sentence, start: int, end: int, rule_id: str,
          **fields: Any) -> Fact:
    return Fact(article_id=doc.article_id, fact_type="equipment",
                sentence_index=sentence.index, span_start=start, span_end=end,
                evidence=sentence.text, rule_id=rule_id, **fields)


def _passive_follows(text: str, end: int) -> bool:
    """A passive loss verb right after the item, after the rest of its list, or after the
    item's proper name ("... and a howitzer were destroyed", "Ivanovets was destroyed")."""
    rules = equipment_rules()
    rest = text[end: end + AFTER_WINDOW]
    if rules.passive_after.match(rest):
        return True
    for pattern in (_LIST_TAIL, _PROPER_NAME):
        tail = pattern.match(rest)
        if tail and rules.passive_after.match(rest[tail.end():]):
            return True
    far = _FAR_PASSIVE.match(rest)
    return bool(far and not re.search(r"\b(?:said|says|which|that|who|while|but)\b",
                                       rest[: far.start("aux")], re.I))


# "... of the Ukrainian armed forces" closing a list of items.
_OWNER_AFTER = re.compile(r"^[^.;:]{0,200}?\bof\s+(?P<owner>(?:the\s+)?(?:ukrainian|russian|ukraine['’]s|"
                          r"russia['’]s|enemy|kyiv['’]s|kiev['’]s)\b)", re.I)


# The item before this one in a list of matériel ("four Russian tanks and 11 ...").
LIST_WINDOW = 60
_LIST_BEFORE = re.compile(
    r"(?P<item>\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"
    r"\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s*(?:,\s*and|,|and)\s+$",
    re.IGNORECASE)


def _victim_side(text: str, start: int, end: int, claimant_side: str | None) -> str | None:
    side = side_from_words(text[start:end], claimant_side)
    if side:
        return side
    tail = text[end: end + 45]
    if re.match(r"^\s{0,3}(?:of|from|belonging\s+to)\b", tail):
        side = side_from_words(tail, claimant_side)
        if side:
            return side
    listed = _LIST_BEFORE.search(text[max(0, start - LIST_WINDOW): start])
    if listed:
        side = side_from_words(listed.group("item"), claimant_side)
        if side:
            return side  # "four Russian tanks and 11 armoured vehicles": one owner
    owner = _OWNER_AFTER.match(text[end: end + AFTER_WINDOW])
    if owner:
        side = side_from_words(owner.group("owner"), claimant_side)
        if side:
            return side
    side = loser_in(text, claimant_side)
    if side:
        return side
    attacker = attacker_in(text)
    if attacker:
        return OPPOSITE[attacker]
    return OPPOSITE.get(claimant_side or "")


# "31 M1 Abrams tanks, at least five of which have been destroyed": a part of the items
# just named, lost.
_OF_WHICH_LOST = re.compile(
    r"^\s+of\s+(?:which|them|these)\s+(?:have|has|had|were|was)?\s*(?:been\s+)?"
    r"(?:reportedly\s+|now\s+|since\s+)?(?:destroyed|lost|captured|damaged\s+or\s+destroyed|"
    r"destroyed\s+or\s+damaged|knocked\s+out|disabled)\b",
    re.IGNORECASE)
_ITEM_BEFORE = re.compile(r"\s*,?\s*$")


# "..., including a Bradley": the item singled out of a count already made.
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+which|of\s+which)\s{1,3}$",
                          re.IGNORECASE)


def _part_of_listed(text: str, number: NumberMention,
                    numbers: list[NumberMention]) -> str | None:
    """The class of the items a bare count is part of, when the count is said lost."""
    if not _OF_WHICH_LOST.match(text[number.end: number.end + 80]):
        return None
    rules = equipment_rules()
    earlier = [n for n in numbers if n.end <= number.start]
    if not earlier:
        return None
    noun = rules.noun_after.match(text[earlier[-1].end: earlier[-1].end + 120])
    if noun is None:
        return None
    between = text[earlier[-1].end + noun.end(): number.start]
    if len(between) > 25 or not re.fullmatch(r"\s*,?\s*(?:at\s+least|about|some|over|"
                                             r"more\s+than|up\s+to|nearly|around)?\s*",
                                             between, re.IGNORECASE):
        return None
    return rules.alias_class.get(_fold(noun.group("eq")))


@lru_cache(maxsize=4096)
def _names_alias(text: str) -> bool:
    """Whether a word of `text` starts with an equipment alias."""
    return equipment_rules().any_alias.search(text, ascii_lowered(text)) is not None


def _sentence_facts(doc: ParsedArticle, sentence: Sentence,
                    skip: list[tuple[int, int]]) -> list[Fact]:
    rules = equipment_rules()
    text = sentence.text
    facts: list[Fact] = []
    if not _names_alias(text):
        # every item is an alias after a space (noun_after, article_noun), possibly cut
        # short by noun_after's window: a sentence with no word starting with one has none
        return facts
    counted: list[tuple[int, int]] = []
    items: list[tuple[int, int, int, str, str, str]] = []  # start, end, value, qual, cls, rule
    numbers = find_numbers(text)
    for number in numbers:
        noun = rules.noun_after.match(text[number.end: number.end + 120])
        if not noun:
            part = _part_of_listed(text, number, numbers)
            if part is not None:
                items.append((number.start, number.end, number.value, number.qualifier, part,
                              "eq.verb.part_of"))
                counted.append((number.start, number.end))
            continue
        cls = rules.alias_class.get(_fold(noun.group("eq")))
        if cls is None:
            continue
        end = number.end + noun.end()
        if _MUNITION_AFTER.match(text[end: end + 40]):
            continue  # "three HIMARS rockets" are munitions (strikes.py)
        before = text[max(0, number.start - BEFORE_WINDOW): number.start]
        if re.search(r"\b(?:all|of\s+the|of\s+them)\s{1,3}$", before, re.I):
            continue  # "all three boats", "76 of the drones": already counted elsewhere
        if _passive_follows(text, end):
            rule = "eq.verb.passive"
        elif _governed(before):
            rule = "eq.verb.destroyed"
        else:
            continue
        items.append((number.start, end, number.value, number.qualifier, cls, rule))
        counted.append((number.start, end))
    for match in rules.article_noun.finditer(text):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in counted):
            continue
        eq = match.group("eq")
        if _PLURAL_SINGULAR.search(eq) and not eq.lower().endswith(("ss", "aircraft")):
            continue  # "the tanks": no count
        cls = rules.alias_class.get(_fold(eq))
        if cls is None or _MUNITION_AFTER.match(text[match.end():]):
            continue
        article = match.group("art").lower()
        if article == "one":
            continue  # numbers handle "one"
        if _ACTIVE_AFTER.match(text[match.end():]):
            continue
        if _PART_BEFORE.search(text[max(0, match.start() - 30): match.start()]):
            continue  # "five vehicles, including a US-made M113": a part with no count
        if not (_governed(text[max(0, match.start() - BEFORE_WINDOW): match.start()])
                or _passive_follows(text, match.end())):
            continue
        if article == "the" and cls != "ship":
            continue  # "destroyed the tank" refers back; a named ship sunk is a new fact
        items.append((match.start(), match.end(), 1, "exact", cls, "eq.article.one"))
    for start, end, value, qualifier, cls, rule in sorted(items):
        absolute = sentence.start + start
        if value <= 0 or any(s <= absolute < e for s, e in skip):
            continue
        when = time_for(text, start, doc.published_date) or inherited_time(doc, sentence)
        scope = when.scope if when else "event"
        if cls in rules.cumulative_only and scope != "cumulative":
            continue
        attribution = attribute(doc, sentence.index, absolute)
        where = region_for(doc, sentence.index, absolute, fallback_main=False)
        facts.append(_fact(
            doc, sentence, absolute, sentence.start + end, f"{rule}.{cls}",
            claimant=attribution.claimant, claimant_side=attribution.side,
            victim_side=_victim_side(text, start, end, attribution.side),
            equipment_class=cls, quantity=value, qualifier=qualifier, scope=scope,
            admin1=where.admin1 if scope != "cumulative" else None,
            country=where.country if scope != "cumulative" else None,
            event_date=when.event_date if when else None,
            period_start=when.period_start if when else None,
            period_end=when.period_end if when else None,
            extra={"region_from": where.source, "scope_from": "text" if when else "guess"}))
    return facts


def _tally_facts(doc: ParsedArticle) -> list[Fact]:
    facts: list[Fact] = []
    for row in parse_tally_lines(doc):
        if NOT_EQUIPMENT_LABEL.search(row.label):
            continue
        cls = classify_equipment(row.label)
        if cls is None:
            continue
        sentence = sentence_at(doc, row.total_start)
        if sentence is None or row.total <= 0:
            continue
        attribution = attribute(doc, sentence.index, row.total_start)
        common = dict(claimant=attribution.claimant, claimant_side=attribution.side,
                      victim_side=OPPOSITE.get(attribution.side or ""), equipment_class=cls)
        facts.append(_fact(doc, sentence, row.total_start, row.total_end,
                           f"eq.tally.cumulative.{cls}", quantity=row.total,
                           qualifier=row.qualifier, scope="cumulative", **common))
        inc_sentence = sentence_at(doc, row.increment_start or 0)
        if row.increment and row.increment_start is not None and inc_sentence is not None:
            facts.append(_fact(doc, inc_sentence, row.increment_start, row.increment_end or 0,
                               f"eq.tally.increment.{cls}", quantity=row.increment,
                               qualifier="exact", scope="event", **common))
    return facts


def extract_equipment(doc: ParsedArticle) -> list[Fact]:
    """Equipment facts of an article, in reading order (not yet de-duplicated)."""
    skip = [(row.line_start, row.line_end) for row in parse_tally_lines(doc)]
    facts: list[Fact] = []
    for sentence in doc.sentences:
        facts.extend(_sentence_facts(doc, sentence, skip))
    facts.extend(_tally_facts(doc))
    return facts
