"""Split a cleaned body into sentences with exact character offsets.

A compiled-regex splitter (no model): every line is a hard boundary (paragraphs,
headlines, list items); inside a line a sentence ends after `.`, `!`, `?` or `…`
(and any closing quotes/brackets) when whitespace and then a capital letter, a digit
or an opening quote/bracket follow. A period does not end a sentence after an
abbreviation in `ABBREVIATIONS`, a single capital initial ("J. Biden"), or a dotted
acronym ("U.S.", "e.g."); periods inside numbers ("2.5") never match at all.
A run longer than `MAX_SENTENCE_CHARS` with no sentence end (a table flattened into
one line, a list, a dump) is cut at the last space before the limit, or at the limit
when there is none: no real sentence is that long, and extraction cost grows with the
length of a sentence.
`body[s.start:s.end] == s.text` holds for every sentence.
"""

from __future__ import annotations

import re

from ingest.models import Sentence

# Words that take a period and are normally followed by more of the same sentence.
# Lowercase, without the period; dotted forms (u.s., e.g., a.m.) are caught by shape.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # titles and ranks
        "mr", "mrs", "ms", "dr", "prof", "sir", "gen", "lt", "col", "maj", "sgt", "capt",
        "cpt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "lieut", "gov", "sen", "rep",
        "pres", "rev", "hon", "amb", "insp", "supt", "jr", "sr", "st", "mt", "ft",
        # references and units
        "no", "nos", "vol", "fig", "p", "pp", "ch", "art", "para", "approx", "est", "appx",
        "km", "sq", "vs", "v", "dept", "univ", "corp", "inc", "ltd", "co", "bros",
        # months
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip

_CLOSERS = "\"'”’»)]"
_LINE = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9А-ЯІЇЄҐ])")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_INITIAL = re.compile(r"[A-Z]")
_LEADING_PUNCT = re.compile(r"^[\"'“‘«(\[]+")
# How far back from a period to look for the word it closes. Searching from the start of
# the line made splitting quadratic in the line length (a 50k-char line took seconds);
# no abbreviation, initial or dotted acronym is anywhere near this long.
TOKEN_LOOKBACK = 64
# Longest sentence kept whole: the longest of the client's corpus is about 400 characters.
MAX_SENTENCE_CHARS = 1_000


def _is_abbreviation(line: str, period_at: int) -> bool:
    """True when the period at `line[period_at]` closes an abbreviation, not a sentence."""
    m = _TOKEN_BEFORE.search(line, max(0, period_at - TOKEN_LOOKBACK), period_at)
    if m is None:
        return False
    token = _LEADING_PUNCT.sub("", m.group(1))
    if not token:
        return False
    return (
        token.lower() in ABBREVIATIONS
        or _INITIAL.fullmatch(token) is not None
        or _DOTTED.fullmatch(token) is not None
    )


def _spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one line, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        mark = m.group()
        if mark.rstrip(_CLOSERS) == "." and _is_abbreviation(line, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    trimmed: list[tuple[int, int]] = []
    for s, e in spans:
        segment = line[s:e]
        stripped = segment.strip()
        if not stripped:
            continue
        lead = len(segment) - len(segment.lstrip())
        trimmed.extend(_cut_long(line, s + lead, s + lead + len(stripped)))
    return trimmed


def _cut_long(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span `line[start:end]` (trimmed) in pieces of at most `MAX_SENTENCE_CHARS`."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(line.rfind(" ", start + 1, limit + 1), line.rfind("\t", start + 1, limit + 1))
        if cut <= start:
            cut = limit  # one "word" longer than the limit
        piece_end = start + len(line[start:cut].rstrip())
        pieces.append((start, piece_end))
        start = cut + len(line[cut:end]) - len(line[cut:end].lstrip())
    if end > start:
        pieces.append((start, end))
    return pieces


def split_sentences(body: str) -> tuple[Sentence, ...]:
    """Sentences of `body` with offsets into it (see the module docstring for the rules)."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(body):
        base = line.start()
        text = line.group()
        for s, e in _spans(text):
            sentences.append(Sentence(len(sentences), base + s, base + e, text[s:e]))
    return tuple(sentences)
