"""First-level regions: canonical names (ANNOTATION.md), aliases, and mentions in text.

The data is `seeds/reference/regions.csv` (built by `ingest/resolve/build_reference.py`).
Conventions where two regions share a name (decided with the scorer's `region_key`, which
treats each pair as equal):

* "Kyiv" is Kyiv Oblast and "Kyiv City" the city; likewise "Moscow" is Moscow Oblast and
  "Moscow City" the federal city. A bare "Kyiv"/"Kiev"/"Moscow" in text is the city; with
  "region"/"oblast" after it, the oblast.
* "Sevastopol" is its own region (the scorer counts it as Crimea).
* Russian-installed entities map to the oblast they claim (DPR -> Donetsk, LPR -> Luhansk).

A mention is `explicit` when the words make it a region ("Kharkiv region", "Kursk Oblast",
"the DPR", "Crimea", "Kharkiv and Sumy regions"), and not explicit when a bare name is also
a city ("Kharkiv", "Kursk").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.paths import REFERENCE_DIR
from ingest.resolve.names import lookup_form, place_key

REGIONS_CSV = REFERENCE_DIR / "regions.csv"

# Words after a name that make it a region ("Kharkiv Oblast", "Kursk region").
SUFFIX_WORDS = ("oblast", "oblasts", "region", "regions", "province", "provinces", "krai",
                "kray", "governorate", "область", "области", "край")  # fmt: skip
PLURAL_SUFFIXES = frozenset({"oblasts", "regions", "provinces"})
# Words inside an alias that make the alias itself explicit ("Luhansk People's Republic").
EXPLICIT_WORDS = frozenset(
    {
        "oblast", "region", "republic", "krai", "kray", "okrug", "autonomous", "peninsula",
        "city", "область", "республика", "республіка", "край", "округ", "город",
    }
)  # fmt: skip
ABBREVIATIONS = frozenset({"DPR", "DNR", "LPR", "LNR", "ДНР", "ЛНР"})
CITY_TYPES = frozenset({"city", "federal_city"})
# Bare names that are usually something else (a first name, a river, mountains): matched in
# text only with a region word ("Vladimir region"), though resolve_region accepts them.
SUFFIX_ONLY = frozenset({"vladimir", "amur", "kirov", "komi", "altai", "altay", "yamal", "kuban",
                         "petersburg", "bukovina", "yugra", "sakha", "tyva", "moskva"})  # fmt: skip
# Words after a bare name that make it no place ("Kyiv Independent", "the Kyiv regime").
NOT_A_PLACE_AFTER = frozenset({"independent", "post", "regime", "times", "patriarchate",
                               "dynamo", "spartak", "zenit", "school"})  # fmt: skip
# Regions a place-level hint may stand for (the scorer treats each group as one region).
EQUIVALENT = {
    "Kyiv": ("Kyiv", "Kyiv City"),
    "Kyiv City": ("Kyiv City", "Kyiv"),
    "Crimea": ("Crimea", "Sevastopol"),
    "Sevastopol": ("Sevastopol", "Crimea"),
    "Moscow": ("Moscow", "Moscow City"),
    "Moscow City": ("Moscow City", "Moscow"),
    "Leningrad": ("Leningrad", "Saint Petersburg"),
    "Saint Petersburg": ("Saint Petersburg", "Leningrad"),
}
# Words dropped from a city region's aliases to give its bare name ("City of Kiev" -> "Kiev").
CITY_WORDS = frozenset({"city", "of", "the", "город"})


@dataclass(frozen=True)
class Region:
    name: str
    country: str
    iso_code: str
    region_type: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class RegionMention:
    region: Region
    start: int
    end: int
    text: str
    explicit: bool


@dataclass(frozen=True)
class _Form:
    """One way of writing a region in text."""

    text: str
    bare_region: Region  # the region a bare use names (a city-type region when both exist)
    suffixed_region: Region  # the region "<form> region" names (the oblast when both exist)
    explicit: bool  # the form itself says "region" (an alias such as "DPR")


@dataclass(frozen=True)
class _Table:
    regions: tuple[Region, ...]
    by_name: dict[str, Region]
    by_admin1: dict[tuple[str, str], Region]
    forms: dict[str, _Form]  # lookup_form(text) -> form
    by_key: dict[str, _Form]  # place_key(text) -> form, for keys no two regions share
    pattern: re.Pattern[str]


def _is_explicit_alias(alias: str) -> bool:
    if alias in ABBREVIATIONS:
        return True
    return any(word in EXPLICIT_WORDS for word in lookup_form(alias).split())


def _alias_pattern(text: str) -> str:
    """Regex for a literal form: any apostrophe, hyphen or space between its words."""
    parts = re.split(r"[\s\-]+", text)
    joined = r"[\s\-]+".join(re.escape(p) for p in parts)
    return re.sub(r"['’ʼ]", "['’ʼ]?", joined.replace("\\'", "'"))


def _by_first_letter(patterns: list[str]) -> str:
    """The alternation of `patterns`, grouped by their first letter ("K(?:harkiv|ursk)|...").

    The same regex as "|".join(patterns): the name is matched case-sensitively, so patterns
    with different first letters never match at the same place, and within a group the
    order (longest first) is kept. The regex engine then tries one small group per word
    instead of every alias in turn. Falls back to the plain alternation when a pattern does
    not start with a literal letter."""
    groups: dict[str, list[str]] = {}
    for pattern in patterns:
        first, rest = pattern[:1], pattern[1:]
        if not first.isalpha() or rest[:1] in ("*", "+", "?", "{"):
            return "|".join(patterns)
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


@lru_cache(maxsize=1)
def _table() -> _Table:
    regions: list[Region] = []
    aliases: dict[str, list[str]] = {}
    by_admin1: dict[tuple[str, str], Region] = {}
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            region = Region(
                name=row["region_name"],
                country=row["country"],
                iso_code=row["iso_code"],
                region_type=row["region_type"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            regions.append(region)
            aliases[region.name] = [a for a in row["aliases"].split(";") if a]
            by_admin1[(region.country, row["geonames_admin1"])] = region
    by_name = {r.name: r for r in regions}

    forms: dict[str, _Form] = {}

    def add(text: str, region: Region, explicit: bool) -> None:
        key = lookup_form(text)
        current = forms.get(key)
        if current is None:
            forms[key] = _Form(text, region, region, explicit)
            return
        # Two regions written the same way: the city one for bare use, the other suffixed.
        seen = (current.bare_region, current.suffixed_region, region)
        city = next((r for r in seen if r.region_type in CITY_TYPES), current.bare_region)
        other = next((r for r in seen if r.region_type not in CITY_TYPES), city)
        forms[key] = _Form(current.text, city, other, current.explicit and explicit)

    for region in regions:
        for alias in (region.name, *aliases[region.name]):
            add(alias, region, _is_explicit_alias(alias))
    for region in regions:  # "Kyiv City" and "City of Kiev" are also written "Kyiv", "Kiev"
        if region.region_type in CITY_TYPES:
            for alias in (region.name, *aliases[region.name]):
                bare = " ".join(w for w in alias.split() if w.lower() not in CITY_WORDS)
                if bare and bare != alias:
                    add(bare, region, False)

    by_key: dict[str, _Form] = {}
    clashes: set[str] = set()
    for form in forms.values():
        key = place_key(form.text)
        other = by_key.get(key)
        if other is not None and other.bare_region != form.bare_region:
            clashes.add(key)
        by_key.setdefault(key, form)
    for key in clashes:
        del by_key[key]

    texts = sorted((f.text for f in forms.values()), key=len, reverse=True)
    alternatives = _by_first_letter([_alias_pattern(t) for t in texts])
    suffix = "|".join(SUFFIX_WORDS)
    pattern = re.compile(
        rf"(?<![\w\-])(?P<name>{alternatives})(?![\w]|-\w)"
        rf"(?P<suffix>\s+(?i:{suffix})\b)?"
    )
    return _Table(tuple(regions), by_name, by_admin1, forms, by_key, pattern)


def all_regions() -> list[Region]:
    """Every region of regions.csv, in file order."""
    return list(_table().regions)


def region_by_name(name: str) -> Region | None:
    """The region with this exact canonical name."""
    return _table().by_name.get(name)


def region_for_admin1(country: str, admin1_code: str) -> Region | None:
    """The region a GeoNames (country, admin1 code) pair stands for."""
    return _table().by_admin1.get((country, admin1_code))


def equivalent_regions(name: str) -> tuple[str, ...]:
    """The canonical names a region name stands for (Kyiv ~ Kyiv City, Crimea ~ Sevastopol)."""
    return EQUIVALENT.get(name, (name,))


_LEADING_RE = re.compile(r"^(?:the\s+)", re.IGNORECASE)
_REGION_OF_RE = re.compile(
    r"^(?:the\s+)?(?:region|oblast|province)\s+of\s+(?:the\s+)?(?P<name>.+)$", re.IGNORECASE
)


@lru_cache(maxsize=4096)
def resolve_region(text: str) -> Region | None:
    """The canonical region a name stands for, or None.

    "Kharkov Region", "DPR", "Zaporozhye", "Донецкая область", "Kyiv Oblast" -> Kharkiv,
    Donetsk, Zaporizhzhia, Donetsk, Kyiv. A bare name that is also a city region's name
    ("Kyiv", "Moscow") gives the city region.
    """
    table = _table()
    cleaned = _LEADING_RE.sub("", text.strip().strip('.,;:()"“”'))
    if not cleaned:
        return None
    match = _REGION_OF_RE.match(cleaned)
    if match:
        cleaned, suffixed = match.group("name"), True
    else:
        suffixed = False
    form_key = lookup_form(cleaned)
    form = table.forms.get(form_key)
    if form is not None:
        return form.suffixed_region if suffixed else form.bare_region
    words = form_key.split()
    while words and words[-1] in SUFFIX_WORDS:
        words.pop()
        suffixed = True
    stripped = " ".join(words)
    form = table.forms.get(stripped)
    if form is None and stripped:
        form = table.by_key.get(place_key(stripped))
    if form is None:
        return None
    return form.suffixed_region if suffixed else form.bare_region


def _is_city_name(form: _Form) -> bool:
    """Whether a bare form also names a city (its region is not made explicit by the name)."""
    from ingest.resolve.places import is_city_name

    return form.bare_region.region_type in CITY_TYPES or is_city_name(form.text)


@lru_cache(maxsize=512)
def _bare_is_city(form_text: str) -> bool:
    return _is_city_name(_table().forms[lookup_form(form_text)])


_LIST_GLUE_RE = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)$")


def find_regions(text: str) -> list[RegionMention]:
    """Every region mention in a text, in order, with character offsets.

    The span covers the region word when there is one ("Kharkiv region"). Bare names used
    mostly for something else ("Vladimir") need a region word; a name followed by
    "Independent"/"regime" ("the Kyiv regime") is no mention.
    """
    return list(_find_regions(text))


# Several extractors scan the same sentence for regions: the mentions, a pure function of the
# text, are kept for the most recent texts.
FIND_CACHE_SIZE = 8192


@lru_cache(maxsize=FIND_CACHE_SIZE)
def _find_regions(text: str) -> tuple[RegionMention, ...]:
    table = _table()
    raw: list[tuple[int, int, _Form, bool, bool]] = []  # start, end, form, suffixed, plural
    for match in table.pattern.finditer(text):
        name_form = lookup_form(match.group("name"))
        form = table.forms.get(name_form)
        if form is None:
            continue
        suffix = match.group("suffix")
        if suffix is None:
            if name_form in SUFFIX_ONLY:
                continue
            following = text[match.end("name") : match.end("name") + 20].split()
            if following and following[0].lower().strip(".,;:") in NOT_A_PLACE_AFTER:
                continue
        suffix_word = suffix.strip().lower() if suffix else ""
        raw.append((match.start(), match.end(), form, bool(suffix), suffix_word in PLURAL_SUFFIXES))

    # "Kharkiv, Sumy and Donetsk regions": the plural word makes every listed name a region.
    suffixed = [item[3] for item in raw]
    in_plural_list = [item[4] for item in raw]
    for i in range(len(raw) - 2, -1, -1):
        glue = text[raw[i][1] : raw[i + 1][0]]
        if not suffixed[i] and in_plural_list[i + 1] and _LIST_GLUE_RE.match(glue):
            suffixed[i] = in_plural_list[i] = True

    mentions = []
    for (start, end, form, _, _), is_suffixed in zip(raw, suffixed, strict=True):
        region = form.suffixed_region if is_suffixed else form.bare_region
        explicit = is_suffixed or form.explicit or not _bare_is_city(form.text)
        mentions.append(RegionMention(region, start, end, text[start:end], explicit))
    return tuple(mentions)
