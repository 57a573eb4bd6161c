"""Who asserts a sentence: the claimant and its side (RU | UA | other | None).

`attribute(doc, i)` looks, in order, for
1. a source in the sentence itself: "..., the ministry said", "according to ...",
   "X said/reported/claimed ...", a headline ending "– General Staff";
2. a quoted passage: the speaker named where the quotation closes or opens;
3. the source of the previous sentence(s) in the same paragraph ("..., the ministry said.
   The enemy lost up to 420 ..." continues the same source);
4. the article's main source, when the article is one side's report (every sourced
   sentence is that side's: a General Staff tally, a TASS piece citing the MoD);
5. else None: the outlet's own voice.

Named speakers and their sides come from seeds/reference/claimant_aliases.csv; generic ones
("the ministry", "officials", "the governor") take their side from a nationality word before
them ("Russia's Defence Ministry"), a Russian region next to them, the same kind of speaker
named earlier in the article ("the ministry" = the ministry named before), or a default.
The words are in ingest/rules/attribution.yml.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.extract.context import (
    load_reference_csv,
    load_yaml,
    paragraph_index,
    per_doc_cache,
)
from ingest.models import ParsedArticle

__all__ = ["Attribution", "SpeakerMention", "attribute", "find_speakers", "side_of_name"]


@dataclass(frozen=True)
class Attribution:
    claimant: str | None
    side: str | None  # RU | UA | other | None


NONE = Attribution(None, None)


@dataclass(frozen=True)
class SpeakerMention:
    """A possible source named in a text span (offsets into the text searched)."""

    start: int
    end: int
    text: str
    claimant: str | None
    side: str | None
    kind: str  # alias | generic:<kind> | backref
    nationality: str | None = None  # side given by a nationality word before a generic


@dataclass(frozen=True)
class _Generic:
    rule_id: str
    group: str
    claimant: dict[str, str]
    kind: str
    default_side: str | None


@dataclass(frozen=True)
class _Rules:
    speaker: re.Pattern[str]
    speaker_kinds: tuple[tuple[str, re.Pattern[str]], ...]  # (group, its words), in order
    aliases: dict[str, tuple[str, str]]
    generics: tuple[_Generic, ...]
    nationality: tuple[tuple[re.Pattern[str], str], ...]
    after_cue: re.Pattern[str]
    verb_cue: re.Pattern[str]
    dash_cue: re.Pattern[str]
    russian_region: re.Pattern[str]


def _alt(items: list[str], escape: bool) -> str:
    parts = sorted(items, key=len, reverse=True)
    return _by_first_letter([_escaped(p) if escape else p for p in parts])


def _escaped(name: str) -> str:
    """A literal name as a regex, any run of whitespace where it has a space."""
    return re.escape(name).replace(r"\ ", r"\s+")


def _by_first_letter(alternatives: list[str], depth: int = 1) -> str:
    """The alternation of `alternatives` (for a case-insensitive regex), grouped by their
    first letter ("(?-i:[mM])(?:od|ayor)|...").

    The same regex as "|".join(alternatives) when every alternative starts with a literal
    ASCII letter or digit: alternatives with different first letters (case aside) never
    match at the same place, and within a group the order is kept. Each group opens with
    a case-sensitive class of exactly the characters its letter matches ignoring case, which
    the regex engine checks before entering the group, so it enters one small group per
    word instead of trying every alternative in turn. Anything else is joined as it is.
    With `depth` 2 the rest of each group is grouped the same way by its own first letter
    (the same argument one character further on)."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        first, rest = alternative[:1], alternative[1:]
        if not (first.isascii() and first.isalnum()) or rest[:1] in ("*", "+", "?", "{"):
            return "|".join(alternatives)
        groups.setdefault(first.lower(), []).append(rest)
    return "|".join(
        f"(?-i:[{_case_class(first)}])"
        f"(?:{_by_first_letter(rests, depth - 1) if depth > 1 and '' not in rests else '|'.join(rests)})"
        for first, rests in groups.items())


# The only characters outside ASCII that match an ASCII letter ignoring case: dotted and
# dotless I (i), the Kelvin sign (k) and the long s (s).
_NON_ASCII_FOLDS = "\u0130\u0131\u212a\u017f"


def _case_class(letter: str) -> str:
    """Every character that `letter` matches in a case-insensitive regex."""
    chars = {letter, letter.upper(), *(c for c in _NON_ASCII_FOLDS
                                       if re.fullmatch(letter, c, re.IGNORECASE))}
    return "".join(sorted(chars))


def _top_level_alternatives(pattern: str) -> list[str]:
    """A regex split at its top-level '|' (not inside brackets, groups or escapes)."""
    parts: list[str] = []
    depth, in_class, escaped, start = 0, False, False, 0
    for i, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data: dict[str, Any] = load_yaml("attribution.yml")
    aliases: dict[str, tuple[str, str]] = {}
    for row in load_reference_csv("claimant_aliases.csv"):
        aliases[_fold(row["alias"])] = (row["claimant"], row["claimant_side"])
    generics = tuple(
        _Generic(g["id"], f"g{i}", dict(g.get("claimant") or {}), g["kind"], g.get("default_side"))
        for i, g in enumerate(data["generic_speakers"]))
    nat_all = [p for words in data["nationality"].values() for p in words]
    # The speaker words in the order they are tried: aliases (longest first), each generic
    # speaker's alternatives, the back-references. They make one alternation grouped by
    # their first two letters (the same matches as the plain alternation, see
    # `_by_first_letter`); which of them matched is worked out afterwards (`_speaker_kind`).
    kinds = [("alias", [_escaped(a) for a in sorted(aliases, key=len, reverse=True)])]
    kinds += [(g.group, _top_level_alternatives(spec["pattern"]))
              for g, spec in zip(generics, data["generic_speakers"], strict=True)]
    kinds.append(("backref", list(data["back_references"])))
    every = [alternative for _, alternatives in kinds for alternative in alternatives]
    speaker = re.compile(
        rf"(?<![\w-])(?=[A-Za-z])(?:(?P<nat>{_alt(nat_all, False)})\s+(?:(?-i:[A-Z][a-z]+)\s+){{0,2}})?"
        rf"(?P<who>{_by_first_letter(every, depth=2)})(?![\w-])",
        re.IGNORECASE)
    speaker_kinds = tuple((group, re.compile(_by_first_letter(alternatives), re.IGNORECASE))
                          for group, alternatives in kinds)
    nationality = tuple(
        (re.compile(rf"^(?:{_alt(words, False)})$", re.IGNORECASE), side)
        for side, words in data["nationality"].items())
    cues = {c["kind"]: re.compile(_cue_pattern(c), re.IGNORECASE) for c in data["cues"]}
    return _Rules(
        speaker=speaker, speaker_kinds=speaker_kinds, aliases=aliases, generics=generics, nationality=nationality,
        after_cue=cues["after"], verb_cue=cues["verb"], dash_cue=cues["dash"],
        russian_region=re.compile(rf"\b(?:{_alt(data['russian_regions'], False)})\b",
                                  re.IGNORECASE))


def _cue_pattern(cue: dict[str, Any]) -> str:
    """A cue's regex, its listed `alternatives` (if any) put where "{alternatives}" stands."""
    pattern: str = cue["pattern"]
    if "alternatives" in cue:
        pattern = pattern.replace("{alternatives}", _by_first_letter(cue["alternatives"], depth=2))
    return pattern


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").strip().lower())


def side_of_name(name: str) -> Attribution | None:
    """The claimant and side of a named source in claimant_aliases.csv, if listed."""
    hit = _rules().aliases.get(_fold(name))
    return Attribution(*hit) if hit else None


def _nationality_side(word: str | None) -> str | None:
    if not word:
        return None
    for regex, side in _rules().nationality:
        if regex.match(word.replace("’", "'")):
            return side
    return None


def find_speakers(text: str) -> list[SpeakerMention]:
    """Possible sources named in `text` (before any context is used to resolve them)."""
    return list(_sentence_sources(text)[0])


# The speakers and cue pairs of a sentence are pure functions of its text; wire copy and
# boilerplate repeat sentences across articles, so they are kept for recent texts.
SENTENCE_CACHE_SIZE = 8192


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _sentence_sources(text: str) -> tuple[tuple[SpeakerMention, ...], tuple[_Sourced, ...]]:
    """The speakers named in a sentence and those tied to a cue (see `_pair_cues`)."""
    speakers = _find_speakers(text)
    return tuple(speakers), tuple(_pair_cues(text, speakers))


_KindUpdates = tuple[tuple[str, Attribution], ...]


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def _sentence_kinds(text: str) -> tuple[_KindUpdates, _KindUpdates]:
    """What a sentence tells about the kinds of generic speaker ("the ministry", "the
    governor") on its own text, as (kind, attribution) updates in reading order:
    - the generic speakers it names with a side (`_analyse` keeps the first of each kind
      in the article);
    - what each kind means from here on (`_analyse` keeps the last): a generic speaker
      with a side, a ministry, General Staff or air force named by alias, and a title next
      to a name ("Governor Vyacheslav Gladkov", "Oleh Syniehubov, head of the ...")."""
    speakers = _sentence_sources(text)[0]
    named = tuple((speaker.kind.split(":", 1)[1], Attribution(speaker.claimant, speaker.side))
                  for speaker in speakers
                  if speaker.kind.startswith("generic:") and speaker.side)
    seen: list[tuple[str, Attribution]] = []
    for speaker in speakers:
        if speaker.kind == "alias" and speaker.side:
            # "the ministry" later refers to a ministry named by alias
            name = (speaker.claimant or "").lower()
            for kind in ("ministry", "general_staff", "air_force"):
                if kind.replace("_", " ") in name or (kind == "ministry" and "ministry" in name):
                    seen.append((kind, Attribution(speaker.claimant, speaker.side)))
        elif speaker.kind.startswith("generic:") and speaker.side:
            seen.append((speaker.kind.split(":", 1)[1],
                         Attribution(speaker.claimant, speaker.side)))
    for a, b in zip(speakers, speakers[1:], strict=False):
        # "Governor Vyacheslav Gladkov", "regional governor Oleh Syniehubov": the alias
        # is what "the governor" means later in the article.
        if a.kind.startswith("generic:") and b.kind == "alias" and b.side and \
                b.start - a.end <= 3:
            seen.append((a.kind.split(":", 1)[1], Attribution(b.claimant, b.side)))
        if b.kind.startswith("generic:") and a.kind == "alias" and a.side and \
                _NAME_THEN_TITLE.fullmatch(text[a.end:b.start]):
            seen.append((b.kind.split(":", 1)[1], Attribution(a.claimant, a.side)))
    return named, tuple(seen)


@lru_cache(maxsize=4096)
def _speaker_kind(who: str) -> str:
    """Which group of speaker words ("alias", a generic's group, "backref") matched `who`.

    The first group with a word matching all of `who`: the speaker regex tries the words
    in group order and keeps the first that matches there, and a word earlier in the order
    that matched all of `who` would have matched there first."""
    return next(group for group, words in _rules().speaker_kinds if words.fullmatch(who))


def _find_speakers(text: str) -> list[SpeakerMention]:
    rules = _rules()
    found: list[SpeakerMention] = []
    for match in rules.speaker.finditer(text):
        nat = _nationality_side(match.group("nat"))
        who = match.group("who")
        group = _speaker_kind(who)
        if group == "alias":
            claimant, side = rules.aliases[_fold(who)]
            found.append(SpeakerMention(match.start(), match.end(), match.group(0), claimant,
                                        side, "alias", nat))
            continue
        if group == "backref":
            if match.group("nat"):  # "Russia it" is not a thing; keep the word alone
                continue
            found.append(SpeakerMention(match.start(), match.end(), match.group(0), None, None,
                                        "backref"))
            continue
        if _POSSESSIVE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "Moscow claimed that its troops had ...": the speaker's own troops
        generic = next(g for g in rules.generics if g.group == group)
        side = nat
        claimant = generic.claimant.get(side) if side else None
        if side and not claimant:
            claimant = f"{match.group('nat')} {who}"
        found.append(SpeakerMention(match.start(), match.end(), match.group(0),
                                    claimant, side, f"generic:{generic.kind}", nat))
    return found


_POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|our|his|her)\s+(?:own\s+)?$", re.IGNORECASE)


# --------------------------------------------------------------------------- sentence level


@dataclass(frozen=True)
class _Sourced:
    """A source found in a sentence: the cue position and the speaker it points to."""

    cue_start: int
    speaker: SpeakerMention


# After an inverted speaker ("..., said the ministry"): the end of the clause.
_INVERTED_END = re.compile(r"^\s{0,3}(?:[,.;:!?)\]\"”]|$|on\b|in\b|at\b|late\b|earlier\b|"
                           r"later\b|told\b|via\b|during\b|after\b|citing\b|adding\b|"
                           r"according\b|spokesman|spokeswoman|spokesperson)", re.IGNORECASE)


_SENTENCE_STOP = re.compile(r"[.;:!?]\s")
_INVERTED_GAP = re.compile(
    r"\s*(?:on\s+\w+\s+|in\s+a\s+\w+\s+|earlier\s+)?(?:by\s+)?(?:the\s+)?", re.IGNORECASE)
_APPOSITION = re.compile(r"\s{0,2},[^,;]{0,100},?\s{0,2}")
_AND_BEFORE = re.compile(r"(?:,\s{0,2}|\s)and\s{1,3}$")


def _pair_cues(text: str, speakers: list[SpeakerMention]) -> list[_Sourced]:
    """Speakers tied to a cue in one sentence (offsets relative to the sentence)."""
    if not speakers:
        return []  # every pair below ties a cue to one of the speakers
    rules = _rules()
    pairs: list[_Sourced] = []
    for cue in rules.after_cue.finditer(text):
        after = [s for s in speakers if 0 <= s.start - cue.end() <= 40]
        if after:
            pairs.append(_Sourced(cue.start(), min(after, key=lambda s: s.start)))
    for cue in rules.verb_cue.finditer(text):
        best: SpeakerMention | None = None
        best_distance = 10_000
        for s in speakers:
            if s.end <= cue.start():
                gap = text[s.end: cue.start()]
                distance = len(gap)
                if distance > 140 or _SENTENCE_STOP.search(gap):
                    continue
                # a clause boundary weighs against a far speaker
                if distance > 12 and "," not in gap:
                    distance += 60
            elif s.start >= cue.end():
                gap = text[cue.end(): s.start]
                if len(gap) > 25 or not _INVERTED_GAP.fullmatch(gap):
                    continue
                if s.kind == "backref" or not _INVERTED_END.match(text[s.end:]):
                    continue  # "said it has taken ...": the subject of what was said
                distance = len(gap) + 3
            else:
                continue
            if distance < best_distance:
                best, best_distance = s, distance
        if best is not None and best.kind != "alias":
            # "Oleh Syniehubov, head of the regional administration, reported": the name
            nearer_name = [s for s in speakers if s.kind == "alias" and s.end <= best.start
                           and _APPOSITION.fullmatch(text[s.end: cue.start()])]
            if nearer_name:
                best = nearer_name[-1]
        if best is not None and _AND_BEFORE.search(text, 0, cue.start()) and pairs:
            best = pairs[-1].speaker  # "the governor reported ..., and announced ..."
        if best is not None:
            pairs.append(_Sourced(cue.start(), best))
    # Headline style: "Russian troops liberate Filiya ... — top brass".
    dash = list(rules.dash_cue.finditer(text))
    if dash:
        tail_start = dash[-1].end()
        tail = text[tail_start:].strip()
        if 0 < len(tail.split()) <= 5:
            tail_speakers = [s for s in speakers if s.start >= tail_start]
            if tail_speakers:
                pairs.append(_Sourced(dash[-1].start(), tail_speakers[0]))
    return sorted(pairs, key=lambda p: p.cue_start)


@dataclass(frozen=True)
class _DocAttribution:
    per_sentence: tuple[Attribution, ...]
    explicit: tuple[tuple[tuple[int, Attribution], ...], ...]  # (cue offset in body, attr)


def _resolve(speaker: SpeakerMention, sentence_text: str, history: list[Attribution],
             by_kind: dict[str, Attribution], dominant: str | None) -> Attribution:
    """Turn a speaker mention into a claimant and side using what came before."""
    rules = _rules()
    if speaker.kind == "alias":
        return Attribution(speaker.claimant, speaker.side)
    if speaker.kind == "backref":
        return history[-1] if history else NONE
    kind = speaker.kind.split(":", 1)[1]
    generic = next(g for g in rules.generics if g.kind == kind)
    if speaker.side:
        return Attribution(speaker.claimant, speaker.side)
    victor = _side_of_victor(sentence_text) if kind == "military" else None
    if victor is not None:  # "the 47th Brigade destroyed Russian tanks"
        return Attribution(generic.claimant.get(victor, speaker.text), victor)
    if kind in by_kind:
        return by_kind[kind]
    side = generic.default_side
    if side == "local":
        side = _local_side(sentence_text, speaker)
    if side is None:
        side = dominant
    if side is None:
        return NONE
    return Attribution(generic.claimant.get(side, speaker.text), side)


# A unit without a nationality that reports destroying or killing one side's men or
# matériel is the other side's unit.
_VICTORY = re.compile(
    r"\b(?:destroy(?:ed|ing|s)?|kill(?:ed|ing|s)?|eliminat(?:ed|ing|es)|hit|struck|"
    r"shot\s+down|downed|repelled|repulsed)\s+(?:[\w,-]+\s+){0,8}?"
    r"(?P<side>russian|ukrainian)\b", re.IGNORECASE)


def _side_of_victor(sentence_text: str) -> str | None:
    match = _VICTORY.search(sentence_text)
    if match is None:
        return None
    return "UA" if match.group("side").lower() == "russian" else "RU"


_INSTALLED = re.compile(r"\b(?:kremlin|russian|moscow|russia)-(?:installed|appointed|backed)\b|"
                        r"\boccupation\s+(?:authorities|officials|administration)\b",
                        re.IGNORECASE)


def _local_side(sentence_text: str, speaker: SpeakerMention) -> str:
    """The side of a local authority (governor, mayor, emergency service): the country of
    the region it is named with, Russia's for Russian-installed officials, else Ukraine's."""
    from ingest.extract.context import where_in

    if _INSTALLED.search(sentence_text):
        return "RU"
    window = sentence_text[max(0, speaker.start - 80): speaker.end + 60]
    where = where_in(window)
    if where.country in ("RU", "UA"):
        return where.country
    if _rules().russian_region.search(window):
        return "RU"
    where = where_in(sentence_text)
    return where.country if where.country in ("RU", "UA") else "UA"


def _quote_spans(body: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotations (curly quotes, or straight quotes paired)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(r"[“”\"«»]", body):
        char = match.group()
        if char in "“«" or (char == '"' and opened is None):
            if opened is None:
                opened = match.start()
        elif opened is not None:
            spans.append((opened, match.start()))
            opened = None
        if opened is not None and match.start() - opened > 2000:
            opened = None
    return spans


def _quote_around(quotes: list[tuple[int, int]], closes: list[int], start: int,
                  end: int) -> tuple[int, int] | None:
    """The first quotation (in `quotes`, closing offsets `closes`) that holds the sentence
    `start`..`end` from its first characters on, or opens inside it and closes after it.

    The quotations follow each other without overlapping (`_quote_spans`), so the ones
    closing at or before `start` + 1 can do neither (the sentence ends after that) and are
    skipped by bisection, and once a quotation opens after both `start` + 1 and `end`, so
    do all later ones."""
    for k in range(bisect.bisect_right(closes, start + 1), len(quotes)):
        o, c = quotes[k]
        if o <= start + 1 < c or (start <= o < end and c > end):
            return o, c
        if o > start + 1 and o >= end:
            break
    return None


_FIRST_PERSON = re.compile(
    r"\bour\s+(?:troops|guys|forces|boys|soldiers|fighters|army|men|side|units|lads|heroes|"
    r"warriors|defenders)\b", re.IGNORECASE)


_FIRST_PERSON_ANY = re.compile(r"\b(?:our|we|us|ours)\b", re.IGNORECASE)


def _author_voice(doc: ParsedArticle, quotes: list[tuple[int, int]]) -> bool:
    """Whether the author writes as one side ("our troops", "our guys") outside quotations."""
    if "our" not in doc.body.lower():
        return False  # every hit starts with "our" (no other letters fold to o, u or r)
    hits = 0
    for match in _FIRST_PERSON.finditer(doc.body):
        if not any(o <= match.start() < c for o, c in quotes):
            hits += 1
    return hits >= 2


_NAME_THEN_TITLE = re.compile(r",\s{0,2}(?:the\s+)?(?:[\w-]+\s+){0,4}")


@per_doc_cache
def _analyse(doc: ParsedArticle) -> _DocAttribution:
    rules = _rules()
    sentences = doc.sentences
    n = len(sentences)
    explicit: list[list[tuple[int, Attribution]]] = [[] for _ in range(n)]
    history: list[Attribution] = []
    by_kind: dict[str, Attribution] = {}

    # Pass 1: explicit sources, resolved in reading order (the dominant side unknown yet).
    raw_pairs = []
    for sentence in sentences:
        speakers, sentence_pairs = _sentence_sources(sentence.text)
        raw_pairs.append((speakers, sentence_pairs))
        for kind, named in _sentence_kinds(sentence.text)[0]:
            by_kind.setdefault(kind, named)  # for later generic references
    sides = Counter()
    for _speakers, pairs in raw_pairs:
        for pair in pairs:
            if pair.speaker.side:
                sides[pair.speaker.side] += 1
    dominant = sides.most_common(1)[0][0] if sides else None

    by_kind_seen: dict[str, Attribution] = {}
    for i, (_speakers, pairs) in enumerate(raw_pairs):
        sentence = sentences[i]
        by_kind_seen.update(_sentence_kinds(sentence.text)[1])  # in order: the last one wins
        for pair in pairs:
            # a headline's "Defence Ministry says" is the ministry the body names with its side
            known = {**by_kind, **by_kind_seen}
            attr = _resolve(pair.speaker, sentence.text, history, known, dominant)
            if attr.side is not None or attr.claimant is not None:
                explicit[i].append((sentence.start + pair.cue_start, attr))
                if pair.speaker.kind.startswith("generic:"):
                    by_kind_seen.setdefault(pair.speaker.kind.split(":", 1)[1], attr)
        if explicit[i]:
            history.append(explicit[i][-1][1])

    # Pass 2: quotations, continuation within a paragraph, the article's main source.
    quotes = _quote_spans(doc.body)
    per_sentence: list[Attribution] = [NONE] * n
    for i in range(n):
        if explicit[i]:
            per_sentence[i] = explicit[i][0][1]  # the main clause's source comes first
    all_sides = Counter(a.side for found in explicit for _, a in found if a.side)
    main: Attribution = NONE
    voice = _author_voice(doc, quotes)
    if voice and all_sides:
        # a partisan author ("our troops", "the enemy"): their own voice is their side's
        main = Attribution("author", all_sides.most_common(1)[0][0])
    elif all_sides and len(all_sides) == 1:
        side = next(iter(all_sides))
        claimants = Counter(a.claimant for found in explicit for _, a in found if a.side == side)
        main = Attribution(claimants.most_common(1)[0][0], side)

    closes = [c for _o, c in quotes]
    for i, sentence in enumerate(sentences):
        if explicit[i]:
            continue
        attr = NONE
        inside = _quote_around(quotes, closes, sentence.start, sentence.end)
        if inside is not None:
            close_sentence = next((j for j in range(i, n)
                                   if sentences[j].start <= inside[1] < sentences[j].end), None)
            if close_sentence is not None and explicit[close_sentence]:
                attr = explicit[close_sentence][0][1]
            else:
                open_sentence = next((j for j in range(i, -1, -1)
                                      if sentences[j].start <= inside[0] < sentences[j].end),
                                     None)
                if open_sentence is not None and explicit[open_sentence]:
                    attr = explicit[open_sentence][-1][1]
        if attr == NONE and voice and main != NONE and _FIRST_PERSON_ANY.search(sentence.text):
            attr = main  # the partisan author speaking ("our troops have taken ...")
        if attr == NONE and i > 0 and paragraph_index(doc, sentence.start) == paragraph_index(
                doc, sentences[i - 1].start):
            attr = per_sentence[i - 1]
        if attr == NONE:
            attr = main
        per_sentence[i] = attr
    del rules
    return _DocAttribution(tuple(per_sentence), tuple(tuple(e) for e in explicit))


def attribute(doc: ParsedArticle, sentence_index: int, offset: int | None = None) -> Attribution:
    """Who asserts sentence `sentence_index` of `doc` (see the module docstring).

    With `offset` (a body offset inside the sentence), a sentence naming several sources
    gives the one whose cue is nearest to that offset.
    """
    if not 0 <= sentence_index < len(doc.sentences):
        return NONE
    analysis = _analyse(doc)
    found = analysis.explicit[sentence_index]
    if offset is not None and found:
        sentence = doc.sentences[sentence_index]
        reachable = [item for item in found
                     if (item[0] <= offset and not _HARD_BREAK.search(doc.body[item[0]: offset]))
                     or (item[0] > offset and (_final_cue(doc.body[item[0]: sentence.end])
                                               or not _CLAUSE_BREAK.search(
                                                   doc.body[offset: item[0]])))]
        if not reachable:
            return _fallback(doc, analysis, sentence_index)
        return min(reachable, key=lambda item: abs(item[0] - offset))[1]
    return analysis.per_sentence[sentence_index]


# A coordinated clause between a fact and a cue after it: "we were celebrating the
# liberation of X, and the experts told us ..." - the experts do not claim X.
_CLAUSE_BREAK = re.compile(r",\s(?:and|but)\s|;\s")
_HARD_BREAK = re.compile(r";\s")


def _final_cue(rest: str) -> bool:
    """Whether a cue closes its sentence ("..., Kyiv mayor Vitali Klitschko said.") rather
    than opening a reported clause ("..., and the experts told us it was ...")."""
    words = re.findall(r"[A-Za-z']+", rest)
    if len(words) <= 4:
        return True
    return bool(re.match(r"^\w+\s+(?:on|in|at|late|earlier|later|via|during|after)\b", rest,
                         re.IGNORECASE)) and not re.search(r"\b(?:that|us|it)\b", rest[:25])


def _fallback(doc: ParsedArticle, analysis: _DocAttribution, index: int) -> Attribution:
    """The source of a sentence ignoring its own cues: the sentence before it in the
    paragraph, else none."""
    if index > 0 and paragraph_index(doc, doc.sentences[index].start) == paragraph_index(
            doc, doc.sentences[index - 1].start):
        return analysis.per_sentence[index - 1]
    return NONE
