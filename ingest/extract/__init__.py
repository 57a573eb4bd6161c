"""Fact extraction: every extractor over a parsed article, then de-duplication.

`extract_facts(doc)` runs the territorial, casualty, equipment and strike extractors, settles
the status of territorial claims against the whole article (status.py) and merges facts
stated more than once in the article (headline and body, a caption, a summary): one fact per
identity (ANNOTATION.md), keeping the first statement and filling claimant, region and dates
from the repeats where the first lacks them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ingest.extract.casualties import extract_casualties
from ingest.extract.equipment import extract_equipment
from ingest.extract.status import apply_status
from ingest.extract.strikes import extract_strikes
from ingest.extract.territorial import extract_territorial
from ingest.models import Fact, ParsedArticle

__all__ = ["extract_facts", "deduplicate", "fact_identity"]

_STATUS_RANK = {"claimed": 0, "disputed": 1, "confirmed": 2}
_FILLABLE = ("claimant", "claimant_side", "admin1", "country", "latitude", "longitude",
             "event_date", "period_start", "period_end")


def _place_key(name: str | None) -> str | None:
    if name is None:
        return None
    from ingest.resolve.names import place_key

    return place_key(name)


def fact_identity(fact: Fact) -> tuple[object, ...]:
    """What makes two facts of one article the same fact."""
    if fact.fact_type == "territorial":
        return ("territorial", fact.actor_side, _place_key(fact.place_name),
                None if fact.place_name else fact.area_km2)
    if fact.fact_type == "casualties":
        # "eliminated 1,420" and the tally's "(+1,420)" losses are one count
        category = "killed" if fact.category == "killed_or_wounded" else fact.category
        return ("casualties", fact.victim_side, fact.victim_kind, category, fact.quantity)
    if fact.fact_type == "equipment":
        return ("equipment", fact.victim_side, fact.equipment_class, fact.quantity, fact.scope)
    return ("strike", fact.attacker_side, fact.weapon_class, fact.weapon_system, fact.launched,
            fact.intercepted, _place_key(fact.target_place), fact.admin1, fact.scope)


_WHERE_FIELDS = ("admin1", "country", "latitude", "longitude")
_WHEN_FIELDS = ("scope", "event_date", "period_start", "period_end")
_RANK_SOURCE = {"text": 2, "context": 1, "main": 0}


def _merge(kept: Fact, repeat: Fact) -> Fact:
    changes: dict[str, object] = {}
    # where and when come from the statement that names them (a headline's region is often
    # the article's, its body repeat names the place)
    if _RANK_SOURCE.get(repeat.extra.get("region_from", ""), -1) > _RANK_SOURCE.get(
            kept.extra.get("region_from", ""), -1) and repeat.admin1 is not None:
        changes.update({name: getattr(repeat, name) for name in _WHERE_FIELDS})
    if kept.extra.get("scope_from") == "guess" and repeat.extra.get("scope_from") == "text":
        changes.update({name: getattr(repeat, name) for name in _WHEN_FIELDS})
    for name in _FILLABLE:
        if name not in changes and getattr(kept, name) is None and \
                getattr(repeat, name) is not None:
            changes[name] = getattr(repeat, name)
    if kept.fact_type == "territorial" and _STATUS_RANK.get(repeat.status or "", 0) > \
            _STATUS_RANK.get(kept.status or "", 0):
        changes["status"] = repeat.status
    return replace(kept, **changes) if changes else kept


LEAD_SENTENCES = 2  # headline, standfirst, lead: restated in the body as a rule
SIMILAR_EVIDENCE = 0.5  # token overlap of two sentences saying the same thing
LEAD_OVERLAP = 0.2  # ... of a body sentence restating a single item of the lead
SUMMARY_TOKENS = 10  # a "key developments" bullet: a headline-length line ...
SUMMARY_OVERLAP = 0.15  # ... sharing this much with the sentence that tells it in full


@lru_cache(maxsize=1024)
def _tokens(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z0-9]+", text.lower()))


def _same_statement(a: Fact, b: Fact) -> bool:
    """Whether two facts with one identity are one statement said twice: territorial and
    strike facts always are; counts of losses when one is in the headline or lead, when
    one is a tally row, or when their sentences say much the same."""
    if a.fact_type in ("territorial", "strike"):
        return True
    if a.sentence_index == b.sentence_index:
        return False  # two items of one list ("the boat Ivanovets ... the ship Tsezar Kunikov")
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and \
            a.extra.get("region_from") == b.extra.get("region_from") == "text":
        return False  # the same count in two named places: two facts
    ta, tb = _tokens(a.evidence), _tokens(b.evidence)
    overlap = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    if a.rule_id.split(".")[1] == "tally" or b.rule_id.split(".")[1] == "tally":
        return True
    if min(a.sentence_index, b.sentence_index) == 0:
        return True  # the headline restated in the body
    if min(a.sentence_index, b.sentence_index) < LEAD_SENTENCES and (
            (a.quantity or 0) >= 2 or overlap >= LEAD_OVERLAP):
        return True  # the headline or lead restated in the body ("one" needs more alike)
    if abs(a.sentence_index - b.sentence_index) <= 1 and a.admin1 == b.admin1:
        return True  # the next sentence restating the same count
    if a.admin1 is not None and a.admin1 == b.admin1 and \
            min(len(ta), len(tb)) <= SUMMARY_TOKENS and overlap >= SUMMARY_OVERLAP:
        return True  # a summary bullet ("Russian attack on Kherson kills two") told in full
    return overlap >= SIMILAR_EVIDENCE


def deduplicate(facts: list[Fact]) -> list[Fact]:
    """One fact per identity and statement, in first-statement order."""
    kept: list[Fact] = []
    index: dict[tuple[object, ...], list[int]] = {}
    for fact in facts:
        key = fact_identity(fact)
        for i in index.get(key, []):
            if _same_statement(kept[i], fact):
                kept[i] = _merge(kept[i], fact)
                break
        else:
            index.setdefault(key, []).append(len(kept))
            kept.append(fact)
    return kept


def extract_facts(doc: ParsedArticle) -> list[Fact]:
    """All facts of an article, de-duplicated; pure (rules are loaded once and cached)."""
    facts: list[Fact] = []
    facts.extend(extract_territorial(doc))
    facts.extend(extract_casualties(doc))
    facts.extend(extract_equipment(doc))
    facts.extend(extract_strikes(doc))
    return merge_revisions(deduplicate(apply_status(doc, facts)))


_PART_RULE = "+cas.part"


def merge_revisions(facts: list[Fact]) -> list[Fact]:
    """A toll revised within the article ("the death toll rose to 35") is one fact with the
    first statement of it: casualty facts of one victim side, kind, category and scope where
    one is marked a revision collapse into the earliest of comparable size (parts such as
    "two children" stay)."""
    out: list[Fact] = []
    groups: dict[tuple[object, ...], list[int]] = {}
    for fact in facts:
        if fact.fact_type != "casualties" or _PART_RULE in fact.rule_id:
            out.append(fact)
            continue
        key = (fact.victim_side, fact.victim_kind, fact.category, fact.scope)
        merged = False
        for i in groups.get(key, []):
            first = out[i]
            revision = fact.extra.get("revision") or first.extra.get("revision")
            big, small = max(first.quantity or 0, fact.quantity or 0), min(
                first.quantity or 0, fact.quantity or 0)
            if revision and small * 2 >= big:
                out[i] = _merge(first, fact)
                merged = True
                break
        if not merged:
            groups.setdefault(key, []).append(len(out))
            out.append(fact)
    return out
