"""Parse a `RawArticle` into a `ParsedArticle`: clean body, date, title, outlet, sentences.

- chrome removal: `ingest.parse.chrome` (rules as a table of regexes with ids);
- publication date: `ingest.parse.dates`;
- outlet: metadata, else `ingest.parse.outlets` (patterns as data);
- title: metadata, else the first kept line that looks like a headline;
- sentences: `ingest.parse.sentences` (offsets into the cleaned body).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.models import ParsedArticle, RawArticle
from ingest.parse.chrome import chrome_masks, join_kept, strip_date_prefix
from ingest.parse.dates import find_published_date_in_lines, iter_dates
from ingest.parse.outlets import canonical_outlet, find_outlet
from ingest.parse.sentences import split_sentences
from ingest.read import normalise_text, normalised_text_id

__all__ = ["parse_article", "find_title"]

TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3
_WORD = re.compile(r"\w+")
_BYLINE = re.compile(r"^by\s", re.IGNORECASE)


def _looks_like_headline(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > TITLE_MAX_CHARS or text.endswith((".", ",", ";", ":")):
        return False
    if len(_WORD.findall(text)) < TITLE_MIN_WORDS or _BYLINE.match(text):
        return False
    dates = list(iter_dates(text))
    # a date line ("23.11.2024 08:01", "Published On 7 Jun 2025") is not a headline
    return not (dates and len(text) - sum(d.end - d.start for d in dates) < 25)


def find_title(lines: Sequence[str], mask: Sequence[bool]) -> str | None:
    """The first kept line when it looks like a headline, else None."""
    for line, dropped in zip(lines, mask, strict=True):
        if dropped or not line.strip():
            continue
        return line.strip() if _looks_like_headline(line) else None
    return None


def parse_article(raw: RawArticle) -> ParsedArticle:
    """Clean the text, find date, title and outlet, and split the body into sentences."""
    text = normalise_text(raw.text)
    lines = text.split("\n")
    date_prefix, lines[0] = strip_date_prefix(lines[0])
    mask, date_mask = chrome_masks(lines)
    published, date_source = find_published_date_in_lines(
        lines, date_mask, raw.published, date_prefix
    )
    body = join_kept(lines, mask)
    title = (raw.title or "").strip() or find_title(lines, mask)
    outlet = canonical_outlet(raw.outlet)
    if outlet is None:
        outlet, _ = find_outlet(lines)
    return ParsedArticle(
        article_id=normalised_text_id(text),
        source_path=raw.source_path,
        source_format=raw.source_format,
        body=body,
        sentences=split_sentences(body),
        title=title or None,
        outlet=outlet,
        url=raw.url,
        published_date=published,
        date_source=date_source,
    )
