"""The reference CSVs of ingest/resolve: regions.csv and places_supplement.csv."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pycountry
import pytest

from ingest.resolve import build_reference
from ingest.resolve.places import SUPPLEMENT_COLUMNS, resolve_place
from ingest.resolve.regions import resolve_region

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference"
REGION_COLUMNS = [
    "region_name", "country", "iso_code", "geonames_admin1", "region_type", "latitude",
    "longitude", "aliases",
]  # fmt: skip
REGION_TYPES = {"oblast", "city", "autonomous_republic", "republic", "krai", "federal_city",
                "autonomous_okrug", "autonomous_oblast"}  # fmt: skip
# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) by recognised borders.
BOXES = {"UA": (44.0, 52.5, 22.0, 40.5), "RU": (41.0, 82.0, 19.0, 180.0)}


def read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def in_box(country: str, lat: float, lon: float) -> bool:
    lat_min, lat_max, lon_min, lon_max = BOXES[country]
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)  # fmt: skip
    return 12742.0 * math.asin(math.sqrt(a))


REGION_COLUMNS_FOUND, REGIONS = read("regions.csv")
SUPPLEMENT_COLUMNS_FOUND, SUPPLEMENT = read("places_supplement.csv")
REGION_BY_NAME = {row["region_name"]: row for row in REGIONS}


def test_region_columns() -> None:
    assert REGION_COLUMNS_FOUND == REGION_COLUMNS


@pytest.mark.parametrize("column", ["region_name", "iso_code"])
def test_region_column_unique(column: str) -> None:
    values = [row[column] for row in REGIONS]
    assert len(values) == len(set(values))


def test_geonames_admin1_unique_per_country() -> None:
    pairs = [(row["country"], row["geonames_admin1"]) for row in REGIONS]
    assert len(pairs) == len(set(pairs))


def test_every_ukrainian_subdivision_present() -> None:
    expected = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert len(expected) == 27
    assert {row["iso_code"] for row in REGIONS if row["country"] == "UA"} == expected


def test_annotation_region_names_present() -> None:
    required = {
        "Cherkasy", "Chernihiv", "Chernivtsi", "Crimea", "Dnipropetrovsk", "Donetsk",
        "Ivano-Frankivsk", "Kharkiv", "Kherson", "Khmelnytskyi", "Kirovohrad", "Kyiv",
        "Kyiv City", "Luhansk", "Lviv", "Mykolaiv", "Odesa", "Poltava", "Rivne", "Sevastopol",
        "Sumy", "Ternopil", "Vinnytsia", "Volyn", "Zakarpattia", "Zaporizhzhia", "Zhytomyr",
        "Belgorod", "Bryansk", "Kursk", "Rostov", "Krasnodar", "Voronezh", "Moscow", "Oryol",
        "Tula", "Kaluga", "Smolensk", "Lipetsk", "Tambov", "Ryazan", "Saratov", "Volgograd",
        "Leningrad", "Tatarstan",
    }  # fmt: skip
    assert required <= set(REGION_BY_NAME)


@pytest.mark.parametrize("row", REGIONS, ids=[r["region_name"] for r in REGIONS])
def test_region_row(row: dict[str, str]) -> None:
    subdivision = pycountry.subdivisions.get(code=row["iso_code"])
    assert subdivision is not None and subdivision.country_code == row["country"]
    assert row["region_type"] in REGION_TYPES
    assert len(row["geonames_admin1"]) == 2 and row["geonames_admin1"].isdigit()
    assert in_box(row["country"], float(row["latitude"]), float(row["longitude"]))
    aliases = row["aliases"].split(";")
    assert all(a.strip() == a and a for a in aliases)
    assert len(aliases) == len(set(aliases))
    region = resolve_region(row["region_name"])
    assert region is not None


def test_regions_csv_is_reproducible() -> None:
    """The file is what build_reference.py writes (rerun it after editing its table)."""
    assert build_reference.render(build_reference.build_rows()) == (
        REFERENCE / "regions.csv"
    ).read_text(encoding="utf-8")


def test_supplement_columns() -> None:
    assert tuple(SUPPLEMENT_COLUMNS_FOUND) == SUPPLEMENT_COLUMNS


def test_supplement_unique_places() -> None:
    keys = [(row["place_name"], row["admin1"]) for row in SUPPLEMENT]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("row", SUPPLEMENT, ids=[r["place_name"] for r in SUPPLEMENT])
def test_supplement_row(row: dict[str, str]) -> None:
    region = REGION_BY_NAME.get(row["admin1"])
    assert region is not None, "admin1 must be a canonical region name"
    assert row["country"] == region["country"]
    assert row["note"], "say why the entry is there and where its coordinates come from"
    if row["latitude"] or row["longitude"]:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        assert in_box(row["country"], lat, lon)
        # The coordinates lie in (or near) the region they are filed under.
        assert km(lat, lon, float(region["latitude"]), float(region["longitude"])) < 350
    for spelling in [row["place_name"], *filter(None, row["aliases"].split(";"))]:
        place = resolve_place(spelling)
        assert place is not None, spelling
        assert (place.name, place.admin1) == (row["place_name"], row["admin1"]), spelling
