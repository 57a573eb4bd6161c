"""Records that flow through the ingest pipeline.

read -> RawArticle -> parse -> ParsedArticle (with Sentence list) -> extract -> Fact.
All records are frozen dataclasses; `load.py` turns lists of them into Polars frames.
Code values (sides, categories, classes) are exactly those of ANNOTATION.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Side = Literal["RU", "UA", "other"]
FactType = Literal["territorial", "casualties", "equipment", "strike"]
Status = Literal["claimed", "disputed", "confirmed"]
Scope = Literal["event", "period", "cumulative"]
Qualifier = Literal["exact", "at_least", "approx", "at_most"]

FACT_TYPES: tuple[str, ...] = ("territorial", "casualties", "equipment", "strike")
SIDES: tuple[str, ...] = ("RU", "UA", "other")
STATUSES: tuple[str, ...] = ("claimed", "disputed", "confirmed")
SCOPES: tuple[str, ...] = ("event", "period", "cumulative")
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "approx", "at_most")
VICTIM_KINDS: tuple[str, ...] = ("military", "civilian")
CASUALTY_CATEGORIES: tuple[str, ...] = (
    "killed",
    "wounded",
    "killed_or_wounded",
    "captured",
    "missing",
)
EQUIPMENT_CLASSES: tuple[str, ...] = (
    "tank",
    "armored_vehicle",
    "artillery",
    "mlrs",
    "air_defense",
    "aircraft",
    "helicopter",
    "vehicle",
    "ship",
    "heavy_weaponry",
    "drone_uav",
    "other",
)
WEAPON_CLASSES: tuple[str, ...] = (
    "ballistic_missile",
    "cruise_missile",
    "missile",
    "drone",
    "glide_bomb",
    "rocket",
    "artillery",
    "air_strike",
    "mixed",
    "unspecified",
)


@dataclass(frozen=True)
class RawArticle:
    """One article as read from a source, before parsing.

    `text` is the decoded text (for HTML: the main text trafilatura found).
    Metadata fields are None when the source does not carry them.
    """

    text: str
    source_path: str  # full path of the file it came from
    source_format: str  # txt | jsonl | csv | parquet | html
    record_index: int | None = None  # row/line number inside a multi-record file
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # date as the source states it (metadata), unparsed
    encoding: str | None = None  # detected encoding when not plain UTF-8


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned body; `start`/`end` are character offsets into the body."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ParsedArticle:
    article_id: str  # stable hash of the normalised text (see ingest.read.article_id)
    source_path: str
    source_format: str
    body: str  # text with page chrome removed; sentence offsets point into it
    sentences: tuple[Sentence, ...]
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_date: dt.date | None = None
    date_source: str | None = None  # metadata | date_line | text | None


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read or parsed; recorded in raw.ingest_errors."""

    source_path: str
    stage: str  # read | decode | parse | extract
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Fact:
    """One extracted fact with its evidence.

    One wide record for the four fact types (fields not used by a type stay None);
    `load.py` writes them to raw.facts and dbt splits them by `fact_type`.
    """

    article_id: str
    fact_type: str  # one of FACT_TYPES
    sentence_index: int
    span_start: int  # character offsets of the evidence span in the article body
    span_end: int
    evidence: str  # the sentence the fact came from
    rule_id: str  # id of the rule (in the rules files) that fired
    claimant: str | None = None  # who asserts it, as named ("Russian Defense Ministry")
    claimant_side: str | None = None  # RU | UA | other | None (outlet's own voice)
    # territorial
    actor_side: str | None = None
    place_name: str | None = None  # canonical place name (Ukrainian transliteration)
    area_km2: float | None = None
    status: str | None = None  # claimed | disputed | confirmed (territorial only)
    # casualties / equipment
    victim_side: str | None = None
    victim_kind: str | None = None
    category: str | None = None
    equipment_class: str | None = None
    quantity: int | None = None
    qualifier: str | None = None
    # strike
    attacker_side: str | None = None
    weapon_class: str | None = None
    weapon_system: str | None = None
    launched: int | None = None
    intercepted: int | None = None
    target_place: str | None = None
    # where and when
    scope: str | None = None
    admin1: str | None = None  # canonical region name (ANNOTATION.md), no "Oblast"
    country: str | None = None  # UA | RU by recognised borders
    latitude: float | None = None
    longitude: float | None = None
    event_date: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
