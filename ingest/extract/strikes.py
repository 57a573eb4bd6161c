"""Strike facts: attacks, and counts of weapons launched or intercepted (ANNOTATION.md).

`extract_strikes(doc)` reads a parsed article sentence by sentence:

1. weapon phrases: class nouns from ingest/rules/strikes.yml ("cruise missiles", "drones")
   and weapon systems from seeds/reference/weapon_systems.csv ("Kalibr", "Geran-2"),
   merged when they name one thing ("four Kalibr cruise missiles");
2. counts: a number before a weapon phrase ("188 drones"), a partitive ("17 of 22 Shahed
   drones", "76 of the drones", "30 of them") or a bare number whose weapon is the one
   just mentioned ("Three were shot down");
3. the role of each count: an interception verb or a launch verb, passive after it or
   active before it in the same clause;
4. the attacker: a side named as the subject or adjective of the weapon, the side whose
   air defences intercepted (the attacker is the other), the weapon's user, the
   claimant's opponent for interceptions;
5. where: a named place hit (target) or region; when: scope from the sentence's words.

Across sentences, an interception count joins the launch it answers ("Russia sent 188
drones ... Air defence units destroyed 76 of the drones" -> one fact 188/76), the same
count said twice is one fact, and attacks named with a place but no count become facts
of their own when no counted fact already covers that place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ingest.extract.attribution import attribute
from ingest.extract.context import load_reference_csv, load_yaml, parse_tally_lines
from ingest.extract.numbers import CaselessPattern, ascii_lowered, find_numbers
from ingest.extract.timing import time_for
from ingest.models import WEAPON_CLASSES, Fact, ParsedArticle
from ingest.resolve.places import Place, find_places, resolve_place
from ingest.resolve.regions import (
    Region,
    RegionMention,
    equivalent_regions,
    find_regions,
    resolve_region,
)

__all__ = [
    "WeaponPhrase",
    "extract_strikes",
    "find_weapon_phrases",
    "strike_rules",
    "weapon_systems",
]

RULES_FILE = "strikes.yml"
WEAPONS_FILE = "weapon_systems.csv"
MISSILE_CLASSES = frozenset({"missile", "ballistic_missile", "cruise_missile"})
OPPOSITE = {"RU": "UA", "UA": "RU"}
# Sentences back that an interception may answer / a pronoun may point to.
PAIR_WINDOW = 3
# Longer "sentences" are lists or run-on page text: only their start is read (bounds the
# work per sentence on hostile input).
MAX_SENTENCE_CHARS = 2_000
# Sentences back that "the city", "the hospital" may point to the city last named.
CITY_WINDOW = 5
# Sentences back whose region decides between namesakes ("Ivanivka" of which region).
HINT_WINDOW = 3
# Sentence texts recur across articles (wire copy, boilerplate): the weapon and place
# lookups of a sentence, pure functions of its text (and region hint), are cached.
TEXT_CACHE_SIZE = 4096


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class WeaponSystem:
    name: str
    weapon_class: str
    origin_side: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Cue:
    rule_id: str
    regex: re.Pattern[str]
    value: str | None = None  # weapon class or side


@dataclass(frozen=True)
class StrikeRules:
    nouns: tuple[_Cue, ...]
    noun_any: re.Pattern[str]
    systems: tuple[WeaponSystem, ...]
    system_any: re.Pattern[str]
    system_by_alias: dict[str, WeaponSystem]
    launch: tuple[_Cue, ...]
    intercept: tuple[_Cue, ...]
    intercept_exceptions: tuple[_Cue, ...]
    relative_launch: re.Pattern[str]
    barrage_before: re.Pattern[str]
    attacker: tuple[_Cue, ...]
    defender: tuple[_Cue, ...]
    bare_passive: re.Pattern[str]
    of_them: re.Pattern[str]
    all_of_them: re.Pattern[str]
    hit: tuple[_Cue, ...]
    hit_any: re.Pattern[str]  # any hit verb (one scan instead of one per cue)
    hit_exceptions: re.Pattern[str]
    attack_context: re.Pattern[str]
    rule_ids: frozenset[str]
    # noun_any, hit_any and attack_context as run on a sentence: the same matches, found
    # case-sensitively in the lowered text (numbers.CaselessPattern)
    noun_any_fast: CaselessPattern
    system_any_fast: CaselessPattern
    hit_any_fast: CaselessPattern
    attack_context_fast: CaselessPattern


def _bounded(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


@lru_cache(maxsize=1)
def weapon_systems() -> tuple[WeaponSystem, ...]:
    """The weapon systems of seeds/reference/weapon_systems.csv."""
    systems = []
    for row in load_reference_csv(WEAPONS_FILE):
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
        systems.append(
            WeaponSystem(
                name=row["weapon_system"].strip(),
                weapon_class=row["weapon_class"].strip(),
                origin_side=(row.get("origin_side") or "").strip() or None,
                aliases=aliases,
            )
        )
    return tuple(systems)


def _cues(
    entries: list[dict[str, Any]], value_key: str | None = None, flags: int = re.IGNORECASE
) -> tuple[_Cue, ...]:
    return tuple(
        _Cue(
            e["id"],
            re.compile(_bounded(e["pattern"]), flags),
            e.get(value_key) if value_key else None,
        )
        for e in entries
    )


@lru_cache(maxsize=1)
def strike_rules() -> StrikeRules:
    """The rules of ingest/rules/strikes.yml and the weapon table, compiled once."""
    data: dict[str, Any] = load_yaml(RULES_FILE)
    nouns = _cues(data["weapon_nouns"], "weapon_class")
    # the word boundaries once around the whole alternation, not around each noun: the
    # same matches (every alternative has the same boundaries), found twice as fast
    noun_any = re.compile(
        _bounded(
            "|".join(
                f"(?:{e['pattern']})"
                for e in sorted(data["weapon_nouns"], key=lambda e: -len(e["pattern"]))
            )
        ),
        re.IGNORECASE,
    )
    systems = weapon_systems()
    by_alias: dict[str, WeaponSystem] = {}
    for system in systems:
        for name in (system.name, *system.aliases):
            by_alias.setdefault(name.lower(), system)
    # Longest alias first, grouped by first character ("k(?:h-101s|alibr|...)|s(?:...)"):
    # at a word start the engine then tries only the aliases that begin with its
    # character, in the same order as one flat alternation would, so the matches are the
    # same, five times faster.
    by_first: dict[str, list[str]] = {}
    for alias in sorted(by_alias, key=len, reverse=True):
        escaped = re.escape(alias).replace(r"\ ", r"\s+")
        if len(alias) < 2 or escaped[0] != alias[0] or not alias[0].isalnum():
            raise ValueError(f"{WEAPONS_FILE}: alias {alias!r} must start with a letter or digit")
        by_first.setdefault(alias[0].lower(), []).append(escaped[1:])
    alias_alt = "|".join(
        f"{first}(?:{'|'.join(rests)})" for first, rests in by_first.items()
    )
    system_any = re.compile(
        rf"(?<![\w-])(?:{alias_alt})(?=-(?:type|class|like|style|made)\b|(?![\w-]|-(?!\w)))",
        re.IGNORECASE,
    )
    relative = next(e for e in data["also_launched"] if e["id"] == "structure.relative_launch")
    barrage = next(e for e in data["also_launched"] if e["id"] == "structure.barrage")
    anaphora = {e["id"]: e["pattern"] for e in data["anaphora"]}
    rule_ids = {
        e["id"]
        for section in data.values()
        if isinstance(section, list)
        for e in section
        if isinstance(e, dict) and "id" in e
    }
    hit_any = re.compile(
        _bounded("|".join(f"(?:{e['pattern']})" for e in data["hit_verbs"])), re.IGNORECASE
    )
    attack_context = re.compile(
        "|".join(_bounded(e["pattern"]) for e in data["attack_context"]), re.IGNORECASE
    )
    return StrikeRules(
        nouns=nouns,
        noun_any=noun_any,
        systems=systems,
        system_any=system_any,
        system_by_alias=by_alias,
        launch=_cues(data["launch_verbs"]),
        intercept=_cues(data["intercept_verbs"]),
        intercept_exceptions=_cues(data["intercept_exceptions"]),
        relative_launch=re.compile(relative["pattern"], re.IGNORECASE),
        barrage_before=re.compile(barrage["pattern"], re.IGNORECASE),
        attacker=_cues(data["attacker_cues"], "side"),
        defender=_cues(data["defender_cues"], "side"),
        bare_passive=re.compile(anaphora["anaphor.bare_passive"], re.IGNORECASE),
        of_them=re.compile(anaphora["anaphor.of_them"], re.IGNORECASE),
        all_of_them=re.compile(anaphora["anaphor.all"], re.IGNORECASE),
        hit=_cues(data["hit_verbs"]),
        hit_any=hit_any,
        hit_exceptions=re.compile(
            "|".join(f"(?:{e['pattern']})" for e in data["hit_exceptions"]), re.IGNORECASE
        ),
        attack_context=attack_context,
        rule_ids=frozenset(rule_ids),
        noun_any_fast=CaselessPattern.compile(noun_any.pattern),
        system_any_fast=CaselessPattern.compile(system_any.pattern),
        hit_any_fast=CaselessPattern.compile(hit_any.pattern),
        attack_context_fast=CaselessPattern.compile(attack_context.pattern),
    )


# --------------------------------------------------------------------------- weapon phrases


@dataclass(frozen=True)
class WeaponPhrase:
    """A weapon named in a sentence: "four Kalibr cruise missiles" -> Kalibr, cruise_missile.

    `start`/`end` are offsets into the sentence text; `mixed` when the phrase joins
    several classes ("drones and missiles").
    """

    start: int
    end: int
    weapon_class: str
    system: str | None
    rule_id: str
    text: str
    origin_side: str | None = None
    mixed: bool = False


_JOIN_SYSTEM_NOUN = re.compile(r"^[\s-]{1,2}(?:[\w'’.-]+\s+){0,2}?$")
_NOUN_OF_SYSTEM = re.compile(r"^\s+of\s+(?:the\s+|a\s+)?(?:[\w'’.-]+\s+){0,2}?$", re.IGNORECASE)
_SYSTEM_OF_WORDS = re.compile(r"^[\s,]+(?:known\s+as\s+|the\s+)?$", re.IGNORECASE)
_COORDINATION = re.compile(
    r"^\s*(?:,\s*)?(?:and|or|&|and/or)\s+(?:[\w-]+\s+){0,1}?$", re.IGNORECASE
)
_STRIKE_NOUN_AFTER = re.compile(
    r"^[\s-]*(?:and\s+(?:missile|drone)\s+)?(?:strikes?|attacks?|raids?|assaults?|"
    r"barrages?|operators?|units?|production|factory|plants?|sites?|launchers?|systems?|"
    r"warnings?|alerts?|threats?|debris|fragments|wreckage|manufacturers?|makers?|"
    r"programmes?|programs?|pilots?|crews?|batter(?:y|ies)|components|parts|supplies|"
    r"deliveries|stocks?|stockpiles?|shield)\b",
    re.IGNORECASE,
)


def _class_nouns(text: str) -> list[tuple[int, int, str, str]]:
    rules = strike_rules()
    found = []
    for match in rules.noun_any_fast.finditer(text, ascii_lowered(text)):
        cue = _noun_cue(match.group(0))  # the rule the words belong to (in any case)
        if cue is None:
            continue
        found.append((match.start(), match.end(), cue.value or "unspecified", cue.rule_id))
    return found


@lru_cache(maxsize=512)
def _noun_cue(word: str) -> _Cue | None:
    for cue in sorted(strike_rules().nouns, key=lambda c: -len(c.regex.pattern)):
        if cue.regex.fullmatch(word):
            return cue
    return None


def find_weapon_phrases(text: str) -> list[WeaponPhrase]:
    """The weapons a sentence names, in order, systems merged with their class noun."""
    return list(_weapon_phrases(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _weapon_phrases(text: str) -> tuple[WeaponPhrase, ...]:
    rules = strike_rules()
    systems = []
    for m in rules.system_any_fast.finditer(text, ascii_lowered(text)):
        written = text[m.start() : m.end()]  # (the match may hold the text lowered)
        system = rules.system_by_alias.get(_alias_key(written))
        if system is not None and _case_ok(written):
            systems.append((m.start(), m.end(), system))
    nouns = [n for n in _class_nouns(text) if not any(s <= n[0] < e for s, e, _ in systems)]
    phrases: list[WeaponPhrase] = []
    used_nouns: set[int] = set()
    for s_start, s_end, system in systems:
        start, end = s_start, s_end
        rule_id = "weapon.system"
        for i, (n_start, n_end, _cls, n_rule) in enumerate(nouns):
            if i in used_nouns:
                continue
            if n_start >= s_end and _JOIN_SYSTEM_NOUN.match(text[s_end:n_start]):
                end, rule_id = n_end, n_rule
                used_nouns.add(i)
                break
            if n_end <= s_start and (
                _NOUN_OF_SYSTEM.match(text[n_end:s_start])
                or _SYSTEM_OF_WORDS.match(text[n_end:s_start])
            ):
                start, rule_id = n_start, n_rule
                used_nouns.add(i)
                break
        phrases.append(
            WeaponPhrase(
                start,
                end,
                system.weapon_class,
                system.name,
                rule_id,
                text[start:end],
                system.origin_side,
            )
        )
    for i, (n_start, n_end, cls, n_rule) in enumerate(nouns):
        if i in used_nouns:
            continue
        phrases.append(WeaponPhrase(n_start, n_end, cls, None, n_rule, text[n_start:n_end]))
    phrases.sort(key=lambda p: p.start)
    # "drones and missiles": one phrase of mixed class
    merged: list[WeaponPhrase] = []
    for phrase in phrases:
        if (
            merged
            and phrase.weapon_class != merged[-1].weapon_class
            and _COORDINATION.match(text[merged[-1].end : phrase.start])
            and not _has_number(text[merged[-1].end : phrase.start])
        ):
            prev = merged.pop()
            merged.append(
                replace(
                    prev,
                    end=phrase.end,
                    weapon_class="mixed",
                    system=None,
                    text=text[prev.start : phrase.end],
                    mixed=True,
                )
            )
            continue
        merged.append(phrase)
    return tuple(merged)


def _alias_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def _case_ok(matched: str) -> bool:
    """Proper names only: 'Grad' yes, 'grad' no; all-caps names in any capitalisation but
    lower case ('FIVE ATACMS' and 'Atacms' both fine)."""
    return not matched.islower() or any(ch.isdigit() for ch in matched)


def _has_number(text: str) -> bool:
    return bool(find_numbers(text))


# --------------------------------------------------------------------------- counts


@dataclass
class _Count:
    """A count of weapons in one sentence (offsets into the sentence text)."""

    value: int
    qualifier: str
    start: int
    end: int
    weapon: WeaponPhrase | None  # None: the weapon is the one mentioned before
    of_total: int | None = None  # "17 of 22" -> 22
    anaphoric: bool = False  # "of the drones", "of them", "Three were shot down"
    other: bool = False  # "a dozen other missiles"
    article: bool = False  # "a drone" -> 1
    each: bool = False
    noun: str | None = None  # "all three boats" -> boats (a word of an earlier weapon phrase)
    role: str | None = None  # launched | intercepted
    role_rule: str | None = None
    also_launched: bool = False
    breakdown_regions: tuple[str, ...] = ()


_GAP_STOP = frozenset(
    [
        "and",
        "or",
        "but",
        "were",
        "was",
        "is",
        "are",
        "be",
        "been",
        "had",
        "have",
        "has",
        "by",
        "at",
        "on",
        "in",
        "into",
        "over",
        "from",
        "to",
        "with",
        "per",
        "than",
        "each",
        "people",
        "times",
        "days",
        "day",
        "hours",
        "residents",
        "civilians",
        "soldiers",
        "troops",
        "servicemen",
        "aircraft",
        "tanks",
        "of",
        "as",
        "while",
        "against",
        "across",
        "near",
        "toward",
        "towards",
        "under",
        "after",
        "before",
        "during",
        "since",
        "said",
        "says",
        "say",
        # a clause between a count and a weapon: "nine wounded when a Russian glide bomb hit"
        "when",
        "as",
        "after",
        "killed",
        "wounded",
        "injured",
        "dead",
        "died",
        "hurt",
    ]
)
_PARTITIVE = re.compile(
    r"^\s+of\s+(?:(?P<det>the|its|their|those|these|all|Russia's|Russia’s|Ukraine's|"
    r"Ukraine’s|the\s+Kremlin's|the\s+Kremlin’s|Moscow's|Moscow’s|Kyiv's|Kyiv’s)\s+)?",
    re.IGNORECASE,
)
_OTHER_BEFORE = re.compile(r"\bother\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_NONE_OF = re.compile(r"(?<![\w-])none\s+of\s+(?:the|them|these|those)\b", re.IGNORECASE)
_ALL_BEFORE = re.compile(r"\ball\s+$", re.IGNORECASE)
_ALL_NOUN = re.compile(r"^\s+(?P<noun>[a-z]{3,20})\b")
_ARTICLE_ONE = re.compile(r"(?<![\w-])(?:a|an|one)\s+(?=[\w-])", re.IGNORECASE)


def _gap_ok(gap: str, max_words: int = 4) -> bool:
    if any(ch in gap for ch in ',;:()"“”'):
        return False
    words = [w for w in re.split(r"\s+", gap.strip()) if w]
    if len(words) > max_words:
        return False
    return not any(w.lower().strip(".") in _GAP_STOP for w in words)


def _phrase_after(
    phrases: list[WeaponPhrase], pos: int, text: str, max_words: int = 4
) -> WeaponPhrase | None:
    for phrase in phrases:
        if phrase.start >= pos:
            return phrase if _gap_ok(text[pos : phrase.start], max_words) else None
    return None


def _find_counts(text: str, phrases: list[WeaponPhrase]) -> list[_Count]:
    rules = strike_rules()
    numbers = find_numbers(text)
    counts: list[_Count] = []
    consumed: set[int] = set()
    for i, num in enumerate(numbers):
        if i in consumed:
            continue
        after = text[num.end :]
        partitive = _PARTITIVE.match(after)
        if partitive and not re.match(
            r"^\s+of\s+(?:the\s+)?(?:war|invasion|conflict)", after, re.IGNORECASE
        ):
            pos = num.end + partitive.end()
            inner = next((j for j, n in enumerate(numbers) if n.start == pos), None)
            if inner is not None and partitive.group("det") in (None, "the", "The"):
                weapon = _phrase_after(phrases, numbers[inner].end, text)
                if weapon is not None:
                    consumed.add(inner)
                    counts.append(
                        _Count(
                            num.value,
                            num.qualifier,
                            num.start,
                            weapon.end,
                            weapon,
                            of_total=numbers[inner].value,
                        )
                    )
                    continue
            weapon = _phrase_after(phrases, pos, text)
            if weapon is not None:
                counts.append(
                    _Count(num.value, num.qualifier, num.start, weapon.end, weapon, anaphoric=True)
                )
                continue
            them = rules.of_them.match(after)
            if them:
                counts.append(
                    _Count(
                        num.value,
                        num.qualifier,
                        num.start,
                        num.end + them.end(),
                        None,
                        anaphoric=True,
                    )
                )
                continue
        weapon = _phrase_after(phrases, num.end, text)
        if weapon is not None and not _STRIKE_NOUN_AFTER.match(text[weapon.end :]):
            counts.append(
                _Count(
                    num.value,
                    num.qualifier,
                    num.start,
                    weapon.end,
                    weapon,
                    other=bool(_OTHER_BEFORE.search(text[num.end : weapon.start])),
                )
            )
            continue
        if rules.bare_passive.match(after) and not _phrase_after(phrases, num.end, text, 8):
            counts.append(
                _Count(num.value, num.qualifier, num.start, num.end, None, anaphoric=True)
            )
            continue
        noun = _ALL_NOUN.match(after)
        if noun and (_ALL_BEFORE.search(text[: num.start]) or num.text.lower() == "both"):
            counts.append(
                _Count(
                    num.value,
                    num.qualifier,
                    num.start,
                    num.end + noun.end(),
                    None,
                    anaphoric=True,
                    noun=noun.group("noun").lower(),
                )
            )
    # "None of the missiles was intercepted": zero interceptions of the weapons just named
    for match in _NONE_OF.finditer(text):
        weapon = _phrase_after(phrases, match.end(), text, 2)
        counts.append(
            _Count(
                0,
                "exact",
                match.start(),
                weapon.end if weapon else match.end(),
                weapon,
                anaphoric=True,
            )
        )
    # "a drone shot down", "a HARM anti-radiation missile" (kept only for interceptions)
    for match in _ARTICLE_ONE.finditer(text):
        weapon = _phrase_after(phrases, match.end(), text, 3)
        if weapon is None or weapon.mixed or _STRIKE_NOUN_AFTER.match(text[weapon.end :]):
            continue
        if any(c.start <= match.start() < c.end for c in counts):
            continue
        counts.append(_Count(1, "exact", match.start(), weapon.end, weapon, article=True))
    counts.sort(key=lambda c: c.start)
    return counts


# --------------------------------------------------------------------------- roles


_CLAUSE_BREAK = re.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\s[–—]\s|\.\s", re.IGNORECASE)
_PASSIVE_AFTER = re.compile(
    r"^[\s,]*(?:(?:that|which)\s+)?(?:(?:were|was|had\s+been|have\s+been|has\s+been|being|"
    r"are|is|got)\s+)?(?:\w+ly\s+|also\s+|all\s+|then\s+|later\s+)?$",
    re.IGNORECASE,
)


# Sentences can be long lists ("launched 5 drones and 3 missiles, ..."): the verbs, clause
# breaks and side words of a sentence are found once and looked up per count by position,
# so the work per sentence stays linear in its length.


@lru_cache(maxsize=16)
def _sentence_verbs(text: str) -> tuple[tuple[int, ...], tuple[tuple[int, int, str, str], ...]]:
    """Every launch and interception verb of a sentence, sorted, and their starts."""
    rules = strike_rules()
    hits = [
        (m.start(), m.end(), "launched", cue.rule_id)
        for cue in rules.launch
        for m in cue.regex.finditer(text)
    ]
    # an interception verb whose object is a thing on the ground is not an interception
    blocked = sorted(
        (m.start(), m.end()) for cue in rules.intercept_exceptions
        for m in cue.regex.finditer(text)
    )
    block_starts = [b[0] for b in blocked]
    for cue in rules.intercept:
        for m in cue.regex.finditer(text):
            i = bisect.bisect_right(block_starts, m.start()) - 1
            if i >= 0 and blocked[i][0] <= m.start() < blocked[i][1]:
                continue
            hits.append((m.start(), m.end(), "intercepted", cue.rule_id))
    hits.sort()
    return tuple(h[0] for h in hits), tuple(hits)


def _verb_hits(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    """(start, end, role, rule_id) of the launch and interception verbs in text[start:end]."""
    starts, hits = _sentence_verbs(text)
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return [h for h in hits[lo:hi] if h[1] <= end]


def _last_verbs(
    text: str, start: int, end: int
) -> tuple[tuple[int, int, str, str] | None, tuple[int, int, str, str] | None]:
    """The last verb in text[start:end], and the last one that is not a structure word
    ("barrage of", "including")."""
    starts, hits = _sentence_verbs(text)
    lo = bisect.bisect_left(starts, start)
    last: tuple[int, int, str, str] | None = None
    for i in range(bisect.bisect_left(starts, end) - 1, lo - 1, -1):
        hit = hits[i]
        if hit[1] > end:
            continue
        if last is None:
            last = hit
        if hit[3] != "launch.barrage":
            return last, hit
    return last, None


@lru_cache(maxsize=16)
def _clause_breaks(text: str) -> tuple[int, ...]:
    return tuple(m.end() for m in _CLAUSE_BREAK.finditer(text))


def _clause_start(text: str, pos: int) -> int:
    ends = _clause_breaks(text)
    i = bisect.bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 else 0


@lru_cache(maxsize=64)
def _match_spans(regex: re.Pattern[str], text: str) -> tuple[tuple[int, ...], tuple[re.Match[str], ...]]:
    matches = tuple(regex.finditer(text))
    return tuple(m.start() for m in matches), matches


def _first_match(regex: re.Pattern[str], text: str, start: int, end: int | None = None
                 ) -> re.Match[str] | None:
    """regex.search(text, start, end) from one scan of the whole sentence."""
    end = len(text) if end is None else end
    starts, matches = _match_spans(regex, text)
    for i in range(bisect.bisect_left(starts, start), len(starts)):
        match = matches[i]
        if match.start() >= end:
            return None
        if match.end() <= end:
            return match
    return None


def _intercept_governs(text: str, pos: int) -> bool:
    """Whether the last verb of the clause before `pos` is an interception."""
    _last, governing = _last_verbs(text, _clause_start(text, pos), pos)
    return governing is not None and governing[2] == "intercepted"


def _assign_roles(text: str, counts: list[_Count]) -> None:
    rules = strike_rules()
    for count in counts:
        # passive / participle after the phrase: "95 drones were intercepted"
        tail_start = count.end
        tail_hits = _verb_hits(text, tail_start, min(len(text), tail_start + 60))
        for h_start, _h_end, role, rule_id in tail_hits:
            if role == "launched" and (
                count.of_total is not None
                or _intercept_governs(text, count.start)
            ):
                # "shot down 12 of 15 missiles fired overnight", "shot down all 6 missiles
                # launched at Odesa": the participle tells what the weapons were
                if _ALL_BEFORE.search(text[max(0, count.start - 8) : count.start]):
                    count.also_launched = True
                break
            if _PASSIVE_AFTER.match(text[tail_start:h_start]):
                count.role, count.role_rule = role, rule_id
            break
    # coordination: "Six Shahed drones and three reconnaissance drones were destroyed"
    for i in range(len(counts) - 2, -1, -1):
        count, nxt = counts[i], counts[i + 1]
        if (
            count.role is None
            and nxt.role is not None
            and re.fullmatch(
                r"[\s,]*(?:and|as\s+well\s+as|plus)?[\s,]*",
                text[count.end : nxt.start],
                re.IGNORECASE,
            )
        ):
            count.role, count.role_rule = nxt.role, nxt.role_rule
    for count in counts:
        if count.role is None:
            clause = _clause_start(text, count.start)
            last, governing = _last_verbs(text, clause, count.start)
            # "stopped a barrage of ten", "shot down 38 missiles, including six Kinzhal":
            # the verb before the structure word governs
            if governing is not None and governing[2] == "intercepted":
                _s, _e, count.role, count.role_rule = governing
            elif last is not None:
                _s, _e, count.role, count.role_rule = last
        if count.role is None:
            count.role, count.role_rule = "launched", "launch.default"
        if count.role == "intercepted":
            before = text[max(0, count.start - 30) : count.start]
            if rules.barrage_before.search(before) or rules.relative_launch.match(
                text[count.end : count.end + 80]
            ):
                count.also_launched = True


# --------------------------------------------------------------------------- sides


@lru_cache(maxsize=256)
def _side_cues(text: str, cues: tuple[_Cue, ...]) -> list[tuple[int, int, str]]:
    """Side words of `cues` in text, sorted (cached: callers must not change the list)."""
    return sorted(
        (m.start(), m.end(), cue.value or "") for cue in cues for m in cue.regex.finditer(text)
    )


def _side_cues_in(text: str, cues: tuple[_Cue, ...], start: int, end: int
                  ) -> list[tuple[int, int, str]]:
    """_side_cues of text[start:end] (offsets relative to start), from one scan of text."""
    found = _side_cues(text, cues)
    lo = bisect.bisect_left(found, (start, -1, ""))
    hi = bisect.bisect_left(found, (end, -1, ""))
    return [(s - start, e - start, v) for s, e, v in found[lo:hi] if e <= end]


_AGAINST = re.compile(
    r"\b(?:against|on|at|into|over|across)\s+(?P<who>Ukraine|Russia)\b", re.IGNORECASE
)
_BY_SIDE = re.compile(r"\bby\s+(?:the\s+)?(?P<who>Russia|Russian|Ukraine|Ukrainian)", re.IGNORECASE)


def _attacker_for(
    text: str,
    count: _Count | None,
    phrase: WeaponPhrase | None,
    role: str,
) -> str | None:
    """The attacking side of a count (or of a countless attack when count is None)."""
    rules = strike_rules()
    p_start = count.start if count else (phrase.start if phrase else 0)
    p_end = count.end if count else (phrase.end if phrase else len(text))
    # 1. adjective inside the phrase: "117 Ukrainian drones", "Russian missiles"
    inner = text[p_start:p_end]
    for _s, _e, side in _side_cues(inner, rules.attacker):
        if not re.match(r"air|Ukraine's\s+air", inner[_s : _e + 8], re.IGNORECASE):
            return side
    if count is None or role == "launched":
        # adjective right before a phrase: "Russian ballistic missile"
        before = text[max(0, p_start - 25) : p_start]
        adj = _side_cues(before, rules.attacker)
        if adj and adj[-1][1] >= len(before) - 2:
            return adj[-1][2]
    if role == "intercepted":
        defenders = _side_cues(text, rules.defender)
        if defenders:
            i = bisect.bisect_left(defenders, (p_start, -1, ""))
            near = min(defenders[max(0, i - 1) : i + 1], key=lambda d: abs(d[0] - p_start))
            return OPPOSITE.get(near[2])
    if phrase is not None and phrase.origin_side in OPPOSITE:
        return phrase.origin_side
    clause = _clause_start(text, p_start)
    if role == "launched":
        subject = _subject_side(text, clause, p_start)
        if subject:
            return subject
        by = _first_match(_BY_SIDE, text, p_end)
        if by:
            return "RU" if by.group("who").lower().startswith("russia") else "UA"
        against = _first_match(_AGAINST, text, p_start)
        if against:
            return "RU" if against.group("who").lower() == "ukraine" else "UA"
    return None


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:on|at|against|in|into|over|to|toward|towards|from|across|of|with|inside|for)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:said|says|say|reported|claimed|claims|announced|stated|"
    r"officials?|air\s+force|spokes\w+|ministry|governor|mayor|president|media|channels?|"
    r"authorities|General\s+Staff|intelligence|(?:security\s+)?service|SBU|command)\b",
    re.IGNORECASE,
)
_VICTIM_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,1}?(?:aircraft|jets?|bombers?|ships?|warships?|vessels?|"
    r"positions?|soldiers|servicemen|troops\s+were|civilians|cities|territory|soil|"
    r"regions?|border|capital|infrastructure|energy|airfields?|bases?|refiner\w+|"
    r"targets|facilit\w+|oil|fuel|port|towns?|villages?|homes?|people)\b",
    re.IGNORECASE,
)


SUBJECT_CUES = 12


def _subject_side(text: str, start: int, end: int) -> str | None:
    """The side named as the subject of an attack in text[start:end]: a side word right
    before a launch verb ("Russia had launched"), else the last side word that is neither
    after a preposition ("on Kyiv"), nor a speaker ("Ukraine's air force said"), nor the
    owner of the victim ("Russian aircraft were hit")."""
    rules = strike_rules()
    # the subject is among the last side words before the count
    cues = _side_cues_in(text, rules.attacker, start, end)[-SUBJECT_CUES:]
    for c_start, c_end, side in reversed(cues):
        hits = _verb_hits(text, start + c_end, min(end, start + c_end + 40))
        before = text[max(0, start + c_start - 20) : start + c_start]
        if (
            hits
            and hits[0][2] == "launched"
            and len(text[start + c_end : hits[0][0]].split()) <= 3
            and not (_PREPOSITION_BEFORE.search(before))
        ):
            return side
    for c_start, c_end, side in reversed(cues):
        before = text[max(0, start + c_start - 20) : start + c_start]
        after = text[start + c_end : start + c_end + 60]
        if (
            _PREPOSITION_BEFORE.search(before)
            or _SPEAKER_AFTER.match(after)
            or (_VICTIM_AFTER.match(after))
        ):
            continue
        return side
    return None


# --------------------------------------------------------------------------- where


@dataclass(frozen=True)
class _Where:
    """A place or region named in a sentence (offsets into the sentence text)."""

    start: int
    end: int
    target: str | None  # a place or object hit: canonical name
    admin1: str | None
    country: str | None
    latitude: float | None = None
    longitude: float | None = None
    is_city: bool = False


_FROM_BEFORE = re.compile(
    r"(?:\bfrom|\bof\s+(?:Ukraine's|Russia's)|\bhead\s+of|\bgovernor\s+of|\bmayor\s+of|"
    r"\bresidents\s+of|\bborders?|\bwest\s+of|\beast\s+of|\bnorth\s+of|\bsouth\s+of)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_OBJECT = re.compile(
    r"(?P<name>(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,3}?(?:military\s+)?(?:Bridge|bridge|"
    r"Nuclear\s+Power\s+Plant|nuclear\s+power\s+plant|Strait|Bay|Dam|dam|[Aa]ir\s+[Bb]ase|"
    r"[Aa]irfield|[Aa]irport|[Rr]efinery|[Hh]ospital|[Pp]ort))\b"
)
_TITLE_WORDS = frozenset(
    [
        "Hit",
        "Hits",
        "Strike",
        "Strikes",
        "Spark",
        "Sparks",
        "Fire",
        "Attack",
        "Attacks",
        "Kill",
        "Kills",
        "Drone",
        "Drones",
        "Missile",
        "Missiles",
        "Ukrainian",
        "Russian",
        "Says",
        "Claims",
        "On",
        "In",
        "At",
        "Of",
        "And",
        "The",
    ]
)
_OBJECT_LIST = re.compile(
    r"(?:the\s+)?(?P<first>[A-Z][\w'’-]+)\s+and\s+(?P<second>[A-Z][\w'’-]+)\s+"
    r"(?:air\s+)?(?:bases|airfields)\b"
)
_NAMED_SETTLEMENT = re.compile(
    r"\b(?P<kind>village|town|city|settlement|hamlet|community|urban\s+district|district)"
    r"\s+of\s+(?P<name>[A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)?)"
)
_CAPITAL = re.compile(r"\bthe\s+(?:Ukrainian\s+|Russian\s+)?capital\b", re.IGNORECASE)
_THE_CITY = re.compile(r"\b(?:the|this)\s+city\b(?!\s+of)", re.IGNORECASE)
_NOT_PLACES = frozenset(
    [
        "Russia",
        "Ukraine",
        "Russian",
        "Ukrainian",
        "Kremlin",
        "Moscow's",
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Air",
        "Defence",
        "Defense",
        "Ministry",
        "General",
        "Staff",
        "Telegram",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "President",
        "Governor",
        "Mayor",
        "Black",
        "Sea",
        "Fleet",
        "Armed",
        "Forces",
        "SBU",
        "HUR",
        "Reuters",
        "AFP",
        "AP",
        "CNN",
        "TASS",
    ]
)
CAPITALS = {"UA": "Kyiv", "RU": "Moscow"}


def _place(name: str, region_hint: str | None = None) -> Place | None:
    return resolve_place(name, region_hint)


_METONYM = re.compile(
    r"^(?:['’]s\b|\s+(?:and\s+(?:Kyiv|Kiev|Moscow|Washington)\s+)?(?:says|said|say|has|had|"
    r"have|did|does|would|will|could|is|was|were|denied|denies|claimed|claims|presses|"
    r"pressed|accused|accuses|signed|described|called|responded|launched|wants|regime|"
    r"government|authorities|officials|administration)\b)"
)
_METONYM_NAMES = frozenset({"Kyiv", "Kiev", "Moscow", "Washington"})
_NOT_TARGET_AFTER = re.compile(
    r"^\s+(?:district|raion|hromada|community|direction|axis|sector|front|plant|nuclear|"
    r"power|airfield|air\s+base|regional|region|oblast|mayor|governor|city\s+military|"
    r"military\s+administration|Independent|Post|Institute|State|University)\b",
    re.IGNORECASE,
)
_OBJECT_SUFFIX = re.compile(
    r"\s+(?:military\s+)?(?:air\s*base|airfield|airport|port|base|"
    r"bases)$",
    re.IGNORECASE,
)
_REGION_AFTER_OBJECT = 60
# A place this big keeps its own region even when the sentence names another one nearby.
HINT_OVERRIDE_POPULATION = 10_000


_PLACE_IN_REGION = re.compile(
    r"(?<=[\s,])(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\s+in\s+the\s+"
    r"(?:[A-Z][\w'’-]+\s+){1,2}(?:region|oblast|Region|Oblast)\b"
)


def _nearest_region(regions: list[_Where], start: int, end: int) -> str | None:
    """The region named right after a place ("Belaya in the Irkutsk region"), else the
    nearest one before it."""
    after = [r for r in regions if 0 <= r.start - end <= 40]
    if after:
        return after[0].admin1
    before = [r for r in regions if r.end <= start]
    return before[-1].admin1 if before else None


def _region_in_name(name: str) -> Region | None:
    """The region an object's name carries: "Crimean Bridge" -> Crimea."""
    for word in name.split():
        for form in (word, re.sub(r"(?<=[a-z])e?an$", "a", word)):
            region = resolve_region(form)
            if region is not None and form[:1].isupper():
                return region
    return None


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _places_named(text: str) -> tuple[tuple[int, int, Place], ...]:
    """find_places(text), once per text (_find_where and _cities_named both read it)."""
    return tuple(find_places(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _regions_named(text: str) -> tuple[RegionMention, ...]:
    """find_regions(text), once per text (a sentence's places may be found with and
    without its region hint)."""
    return tuple(find_regions(text))


def _find_where(text: str, region_hint: str | None = None) -> list[_Where]:
    """Places and regions named in a sentence, in order (not those after "from", nor a
    capital standing for its government, "Moscow said").

    The region hint (of the sentences before) is read only for some names; see
    `_places_need_hint`."""
    return list(_find_where_cached(text, region_hint)[0])


def _places_need_hint(text: str) -> bool:
    """Whether the places of a sentence may depend on its region hint. When not, they are
    the same with any hint (the hint is read only through `given_hint`: with none, the
    places were found without reading it, and so they would be with any other)."""
    return _find_where_cached(text, None)[1]


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _find_where_cached(text: str, region_hint: str | None) -> tuple[tuple[_Where, ...], bool]:
    """_find_where, and whether it read the region hint."""
    hint_read = False

    def given_hint() -> str | None:
        nonlocal hint_read
        hint_read = True
        return region_hint

    found: list[_Where] = []
    taken: list[tuple[int, int]] = []
    objects: list[_Where] = []
    for match in _OBJECT_LIST.finditer(text):
        for group in ("first", "second"):
            objects.append(
                _Where(match.start(group), match.end(group), match.group(group), None, None)
            )
        taken.append((match.start(), match.end()))
    for match in _OBJECT.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        name = _OBJECT_SUFFIX.sub("", re.sub(r"^the\s+", "", match.group("name")))
        if name.split()[0] in _NOT_PLACES or name.split()[0] in _TITLE_WORDS:
            continue
        owner = _place(name.split()[0]) if re.search(r"\s[Bb]ridge$", name) else None
        if owner is not None and owner.source != "region":
            name = owner.name  # "the Chonhar bridge" is named for the village it is at
        objects.append(_Where(match.start(), match.end(), name, None, None))
        taken.append((match.start(), match.end()))
    regions: list[_Where] = []
    titled: list[str] = []  # regions of a speaker's title ("the governor of the X region")
    for mention in _regions_named(text):
        if any(s <= mention.start < e for s, e in taken):
            continue
        if _FROM_BEFORE.search(text[: mention.start]):
            if mention.explicit:
                titled.append("Moscow" if mention.region.name == "Moscow City"
                              else mention.region.name)
            continue
        after = text[mention.end : mention.end + 40]
        region = mention.region
        if not mention.explicit:
            if mention.text in _METONYM_NAMES and _METONYM.match(after):
                continue
            if _NOT_TARGET_AFTER.match(after):
                continue
            # a city named like its region (Kherson, Kharkiv) is that region's city, not a
            # namesake village of the region named nearby
            place = _place(mention.text)
            if place is None or place.admin1 != region.name:
                place = _place(mention.text, given_hint())
            if place is not None and place.source != "region":
                found.append(
                    _Where(
                        mention.start,
                        mention.end,
                        place.name,
                        place.admin1,
                        place.country,
                        place.latitude,
                        place.longitude,
                        True,
                    )
                )
                taken.append((mention.start, mention.end))
                continue
        admin1 = "Moscow" if region.name == "Moscow City" else region.name
        regions.append(_Where(mention.start, mention.end, None, admin1, region.country))
        taken.append((mention.start, mention.end))
    for p_start, p_end, place in _places_named(text):
        if any(s <= p_start < e or p_start <= s < p_end for s, e in taken):
            continue
        after = text[p_end : p_end + 40]
        if _FROM_BEFORE.search(text[:p_start]):
            continue
        if _NOT_TARGET_AFTER.match(after):
            continue
        if text[p_start:p_end] in _METONYM_NAMES and _METONYM.match(after):
            continue
        if (place.population or 0) < HINT_OVERRIDE_POPULATION:
            # a namesake is decided by a region of this sentence, even a speaker's
            hint = _nearest_region(regions, p_start, p_end) or (
                titled[0] if titled else None) or given_hint()
            if hint and place.admin1 != hint:
                hinted = _place(text[p_start:p_end], hint)
                place = (
                    hinted
                    if hinted is not None and hinted.admin1 == hint
                    else replace(place, admin1=hint, latitude=None, longitude=None)
                )
        found.append(
            _Where(
                p_start,
                p_end,
                place.name,
                place.admin1,
                place.country,
                place.latitude,
                place.longitude,
                True,
            )
        )
        taken.append((p_start, p_end))
    for match in _NAMED_SETTLEMENT.finditer(text):
        if any(s <= match.start("name") < e for s, e in taken):
            continue
        if _NOT_TARGET_AFTER.match(text[match.end("name") : match.end("name") + 40]):
            continue
        hint = _nearest_region(regions, match.start("name"), match.end("name")) or (
            titled[0] if titled else None) or given_hint()
        place = _place(match.group("name"), hint)
        is_city = match.group("kind").lower() == "city"
        if (
            place is not None
            and hint
            and place.admin1 != hint
            and not is_city
            and (place.population or 0) < HINT_OVERRIDE_POPULATION
        ):
            place = None  # a village of that name elsewhere: keep the name, take the region
        if place is not None and place.source != "region":
            where = _Where(
                match.start("name"),
                match.end("name"),
                place.name,
                place.admin1,
                place.country,
                place.latitude,
                place.longitude,
                is_city,
            )
        else:
            where = _Where(
                match.start("name"),
                match.end("name"),
                match.group("name"),
                None,
                None,
                None,
                None,
                is_city,
            )
        found.append(where)
        taken.append((match.start("name"), match.end("name")))
    for match in _PLACE_IN_REGION.finditer(text):
        name = match.group("name")
        if (
            match.start() == 0
            or any(s <= match.start() < e for s, e in taken)
            or (name in _NOT_PLACES or name in _TITLE_WORDS)
        ):
            continue
        hint = _nearest_region(regions, match.start(), match.end("name"))
        place = _place(name, hint)
        if place is None or place.source == "region" or place.admin1 != hint:
            place = None
        found.append(
            _Where(
                match.start(),
                match.end("name"),
                place.name if place else name,
                hint,
                None,
                place.latitude if place else None,
                place.longitude if place else None,
            )
        )
        taken.append((match.start(), match.end("name")))
    # objects and unknown villages take the region named next to them or in their name
    # ("Crimean Bridge"), else the hint
    for where in objects + found:
        if where.admin1 is None and where.target:
            own = _region_in_name(where.target)
            if own is not None:
                where = replace(where, admin1=own.name, country=own.country)
        if where.admin1 is None:
            after = [r for r in regions if 0 <= r.start - where.end <= _REGION_AFTER_OBJECT]
            before = [r for r in regions if r.end <= where.start]
            region = after[0] if after else (before[-1] if before else None)
            if region is not None:
                where = replace(where, admin1=region.admin1, country=region.country)
            else:
                hint = given_hint()
                hinted = find_regions(hint) if hint else []
                if hint and hinted:
                    where = replace(where, admin1=hint, country=hinted[0].region.country)
        found.append(where)
    # keep one entry per span (the filled one), in text order
    by_span: dict[tuple[int, int], _Where] = {}
    for where in found + regions:
        current = by_span.get((where.start, where.end))
        if current is None or (current.admin1 is None and where.admin1 is not None):
            by_span[(where.start, where.end)] = where
    return tuple(sorted(by_span.values(), key=lambda w: w.start)), hint_read


# --------------------------------------------------------------------------- when


@dataclass(frozen=True)
class _When:
    scope: str = "event"
    event_date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@lru_cache(maxsize=1)
def _scope_fallback() -> tuple[_Cue, ...]:
    return _cues(load_yaml(RULES_FILE)["scope_fallback"], "scope")


def _when(doc: ParsedArticle, text: str, anchor: int) -> _When:
    """Scope and dates of a count at `anchor` (ingest.extract.timing); event by default."""
    mention = time_for(text, anchor, doc.published_date)
    if mention is None:
        for cue in _scope_fallback():
            if _first_match(cue.regex, text, 0):
                return _When(cue.value or "event")
        return _When()
    return _When(mention.scope, mention.event_date, mention.period_start, mention.period_end)


# --------------------------------------------------------------------------- assembly


@dataclass
class _Draft:
    sentence_index: int
    span_start: int
    span_end: int
    evidence: str
    rule_id: str
    attacker_side: str | None
    weapon_class: str
    weapon_system: str | None
    launched: int | None = None
    intercepted: int | None = None
    qualifier: str | None = None
    where: _Where | None = None
    when: _When = field(default_factory=_When)
    claimant: str | None = None
    claimant_side: str | None = None
    counted: bool = True
    part: bool = False  # a part of a breakdown: never receives interceptions
    order: int = 0
    last_seen: int = -1  # latest sentence that spoke of it
    phrase_text: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def target(self) -> str | None:
        return self.where.target if self.where else None

    @property
    def admin1(self) -> str | None:
        return self.where.admin1 if self.where else None


def _classes_match(a: str, b: str, generic_ok: bool = True) -> bool:
    if a == b:
        return True
    return generic_ok and "missile" in (a, b) and a in MISSILE_CLASSES and b in MISSILE_CLASSES


def _systems_match(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _where_match(a: _Where | None, b: _Where | None) -> bool:
    if a is None or b is None:
        return True
    if a.target and b.target:
        return a.target == b.target
    if a.admin1 and b.admin1:
        return _same_region(a.admin1, b.admin1)
    return True


def _same_fact(old: _Draft, new: _Draft) -> bool:
    """The same count said again (headline and body, a summary and its detail)."""
    if old.attacker_side != new.attacker_side and None not in (
        old.attacker_side,
        new.attacker_side,
    ):
        return False
    if not _classes_match(old.weapon_class, new.weapon_class) or not _systems_match(
        old.weapon_system, new.weapon_system
    ):
        return False
    if not _where_match(old.where, new.where) or old.when.scope != new.when.scope:
        return False
    pairs = [(old.launched, new.launched), (old.intercepted, new.intercepted)]
    if any(a is not None and b is not None and a != b for a, b in pairs):
        return False
    return any(a is not None and a == b for a, b in pairs)


def _merge_into(old: _Draft, new: _Draft) -> None:
    old.launched = old.launched if old.launched is not None else new.launched
    old.intercepted = old.intercepted if old.intercepted is not None else new.intercepted
    old.weapon_system = old.weapon_system or new.weapon_system
    if old.weapon_system and old.weapon_class == "missile":
        old.weapon_class = new.weapon_class
    if old.weapon_class == "missile" and new.weapon_class in MISSILE_CLASSES:
        old.weapon_class = new.weapon_class
    old.attacker_side = old.attacker_side or new.attacker_side
    if old.where is None or (
        old.where.target is None and new.where is not None and new.where.target is not None
    ):
        old.where = new.where or old.where
    if old.claimant_side is None:
        old.claimant, old.claimant_side = new.claimant, new.claimant_side


class _Article:
    """The strike drafts of one article, built sentence by sentence."""

    def __init__(self, doc: ParsedArticle) -> None:
        self.doc = doc
        self.drafts: list[_Draft] = []
        # the place memory (see `city_named`): the texts of the sentences read so far that
        # may name places, and the (city, region) each one leaves, found on demand
        self._place_texts: dict[int, str] = {}
        self._memory: dict[int, tuple[_Where | None, str | None]] = {}
        self._wheres: tuple[int, list[_Where]] | None = None  # of the sentence being read
        self.phrases: dict[int, list[WeaponPhrase]] = {}
        self.last_attacker: tuple[int, str] | None = None  # sentence index, side
        self._order = 0

    # -- helpers
    def add(self, draft: _Draft) -> _Draft:
        for old in self.drafts:
            if (
                old.counted
                and draft.counted
                and not (old.part or draft.part)
                and (_same_fact(old, draft))
            ):
                _merge_into(old, draft)
                old.last_seen = max(old.last_seen, draft.sentence_index)
                return old
        self._order += 1
        draft.order = self._order
        draft.last_seen = max(draft.last_seen, draft.sentence_index)
        self.drafts.append(draft)
        return draft

    def phrases_before(self, sentence_index: int, window: int = 2) -> list[WeaponPhrase]:
        """Weapons named in the few sentences before this one, in order."""
        return [
            p
            for i in range(sentence_index - window, sentence_index)
            for p in self.phrases.get(i, [])
        ]

    # -- the place memory: the latest city and region named before a sentence, for "the
    # city" and for villages named without their region (the region of the last three
    # sentences decides between namesakes, `_find_where`)
    #
    # Each sentence's part of the memory is found only when a later sentence reads it:
    # most sentences are never read back. What a sentence leaves depends on the region
    # of the three before it only when its places need that hint (`_places_need_hint`),
    # so a reading goes back only as far as such sentences chain it; the memory is the
    # one that reading every sentence in turn would leave.

    def city_named(self, index: int, window: int | None = None) -> _Where | None:
        """The city last named before sentence `index`, if named within `window`
        sentences before it (any time before when None)."""
        stop = -1 if window is None else max(-1, index - window - 1)
        for k in range(index - 1, stop, -1):
            city = self._memory_of(k)[0]
            if city is not None:
                return city
        return None

    def region_named(self, index: int, window: int) -> str | None:
        """The region last named before sentence `index`, if within `window` sentences."""
        for k in range(index - 1, max(-1, index - window - 1), -1):
            region = self._memory_of(k)[1]
            if region is not None:
                return region
        return None

    def wheres(self, index: int, text: str) -> list[_Where]:
        """The places named in sentence `index` (being read), found on first use."""
        if self._wheres is None or self._wheres[0] != index:
            wheres = _find_where(text, None)
            if _places_need_hint(text):
                wheres = _find_where(text, self.region_named(index, HINT_WINDOW))
            self._wheres = (index, wheres)
        return self._wheres[1]

    def finish_places(self, index: int, text: str, read: bool) -> None:
        """Sentence `index` has been read (`read`: past the strike gate; a sentence that
        is not may name a place only with a capital letter): its part of the memory,
        from its places if they were found, else found when a later sentence reads it."""
        if self._wheres is not None and self._wheres[0] == index:
            self._memory[index] = _memory_from(text, self._wheres[1])
        elif read or _CAPITAL_LETTER.search(text):  # no place is named without a capital
            self._place_texts[index] = text

    def _memory_of(self, index: int) -> tuple[_Where | None, str | None]:
        """(city, region) that sentence `index` leaves in the memory; the sentences whose
        regions its hint needs first (a stack, not recursion: chains can be long)."""
        stack = [index]
        while stack:
            k = stack[-1]
            if k in self._memory:
                stack.pop()
                continue
            text = self._place_texts.get(k)
            if text is None:
                self._memory[k] = (None, None)
                stack.pop()
                continue
            wheres = _find_where(text, None)
            if _places_need_hint(text):
                # the hint: the region of the latest of the sentences before naming one
                hint: str | None = None
                missing: int | None = None
                for before in range(k - 1, max(-1, k - HINT_WINDOW - 1), -1):
                    if before not in self._memory:
                        missing = before
                        break
                    hint = self._memory[before][1]
                    if hint is not None:
                        break
                if missing is not None:
                    stack.append(missing)  # that sentence first
                    continue
                wheres = _find_where(text, hint)
            self._memory[k] = _memory_from(text, wheres)
            stack.pop()
        return self._memory[index]

    def recent(self, sentence_index: int) -> list[_Draft]:
        """Counted drafts of this and the previous sentences, most recent first."""
        return [
            d
            for d in sorted(self.drafts, key=lambda d: (-d.last_seen, -d.order))
            if d.counted and sentence_index - d.last_seen <= PAIR_WINDOW
        ]

    def has_recent(self, sentence_index: int) -> bool:
        """bool(self.recent(sentence_index)), without sorting."""
        return any(
            d.counted and sentence_index - d.last_seen <= PAIR_WINDOW for d in self.drafts
        )

    def antecedent(self, sentence_index: int, count: _Count, attacker: str | None) -> _Draft | None:
        for draft in self.recent(sentence_index):
            if draft.part or draft.launched is None:
                continue
            if count.role == "intercepted" and (
                draft.intercepted is not None or count.value > draft.launched
            ):
                continue
            if count.weapon is not None and not _classes_match(
                draft.weapon_class, count.weapon.weapon_class
            ):
                continue
            if count.weapon is not None and not _systems_match(
                draft.weapon_system, count.weapon.system
            ):
                continue
            if count.noun and count.noun not in draft.phrase_text.lower():
                continue
            if attacker and draft.attacker_side and attacker != draft.attacker_side:
                continue
            return draft
        return None


_BREAKDOWN_START = re.compile(r"^[^.;:]{0,80}?(?::|\s[–—]\s|,\s+including\s)")
_EACH = re.compile(r"^\s*each\b", re.IGNORECASE)


def _breakdown(text: str, count: _Count, counts: list[_Count]) -> list[tuple[_Count, _Where]]:
    """Parts of a total per region: "21 drones: seven over the Smolensk region, six ..."."""
    opener = _BREAKDOWN_START.match(text[count.end :])
    if not opener:
        return []
    begin = count.end + opener.end()
    if any(c.start < begin and c.start > count.start for c in counts):
        return []
    numbers = [n for n in find_numbers(text[begin:])]
    parts: list[tuple[_Count, _Where]] = []
    for k, num in enumerate(numbers):
        item_end = numbers[k + 1].start if k + 1 < len(numbers) else len(text) - begin
        item = text[begin + num.end : begin + item_end]
        if not re.match(
            r"^\s*(?:each\s+)?(?:over|in|above|near|across|on|from)\s", item, re.IGNORECASE
        ):
            continue
        regions = [r for r in find_regions(item)]
        if not regions:
            continue
        chosen = regions if _EACH.match(item) else regions[:1]
        for region in chosen:
            part = _Count(
                num.value,
                num.qualifier,
                begin + num.start,
                begin + num.end,
                count.weapon,
                role=count.role,
                role_rule="structure.breakdown",
            )
            where = _Where(part.start, part.end, None, region.region.name, region.region.country)
            parts.append((part, where))
    return parts


_CLAUSE_STOP = re.compile(
    r",\s+(?:causing|killing|leaving|injuring|wounding|where|which|"
    r"damaging|setting|sparking|according|as)\b|;|:|\.\s",
    re.IGNORECASE,
)
# Where a count's own place can be: not in its breakdown ("337 drones, including 91 over ...").
_COUNT_STOP = re.compile(rf"{_CLAUSE_STOP.pattern}|,\s+including\b", re.IGNORECASE)
_TARGET_PREPOSITION = re.compile(
    r"\b(?:at|on|in|into|near|over|against|toward|towards|targeting|outside|around|above|"
    r"off|across|of)\s+(?:(?:the|an?|its|Ukraine's|Russia's|Ukraine’s|Russia’s)\s+)?"
    r"(?:[\w'’-]+\s+){0,5}?$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|over|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}"
    r"(?:of\s+)?$",
    re.IGNORECASE,
)
_ARTILLERY_WORDS = re.compile(
    r"\bshell(?:ed|s|ing)?\b|\bartillery\b|\bunder\s+fire\b|"
    r"\bopened\s+fire\b|\bmortars?\b",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\balso\b|\bagain\b|\bthe\s+(?:attack|strike|barrage)\b", re.IGNORECASE)
_THAT_ATTACK = re.compile(
    r"\b(?:that|this|the)\s+(?:attack|strike|barrage|assault|operation|raid)\b", re.IGNORECASE
)


def _victim_country(attacker: str | None) -> str | None:
    """The country hit when only the attacker is known: Russia's attacks land in Ukraine;
    Ukraine's may land in Russia or in occupied Ukraine, so they give none."""
    return "UA" if attacker == "RU" else None


_COUNTRY_TARGET = re.compile(
    r"\b(?:at|against|on|over|across|into|inside|above)\s+(?:the\s+)?(?P<who>Russia|Ukraine|"
    r"Russian|Ukrainian)(?:\s+(?:regions|territory|soil|cities|airspace))?\b(?!['’])",
    re.IGNORECASE,
)


def _where_for_count(
    text: str,
    count: _Count,
    wheres: list[_Where],
    article: _Article,
    index: int,
    attacker: str | None,
) -> _Where | None:
    """Where a count's weapons went: a place after a target preposition in its clause ("at
    Odesa port", "near the village of Lotarevka"), a locative place before it ("In the
    Leningrad region, ... 10 drones"), "the capital" / "the city", a region, a country."""
    stop = _first_match(_COUNT_STOP, text, count.end)
    limit = stop.start() if stop else len(text)
    clause = _clause_start(text, count.start)
    after = [
        w
        for w in wheres
        if count.start <= w.start < limit
        and _TARGET_PREPOSITION.search(text[max(0, w.start - 60) : w.start])
    ]
    target = next((w for w in after if w.target), None)
    region = next(
        (
            w
            for w in wheres
            if w.target is None
            and w.admin1
            and (
                clause <= w.start < limit
                or (w.start < count.start and _LOCATIVE_BEFORE.search(text[: w.start]))
            )
        ),
        None,
    )
    if target is None:
        before = [
            w
            for w in wheres
            if w.start < count.start and w.target and _LOCATIVE_BEFORE.search(text[: w.start])
        ]
        target = before[-1] if before else _passive_subject(text, wheres, count.start)
    if target is None:
        capital = _first_match(_CAPITAL, text, count.start, limit)
        if capital and attacker in OPPOSITE:
            place = _place(CAPITALS[OPPOSITE[attacker]])
            if place is not None:
                target = _Where(
                    capital.start(),
                    capital.end(),
                    place.name,
                    place.admin1,
                    place.country,
                    place.latitude,
                    place.longitude,
                    True,
                )
        elif _first_match(_THE_CITY, text, clause, limit):
            target = article.city_named(index)
    if target is not None:
        return target
    if region is not None:
        if _joined_region(text, region, wheres):
            # "over the Kursk and Belgorod regions": no single region; the country stays
            return _Where(region.start, region.end, None, None, region.country)
        return region
    listed = [w for w in wheres if count.start <= w.start < limit and w.target and w.admin1]
    if len(listed) >= 2 and len({w.admin1 for w in listed}) == 1:
        # "256 drones attacked Huliaipole, Orikhiv and Bilenke": several places, one region
        return _Where(listed[0].start, listed[-1].end, None, listed[0].admin1,
                      listed[0].country)
    country = _first_match(_COUNTRY_TARGET, text, clause, limit)
    if country:
        side = "RU" if country.group("who").lower().startswith("russia") else "UA"
        return _Where(country.start(), country.end(), None, None, side)
    return None


_OWN_FORCES = re.compile(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:forces|troops|units|military|army|navy|drones|"
    r"missiles|air\s+force|soldiers|servicemen|defenders|fighters)\b",
    re.IGNORECASE,
)
# "Kharkiv was hit by two ballistic missiles", "Nikopol was shelled with artillery": the
# place hit is the subject of a passive attack verb.
_PASSIVE_HIT = re.compile(
    r"\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are|came|comes)\s+"
    r"(?:\w+ly\s+|again\s+|also\s+|once\s+again\s+)?(?:hit|struck|attacked|shelled|targeted|"
    r"bombed|pounded|bombarded|under\s+(?:\w+\s+)?(?:attack|fire))\b"
    r"(?:\s+(?:by|with)\b(?:\s+[\w-]+){0,4})?",
    re.IGNORECASE,
)
PASSIVE_REACH = 30  # characters between the passive verb phrase and the count


def _passive_subject(text: str, wheres: list[_Where], pos: int) -> _Where | None:
    """The place named as the subject of a passive attack verb that ends near `pos`."""
    for where in wheres:
        if where.target is None or where.end > pos:
            continue
        match = _PASSIVE_HIT.match(text, where.end)
        if match and match.start() == where.end and pos - PASSIVE_REACH <= match.end() + 1 \
                and match.start() < pos:
            return where
    return None


_REGION_LIST_GLUE = re.compile(r"^\s*(?:,\s*and|,|and|or)\s+(?:the\s+|in\s+|over\s+)?$",
                               re.IGNORECASE)


def _joined_region(text: str, region: _Where, wheres: list[_Where]) -> bool:
    """Whether the region is one of a list of regions ("the Kursk and Belgorod regions")."""
    for other in wheres:
        if other.target is not None or not other.admin1 or other.admin1 == region.admin1:
            continue
        first, second = (region, other) if region.start < other.start else (other, region)
        if _REGION_LIST_GLUE.match(text[first.end : second.start]):
            return True
    return False


_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+|also\s+)?$", re.IGNORECASE
)
_REPEATED = re.compile(
    r"\b(?:repeatedly|regularly|daily|every\s+day|constantly|frequently|"
    r"almost\s+daily|again\s+and\s+again)\b",
    re.IGNORECASE,
)
_TARGET_GLUE = re.compile(
    r"^(?:\s+(?:air\s+)?(?:bases?|airfields?|area|district))?(?:\s+(?:in|near)\s+(?:the\s+)?"
    r"[\w'’ -]{1,40}?\s+(?:region|oblast|province))?\s*(?:,|and|,\s*and)\s+"
    r"(?:(?:the|an?)\s+(?:[\w-]+\s+){0,5}?(?:in|near|at|to|of)\s+|the\s+)?"
    r"(?:(?:cities|towns|villages)\s+of\s+)?$",
    re.IGNORECASE,
)
_SHIP = re.compile(
    r"\b(?:the\s+|this\s+)(?:[\w-]+\s+){0,3}?(?:ship|vessel|warship|boat|"
    r"submarine|frigate|corvette)\b",
    re.IGNORECASE,
)
_DEFINITE_OBJECT = re.compile(
    r"\bthe\s+(?:hospital|site|building|city|capital|plant|"
    r"facility|clinic|school|station|port)\b",
    re.IGNORECASE,
)


_VICTIM_OBJECT = re.compile(
    r"\s+(?:(?:on|against|at|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\s+)?(?:on|against|at|targeting)?\s*(?:an?|the|another|two|several)?\s*"
    r"(?:\w+\s+)?(?P<side>Russian|Ukrainian|Russia['’]s|Ukraine['’]s)\s+"
    r"(?!(?:air\s+defen|officials|authorities|media|forces\s+said))",
    re.IGNORECASE,
)


def _context_attacker(article: _Article, sentence_index: int) -> str | None:
    if article.last_attacker and sentence_index - article.last_attacker[0] <= 2:
        return article.last_attacker[1]
    return None


def _place_attacker(where: _Where | None) -> str | None:
    """The attacker a place implies: Ukraine hits Russia and occupied Crimea; Russia hits the
    rest of Ukraine."""
    if where is None or where.country is None:
        return None
    if where.country == "RU" or where.admin1 in ("Crimea", "Sevastopol"):
        return "UA"
    return "RU"


def _countless_attacker(
    text: str,
    verb_start: int,
    verb_end: int,
    phrases: list[WeaponPhrase],
    article: _Article,
    sentence_index: int,
) -> str | None:
    rules = strike_rules()
    by = _BY_SIDE.search(text[verb_end : verb_end + 80])
    if by:
        return "RU" if by.group("who").lower().startswith("russia") else "UA"
    victim = _VICTIM_OBJECT.match(text, verb_end)
    if victim:
        side = _side_cues(victim.group("side"), rules.attacker)
        if side:
            return OPPOSITE.get(side[0][2])
    clause = _clause_start(text, verb_start)
    if _PASSIVE_BEFORE.search(text[:verb_start]):
        cues = _side_cues(text[clause:verb_start], rules.attacker)
        if cues:
            return OPPOSITE.get(cues[-1][2])
    else:
        subject = _subject_side(text, clause, verb_end)
        if subject:
            return subject
    for phrase in phrases:
        if phrase.origin_side in OPPOSITE:
            return phrase.origin_side
    if _ALSO.search(text) or phrases:
        return _context_attacker(article, sentence_index)
    return None


def _hit_targets(text: str, hit_start: int, hit_end: int, wheres: list[_Where]) -> list[_Where]:
    """The places hit: the first named after the verb in its clause, and those listed with
    it ("the cities of Kryvyi Rih and Dnipro")."""
    stop = _CLAUSE_STOP.search(text, hit_end)
    limit = stop.start() if stop else len(text)
    after = [w for w in wheres if hit_start <= w.start < limit and w.target]
    if not after or after[0].start - hit_end > 90:
        return []
    targets = [after[0]]
    for where in after[1:]:
        if _TARGET_GLUE.match(text[targets[-1].end : where.start]):
            targets.append(where)
        else:
            break
    return targets


WINDOW_REACH = 60  # characters between an attack word and the window it is told over


def _stated_window(doc: ParsedArticle, text: str, v_start: int, v_end: int) -> _When | None:
    """A period or cumulative window stated right beside a countless attack's verb."""
    mention = time_for(text, v_start, doc.published_date)
    if mention is None or mention.scope == "event":
        return None
    gap = v_start - mention.end if mention.end <= v_start else mention.start - v_end
    if not 0 <= gap <= WINDOW_REACH:
        return None
    return _When(mention.scope, mention.event_date, mention.period_start, mention.period_end)


def _countless(
    article: _Article,
    sentence_index: int,
    text: str,
    offset: int,
    phrases: list[WeaponPhrase],
    claimant: str | None,
    claimant_side: str | None,
) -> list[_Draft]:
    """Attacks named with a place but no count: "Russia hit a blood transfusion center in
    Kharkiv" -> unspecified, target Kharkiv."""
    rules = strike_rules()
    hits = sorted(
        (m.start(), m.end(), cue.rule_id)
        for cue in rules.hit
        for m in cue.regex.finditer(text)
        if not rules.hit_exceptions.search(text[max(0, m.start() - 40) : m.start()])
    )
    if not hits:
        return []
    wheres = article.wheres(sentence_index, text)
    when = _when(article.doc, text, 0)
    chosen: tuple[int, int, str] | None = None
    targets: list[_Where] = []
    for hit in hits:
        targets = _hit_targets(text, hit[0], hit[1], wheres)
        if targets:
            chosen = hit
            break
    if chosen is None:
        chosen = hits[0]
        targets = [
            w
            for w in wheres
            if w.start < chosen[0] and w.target and _LOCATIVE_BEFORE.search(text[: w.start])
        ][-1:]
    v_start, v_end, rule_id = chosen
    if not targets:
        subject = _passive_subject(text, wheres, v_end + 1)
        targets = [subject] if subject is not None else []
    if not targets:
        targets = [w for w in wheres if w.target is None and w.admin1][:1]
    if not targets and phrases and _DEFINITE_OBJECT.search(text):
        city = article.city_named(sentence_index, CITY_WINDOW)
        targets = [city] if city is not None else []
    if not targets and phrases and _SHIP.search(text):
        region = article.region_named(sentence_index, 2)
        if region is not None:
            matches = find_regions(region)
            targets = [
                _Where(0, 0, None, region, matches[0].region.country if matches else None)
            ]
    if not targets:
        return []
    attacker = _countless_attacker(text, v_start, v_end, phrases, article, sentence_index)
    if attacker is None and claimant_side in OPPOSITE and _OWN_FORCES.search(
            text[_clause_start(text, v_start) : v_start]):
        attacker = claimant_side  # "the General Staff said its forces had struck ..."
    if attacker is None and (phrases or _ARTILLERY_WORDS.search(text)):
        attacker = _place_attacker(targets[0])
    if attacker is None:
        return []
    span_start = _clause_start(text, v_start)
    span_end = max([v_end, *(w.end for w in targets)]) + 60
    near = sorted(
        (p for p in phrases if span_start <= p.start < span_end),
        key=lambda p: abs(p.start - v_start),
    )
    earlier = article.phrases_before(sentence_index) if _THAT_ATTACK.search(text) else []
    if near:
        weapon_class, system = near[0].weapon_class, near[0].system
    elif earlier:
        weapon_class, system = earlier[-1].weapon_class, earlier[-1].system
    elif _ARTILLERY_WORDS.search(text):
        weapon_class, system = "artillery", None
    else:
        weapon_class, system = "unspecified", None
    stated = _stated_window(article.doc, text, v_start, v_end)
    if stated is not None:
        when = stated  # "since the beginning of 2024, Russian attacks had killed ..."
    elif when.scope == "event" or not _REPEATED.search(text):
        when = replace(when, scope="period" if _REPEATED.search(text) else "event")
    drafts = []
    seen: set[str | None] = set()
    for where in targets:
        key = where.target or where.admin1
        if key in seen:
            continue
        seen.add(key)
        filled = where
        if where.country is None:
            filled = replace(where, country=_victim_country(attacker))
        drafts.append(
            _Draft(
                sentence_index=sentence_index,
                span_start=offset + min(v_start, where.start),
                span_end=offset + max(v_end, where.end),
                evidence=text,
                rule_id=rule_id,
                attacker_side=attacker,
                weapon_class=weapon_class,
                weapon_system=system,
                where=filled,
                when=when,
                claimant=claimant,
                claimant_side=claimant_side,
                counted=False,
            )
        )
    return drafts


def _count_values(count: _Count) -> tuple[int | None, int | None, str]:
    """(launched, intercepted, rule_id) of a count with a weapon."""
    rule_id = count.role_rule or "launch.default"
    if count.of_total is not None:
        intercepted = count.value if count.role == "intercepted" else None
        return count.of_total, intercepted, "structure.partitive"
    if count.role == "intercepted":
        return (count.value if count.also_launched else None), count.value, rule_id
    return count.value, None, rule_id


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _has_hit_verb(text: str) -> bool:
    return strike_rules().hit_any_fast.search(text, ascii_lowered(text)) is not None


def _read_sentence(article: _Article, index: int) -> None:
    doc = article.doc
    sentence = doc.sentences[index]
    text = sentence.text[:MAX_SENTENCE_CHARS]
    rules = strike_rules()
    phrases = find_weapon_phrases(text)
    article.phrases[index] = phrases
    # a strike needs a weapon, a hit verb, or a number answering a recent count
    if (
        not phrases
        and not _has_hit_verb(text)
        and not (
            article.has_recent(index)
            and (find_numbers(text) or rules.all_of_them.search(text))
        )
    ):
        article.finish_places(index, text, read=False)
        return
    recent = article.has_recent(index)
    attribution = attribute(doc, index)
    claimant, claimant_side = attribution.claimant, attribution.side
    counts = _find_counts(text, phrases)
    _assign_roles(text, counts)
    attack_context = bool(rules.attack_context_fast.search(text, ascii_lowered(text)))
    made: list[_Draft] = []
    for count in counts:
        if count.article and (count.role != "intercepted" or count.role_rule == "launch.default"):
            continue
        if (
            count.role_rule in ("launch.default", "launch.barrage")
            and not attack_context
            and not (recent and count.role_rule == "launch.barrage")
        ):
            continue  # "the package included 100 ATACMS missiles" is no attack
        when = _when(doc, text, count.start)
        attacker = _attacker_for(text, count, count.weapon, count.role or "launched")
        if count.anaphoric and count.of_total is None:
            ante = article.antecedent(index, count, attacker)
            if ante is not None and count.role == "intercepted":
                ante.intercepted = count.value
                ante.last_seen = index
                ante.span_end = max(ante.span_end, sentence.start + count.end)
                if ante.claimant_side is None:
                    ante.claimant, ante.claimant_side = claimant, claimant_side
                continue
            if count.weapon is None:
                base = next(iter(article.recent(index)), None)
                if (
                    base is not None
                    and count.role == "launched"
                    and re.match(r"^\s*more\b", text[count.end :], re.IGNORECASE)
                ):
                    made.append(
                        article.add(
                            _Draft(
                                index,
                                sentence.start + count.start,
                                sentence.start + count.end,
                                text,
                                count.role_rule or "launch.default",
                                base.attacker_side,
                                base.weapon_class,
                                base.weapon_system,
                                launched=count.value,
                                qualifier=count.qualifier,
                                where=_where_for_count(
                                    text,
                                    count,
                                    article.wheres(index, text),
                                    article,
                                    index,
                                    base.attacker_side,
                                ),
                                when=when,
                                claimant=claimant,
                                claimant_side=claimant_side,
                                phrase_text=base.phrase_text,
                            )
                        )
                    )
                continue
        weapon = count.weapon
        if weapon is None or count.value == 0:
            continue  # "none of them" only ever answers a launch named before
        launched, intercepted, rule_id = _count_values(count)
        where = _where_for_count(
            text, count, article.wheres(index, text), article, index, attacker
        )
        if attacker is None:
            attacker = (
                _place_attacker(where)
                or _context_attacker(article, index)
                or (OPPOSITE.get(claimant_side or "") if intercepted else None)
            )
        if where is not None and where.country is None:
            where = replace(where, country=_victim_country(attacker))
        if launched is None and not count.other:
            ante = article.antecedent(index, count, attacker)
            if ante is not None:
                ante.intercepted = intercepted
                ante.last_seen = index
                if ante.claimant_side is None:
                    ante.claimant, ante.claimant_side = claimant, claimant_side
                ante.weapon_system = ante.weapon_system or weapon.system
                continue
        draft = _Draft(
            index,
            sentence.start + count.start,
            sentence.start + count.end,
            text,
            rule_id,
            attacker,
            weapon.weapon_class,
            weapon.system,
            launched=launched,
            intercepted=intercepted,
            qualifier=count.qualifier,
            where=where,
            when=when,
            claimant=claimant,
            claimant_side=claimant_side,
            phrase_text=weapon.text,
        )
        made.append(article.add(draft))
        parts = _breakdown(text, count, counts)
        countries = {w.country for _p, w in parts}
        if parts and draft.where is None and len(countries) == 1:
            draft.where = _Where(0, 0, None, None, countries.pop())
        for part, part_where in parts:
            made.append(
                article.add(
                    _Draft(
                        index,
                        sentence.start + part.start,
                        sentence.start + part.end,
                        text,
                        "structure.breakdown",
                        attacker,
                        weapon.weapon_class,
                        weapon.system,
                        launched=part.value if count.role != "intercepted" else None,
                        intercepted=part.value if count.role == "intercepted" else None,
                        qualifier=part.qualifier,
                        where=part_where,
                        when=when,
                        claimant=claimant,
                        claimant_side=claimant_side,
                        part=True,
                        phrase_text=weapon.text,
                    )
                )
            )
    if rules.all_of_them.search(text):
        _all_intercepted(article, index)
    _parts_of_intercepted_total(article, made)
    _system_without_count(article, index, text, phrases, counts)
    if not made:
        for draft in _countless(
            article,
            index,
            text,
            sentence.start,
            phrases,
            claimant,
            claimant_side,
        ):
            made.append(article.add(draft))
    for draft in made:
        if draft.attacker_side:
            article.last_attacker = (index, draft.attacker_side)
    article.finish_places(index, text, read=True)


_CAPITAL_LETTER = re.compile(r"[A-Z]")


def _memory_from(text: str, wheres: list[_Where]) -> tuple[_Where | None, str | None]:
    """(city, region) a sentence leaves in the place memory: the last city it names (in any
    role, "Kyiv mayor Vitali Klitschko", when none as a place) and the last region."""
    cities: Sequence[_Where] = [w for w in wheres if w.is_city] or _cities_named(text)
    regions = [w.admin1 for w in wheres if w.admin1]
    return (cities[-1] if cities else None, regions[-1] if regions else None)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _cities_named(text: str) -> tuple[_Where, ...]:
    """Towns named in any role ("Kyiv mayor Vitali Klitschko"), for "the city" later."""
    return tuple(
        _Where(s, e, p.name, p.admin1, p.country, p.latitude, p.longitude, True)
        for s, e, p in _places_named(text)
        if (p.population or 0) >= HINT_OVERRIDE_POPULATION
        and not (text[s:e] in _METONYM_NAMES and _METONYM.match(text[e : e + 40]))
    )


def _all_intercepted(article: _Article, index: int) -> None:
    """ "Every one of them was shot down": the latest launches were all intercepted."""
    recent = [d for d in article.recent(index) if d.launched is not None and not d.part]
    if not recent:
        return
    latest = max(d.sentence_index for d in recent)
    for draft in recent:
        if draft.sentence_index == latest and draft.intercepted is None:
            draft.intercepted = draft.launched
            draft.rule_id = "structure.all_intercepted"


def _parts_of_intercepted_total(article: _Article, made: list[_Draft]) -> None:
    """A breakdown of a total said to be all intercepted is all intercepted too."""
    parts = [d for d in made if d.launched is not None and not d.part]
    if len(parts) < 2 or all(d.intercepted is not None for d in parts):
        return
    total = sum(d.launched or 0 for d in parts)
    for old in article.drafts:
        if old in made or old.launched != total or old.intercepted != old.launched:
            continue
        for draft in parts:
            if draft.intercepted is None:
                draft.intercepted = draft.launched
        return


_INCLUDING_BEFORE = re.compile(
    r"\b(?:including|among\s+them|such\s+as|of\s+which)\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


def _system_without_count(
    article: _Article, index: int, text: str, phrases: list[WeaponPhrase], counts: list[_Count]
) -> None:
    """ "The attack was carried out with Iskander-M missiles": name the system of the
    latest counted fact of that class that has none (not "38 missiles ..., including
    Kinzhal missiles", which names only some of them)."""
    counted_systems = {c.weapon.system for c in counts if c.weapon is not None}
    for phrase in phrases:
        if phrase.system is None or phrase.system in counted_systems:
            continue
        if _INCLUDING_BEFORE.search(text[: phrase.start]):
            continue
        for draft in article.recent(index):
            if (
                draft.weapon_system is None
                and draft.weapon_class == phrase.weapon_class
                and (
                    draft.attacker_side in (None, phrase.origin_side) or phrase.origin_side is None
                )
            ):
                draft.weapon_system = phrase.system
                break


# --------------------------------------------------------------------------- tallies


_TALLY_MISSILES = re.compile(
    r"^[ \t]*(?:[-•*–—]\s{0,3})?(?P<label>cruise\s+missiles|missiles)\s{0,3}[–—:-]\s{0,3}"
    r"(?P<total>\d{1,3}(?:[,\u00a0 ]\d{3})+|\d{1,6})"
    r"(?:\s{0,3}\(\s{0,2}\+\s{0,2}(?P<inc>\d{1,5})\s{0,2}\))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _tally_drafts(article: _Article) -> list[_Draft]:
    """Cruise-missile rows of a General Staff loss tally: interceptions, cumulative (+N:
    the day's, event). Only in a document that has a tally (rows with increments)."""
    doc = article.doc
    if len(parse_tally_lines(doc)) < 3:
        return []
    drafts = []
    for match in _TALLY_MISSILES.finditer(doc.body):
        index = next(
            (s.index for s in doc.sentences if s.start <= match.start("total") < s.end), None
        )
        if index is None:
            continue
        attribution = attribute(doc, index)
        side = OPPOSITE.get(attribution.side or "UA", "RU")
        cls = "cruise_missile" if match.group("label").lower().startswith("cruise") else "missile"
        values = [
            (
                int(re.sub(r"\D", "", match.group("total"))),
                "cumulative",
                match.start("total"),
                match.end("total"),
            )
        ]
        if match.group("inc"):
            values.append((int(match.group("inc")), "event", match.start("inc"), match.end("inc")))
        for value, scope, start, end in values:
            drafts.append(
                _Draft(
                    index,
                    start,
                    end,
                    doc.sentences[index].text,
                    "structure.tally",
                    side,
                    cls,
                    None,
                    intercepted=value,
                    qualifier="exact",
                    where=_Where(0, 0, None, None, OPPOSITE.get(side)),
                    when=_When(scope),
                    claimant=attribution.claimant,
                    claimant_side=attribution.side,
                )
            )
    return drafts


# --------------------------------------------------------------------------- output


def _compatible_classes(a: str, b: str) -> bool:
    vague = {"unspecified", "mixed"}
    return a == b or a in vague or b in vague or (a in MISSILE_CLASSES and b in MISSILE_CLASSES)


def _same_region(a: str | None, b: str | None) -> bool:
    return (
        a is not None
        and b is not None
        and (a == b or b in equivalent_regions(a) or a in equivalent_regions(b))
    )


def _names_region(draft: _Draft) -> bool:
    """Whether the attack names only a region, or a city that names its region ("Kursk")."""
    return draft.target is None or draft.target == draft.admin1


def _rank(draft: _Draft) -> int:
    """How much a fact says: counted, then a named weapon, then a weapon class."""
    return (
        4 * draft.counted
        + 2 * (draft.weapon_system is not None)
        + (draft.weapon_class != "unspecified")
    )


def _covers(other: _Draft, draft: _Draft) -> bool:
    """Whether `other` already tells of the countless attack `draft`."""
    if (
        other is draft
        or other.attacker_side != draft.attacker_side
        or not (
            _compatible_classes(other.weapon_class, draft.weapon_class)
            # a headline's "missile attack" is often the rockets (HIMARS, Grad) of the body
            or {other.weapon_class, draft.weapon_class} == {"missile", "rocket"}
        )
    ):
        return False
    if draft.target and other.target == draft.target:
        return (_rank(other), -other.order) > (_rank(draft), -draft.order)
    if {other.weapon_class, draft.weapon_class} == {"missile", "rocket"}:
        return False  # only the same target makes a "missile attack" the rockets told of
    if not _same_region(other.admin1, draft.admin1) or other.when.scope != draft.when.scope:
        return False
    if draft.target is None:
        # "Ukrainian artillery fire in the Belgorod region" beside a counted attack there
        return other.counted or (
            other.sentence_index == draft.sentence_index and other.order < draft.order
        )
    # "ATACMS strikes on Kursk" beside attacks on named places of the Kursk region
    return _names_region(draft) and other.target is not None and other.target != draft.target


def _drop_covered(drafts: list[_Draft]) -> list[_Draft]:
    """Attacks without a count that another fact already covers (see `_covers`)."""
    return [d for d in drafts if d.counted or not any(_covers(other, d) for other in drafts)]


def _place_counts_of_named_attack(drafts: list[_Draft]) -> list[_Draft]:
    """ "... the attack on Russia's Rostov region. That attack used six ATACMS and four Storm
    Shadow missiles": the counts take the place of the attack named just before, which
    they then tell of."""
    dropped: set[int] = set()
    for draft in drafts:
        if draft.counted:
            continue
        followers = [
            d
            for d in drafts
            if d.counted
            and d.where is None
            and d.attacker_side == draft.attacker_side
            and 0 < d.sentence_index - draft.sentence_index <= 1
            and (
                (_THAT_ATTACK.search(d.evidence)
                 and _compatible_classes(d.weapon_class, draft.weapon_class))
                or _same_speaker_region_attack(draft, d)
            )
        ]
        if followers:
            for follower in followers:
                follower.where = draft.where
            dropped.add(id(draft))
    return [d for d in drafts if id(d) not in dropped]


def _same_speaker_region_attack(draft: _Draft, follower: _Draft) -> bool:
    """ "The enemy attacked the Odesa region with attack drones. Air defence forces destroyed
    11 UAVs.": one speaker tells of an attack on a region, then counts its weapons."""
    return (
        draft.target is None
        and draft.admin1 is not None
        and draft.claimant is not None
        and follower.claimant == draft.claimant
        and follower.weapon_class == draft.weapon_class
        and draft.weapon_class not in ("unspecified", "mixed")
    )


def _drop_location_lost(drafts: list[_Draft]) -> list[_Draft]:
    """Drones "locationally lost" to electronic warfare beside the attack's launch count are
    part of that attack (ANNOTATION.md accepts the shot-down figure), not an attack of their
    own: "shot down 48 of 84 drones ... 35 drones were locationally lost"."""
    launches = [(d.sentence_index, d.weapon_class) for d in drafts
                if d.counted and d.launched is not None]
    return [
        d for d in drafts
        if not (d.rule_id == "intercept.location_lost" and d.launched is None and any(
            0 <= d.sentence_index - index <= 1 and _compatible_classes(cls, d.weapon_class)
            for index, cls in launches))
    ]


def _absorb_subsumed(drafts: list[_Draft]) -> list[_Draft]:
    """A count that another fact states in full ("Kyiv downs six Kinzhals" beside
    "six Kinzhal ... every one of them was shot down") is the same fact."""
    kept: list[_Draft] = []
    for draft in drafts:
        if not draft.counted or draft.part:
            kept.append(draft)
            continue
        fuller = next(
            (
                o
                for o in drafts
                if o is not draft
                and o.counted
                and not o.part
                and o.launched is not None
                and o.intercepted is not None
                and (draft.launched is None or draft.intercepted is None)
                and draft.launched in (None, o.launched)
                and draft.intercepted in (None, o.intercepted)
                and o.attacker_side == draft.attacker_side
                and o.weapon_class == draft.weapon_class
                and _systems_match(o.weapon_system, draft.weapon_system)
                and o.when.scope == draft.when.scope
            ),
            None,
        )
        if fuller is None:
            kept.append(draft)
            continue
        fuller.weapon_system = fuller.weapon_system or draft.weapon_system
    return kept


def _to_fact(doc: ParsedArticle, draft: _Draft) -> Fact:
    where = draft.where
    weapon_class = draft.weapon_class if draft.weapon_class in WEAPON_CLASSES else "unspecified"
    has_count = draft.launched is not None or draft.intercepted is not None
    return Fact(
        article_id=doc.article_id,
        fact_type="strike",
        sentence_index=draft.sentence_index,
        span_start=draft.span_start,
        span_end=draft.span_end,
        evidence=draft.evidence,
        rule_id=draft.rule_id,
        claimant=draft.claimant,
        claimant_side=draft.claimant_side,
        qualifier=(draft.qualifier or "exact") if has_count else None,
        attacker_side=draft.attacker_side,
        weapon_class=weapon_class,
        weapon_system=draft.weapon_system,
        launched=draft.launched,
        intercepted=draft.intercepted,
        target_place=where.target if where else None,
        scope=draft.when.scope,
        event_date=draft.when.event_date,
        period_start=draft.when.period_start,
        period_end=draft.when.period_end,
        admin1=where.admin1 if where else None,
        country=(
            where.country if where and where.country else _victim_country(draft.attacker_side)
        ),
        latitude=where.latitude if where else None,
        longitude=where.longitude if where else None,
    )


def extract_strikes(doc: ParsedArticle) -> list[Fact]:
    """Strike facts of an article (ANNOTATION.md, "strike"): one per attack or stated period
    and weapon class, with a count launched or intercepted or a place hit, and a stated
    attacker."""
    article = _Article(doc)
    for sentence in doc.sentences:
        _read_sentence(article, sentence.index)
    tally = _tally_drafts(article)
    if tally:
        tally_rows = {(d.sentence_index, d.intercepted) for d in tally}
        article.drafts = [
            d for d in article.drafts if (d.sentence_index, d.intercepted) not in tally_rows
        ]
        article.drafts.extend(tally)
    drafts = _place_counts_of_named_attack(_absorb_subsumed(_drop_location_lost(article.drafts)))
    drafts = [d for d in _drop_covered(drafts) if d.attacker_side is not None]
    return [_to_fact(doc, d) for d in drafts]
