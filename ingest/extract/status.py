"""Status of territorial claims: what the rest of the article says about each one.

A claim is `disputed` when a sentence about the same place (or one of the next few
sentences) denies it or says fighting goes on there ("denied losing", "fighting continues",
"continue to hold", "none of it happened", "repelled ... near X"); `confirmed` when a source
other than the claimant (the other side, an independent one, or the loser's own withdrawal)
acknowledges it; else `claimed` ("could not be independently verified" changes nothing).
A confirmation from outside the claimant's side outweighs a dispute.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ingest.extract.attribution import attribute
from ingest.extract.context import load_yaml
from ingest.models import Fact, ParsedArticle

__all__ = ["apply_status", "mentions_place"]

NEAR_SENTENCES = 4  # a dispute naming no place answers the claims of the sentences before


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    status = load_yaml("territorial.yml")["status"]
    return (re.compile(status["disputed"], re.IGNORECASE),
            re.compile(status["confirmed"], re.IGNORECASE))


@lru_cache(maxsize=4096)
def _disputes(text: str) -> bool:
    """Whether a sentence words a dispute (asked once per claim near it)."""
    return _patterns()[0].search(text) is not None


@lru_cache(maxsize=4096)
def _confirms(text: str) -> bool:
    """Whether a sentence words a confirmation (asked once per claim near it)."""
    return _patterns()[1].search(text) is not None


_CAPS = re.compile(r"(?-i:[A-Z][\w'’ʼ-]+(?:\s[A-Z][\w'’ʼ-]+){0,2})")


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    from ingest.resolve.names import place_key

    return place_key(name)


def mentions_place(text: str, names: tuple[str, ...]) -> bool:
    """Whether `text` names the place under any of `names` (transliteration-tolerant)."""
    return _mentions_keys(text, frozenset(_key(n) for n in names if n))


def _mentions_keys(text: str, keys: frozenset[str]) -> bool:
    return bool(keys) and not keys.isdisjoint(_named_keys(text))


@lru_cache(maxsize=4096)
def _named_keys(text: str) -> frozenset[str]:
    """The place keys of every run of capitalised words in `text` and of its sub-runs: a
    sentence is read once per article, not once per claim and sentence."""
    keys: set[str] = set()
    for match in _CAPS.finditer(text):
        if _NOT_THE_PLACE_AT.match(text, match.end()):
            continue  # "the Mariinka sector" is a front section, not the town
        keys.update(_run_keys(match.group(0)))
    return frozenset(keys)


@lru_cache(maxsize=8192)
def _run_keys(run: str) -> tuple[str, ...]:
    """The place keys of a run of capitalised words and of its sub-runs."""
    words = run.split()
    return tuple(_key(" ".join(words[i:j]).rstrip("'’s"))
                 for i in range(len(words)) for j in range(i + 1, len(words) + 1))


_NOT_THE_PLACE = re.compile(r"^\s(?:sector|direction|axis|front|area|district|region|oblast)\b",
                            re.IGNORECASE)
_NOT_THE_PLACE_AT = re.compile(_NOT_THE_PLACE.pattern[1:], re.IGNORECASE)  # match(text, pos)


def _names_other_place(text: str, names: tuple[str, ...]) -> bool:
    """Whether a sentence names some settlement other than this one."""
    from ingest.extract.context import places_named

    keys = {_key(n) for n in names if n}
    return any(_key(name) not in keys for name in places_named(text))


# The claim's own sentence answers it only through a second clause ("... is still ...",
# "..., which Kyiv denied").
_ANSWER = re.compile(r"\b(?:is|are|remains?|which|but|while|though|although|denied|denies|"
                     r"rejected|rejects|dismissed|dismisses|refuted|refutes|a\s+claim)\b",
                     re.IGNORECASE)

# A later sentence naming the place only by its kind answers the claim before it.
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that)\s+(?:village|town|city|settlement|locality|hamlet)\b", re.IGNORECASE)

_RANK = {"claimed": 0, "disputed": 1, "confirmed": 2}


def apply_status(doc: ParsedArticle, facts: list[Fact]) -> list[Fact]:
    """Territorial facts with their status settled by the whole article; other facts as is."""
    disputed_re = _patterns()[0]
    out: list[Fact] = []
    claimed_places = tuple({f.place_name for f in facts
                            if f.fact_type == "territorial" and f.place_name})
    sentences = doc.sentences
    sentence_keys: list[frozenset[str]] | None = None  # the place keys each sentence names
    for fact in facts:
        if fact.fact_type != "territorial":
            out.append(fact)
            continue
        status = fact.status or "claimed"
        written = doc.body[fact.span_start: fact.span_end]
        names = (fact.place_name or "", written)
        keys = frozenset(_key(n) for n in names if n)
        # the other claimed places, for "a sentence about another claim is no answer"
        all_keys = {_key(n) for n in names}
        other_keys = frozenset(_key(p) for p in claimed_places if _key(p) not in all_keys)
        disputed = False
        confirmed = status == "confirmed"
        # the sentences that name the place (mentions_place, with the keys read once)
        if fact.place_name is not None and keys:
            if sentence_keys is None:
                sentence_keys = [_named_keys(s.text) for s in sentences]
            mentioned = [not keys.isdisjoint(named_there) for named_there in sentence_keys]
        else:
            mentioned = [False] * len(sentences)
        # the claim restated in the body ("... had captured the village of X") anchors the
        # answers that follow it there, as the claim's own sentence does
        anchors = [fact.sentence_index] + [
            s.index for s, named in zip(sentences, mentioned, strict=True)
            if s.index != fact.sentence_index and named]
        for sentence, named in zip(sentences, mentioned, strict=True):
            if sentence.index == fact.sentence_index:
                # "Kupyansk - which Gerasimov reported taken - is still under Ukrainian
                # control": an answer later in the claim's own sentence
                tail = doc.body[fact.span_end: sentence.end]
                if disputed_re.search(tail) and (_ANSWER.search(tail) or ";" in tail):
                    disputed = True
                continue
            near = (any(0 < sentence.index - anchor <= NEAR_SENTENCES for anchor in anchors)
                    and not _names_other_place(sentence.text, names)
                    and not _mentions_keys(sentence.text, other_keys))
            if not (named or near):
                continue
            if fact.place_name is None and _BACK_REFERENCE.search(sentence.text):
                continue  # "the town" is no answer to a claim of square kilometres
            source = attribute(doc, sentence.index).side
            if _disputes(sentence.text):
                disputed = True
            elif (named or (near and _BACK_REFERENCE.search(sentence.text))) and \
                    _confirms(sentence.text) and source != fact.claimant_side:
                confirmed = True  # "... confirmed it had withdrawn from the village"
        if confirmed:
            status = "confirmed"
        elif disputed:
            status = "disputed"
        # (a Fact is frozen: one whose status stays is kept as is, not copied)
        out.append(fact if status == fact.status else replace(fact, status=status))
    return out
