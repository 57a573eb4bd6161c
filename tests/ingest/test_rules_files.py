"""Every rules file of the fact extractor: schema, unique ids, regexes compile and stay fast."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from ingest.extract.attribution import find_speakers
from ingest.extract.casualties import casualty_rules
from ingest.extract.equipment import equipment_rules
from ingest.extract.numbers import find_numbers, number_rules
from ingest.extract.territorial import territorial_rules
from ingest.extract.timing import find_times, time_rules
from ingest.models import CASUALTY_CATEGORIES, EQUIPMENT_CLASSES, SCOPES, SIDES
from ingest.paths import REFERENCE_DIR, RULES_DIR

# The files this extractor owns (strikes.yml belongs to the strike extractor).
RULES_FILES = ("numbers.yml", "attribution.yml", "timing.yml", "casualties.yml",
               "equipment.yml", "territorial.yml")


def load(name: str) -> dict[str, Any]:
    with (RULES_DIR / name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{name} is not a mapping"
    return data


def ids_in(value: Any) -> list[str]:
    """Every `id` value anywhere in a parsed YAML document."""
    if isinstance(value, dict):
        found = [value["id"]] if isinstance(value.get("id"), str) else []
        return found + [i for v in value.values() for i in ids_in(v)]
    if isinstance(value, list):
        return [i for v in value for i in ids_in(v)]
    return []


def patterns_in(value: Any, key: str = "") -> list[str]:
    """Every regex string in a rules document: values under keys named like patterns, and
    the phrase lists (hedges, categories, nouns) that are regex fragments."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in patterns_in(v, k)]
    if isinstance(value, list):
        return [p for v in value for p in patterns_in(v, key)]
    if isinstance(value, str) and key in {"pattern", "units", "disputed", "confirmed",
                                          "not_verified", "not_a_claim", "not_a_place_after",
                                          "not_after_trigger", "military_context",
                                          "civilian_context", "not_captured", "before", "after",
                                          "direct", "nouns", "modifiers", "back_references",
                                          "RU", "UA", "other", "russian_regions",
                                          "settlement_words"}:
        return [value]
    return []


@pytest.mark.parametrize("name", RULES_FILES)
def test_rules_file_has_version_and_unique_ids(name: str) -> None:
    data = load(name)
    assert data.get("version") == 1
    ids = ids_in(data)
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    for rule_id in ids:
        assert re.fullmatch(r"[a-z]+(?:\.[a-z0-9_]+)+", rule_id), rule_id


@pytest.mark.parametrize("name", RULES_FILES)
def test_rules_file_regexes_compile(name: str) -> None:
    patterns = patterns_in(load(name))
    assert patterns, f"no patterns found in {name}"
    for pattern in patterns:
        re.compile(pattern, re.IGNORECASE)


def test_codes_are_contract_values() -> None:
    assert {c["category"] for c in load("casualties.yml")["categories"]} <= set(
        CASUALTY_CATEGORIES)
    assert {v["kind"] for v in load("casualties.yml")["victims"]} == {"military", "civilian"}
    assert {e["scope"] for e in load("timing.yml")["expressions"]} <= set(SCOPES)
    assert set(load("attribution.yml")["nationality"]) <= set(SIDES)
    assert set(load("equipment.yml")["cumulative_only"]) <= set(EQUIPMENT_CLASSES)
    for hedge in load("numbers.yml")["hedges"]:
        assert hedge["qualifier"] in ("at_least", "approx", "at_most")


def test_compiled_rules_load() -> None:
    for loader in (number_rules, casualty_rules, equipment_rules, territorial_rules,
                   time_rules):
        assert loader() is loader()  # compiled once, cached


def test_equipment_classes_csv() -> None:
    with (REFERENCE_DIR / "equipment_classes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == ["equipment_class", "description", "aliases"]
    assert {r["equipment_class"] for r in rows} == set(EQUIPMENT_CLASSES)
    aliases = [a.strip().lower() for r in rows for a in r["aliases"].split(";") if a.strip()]
    assert len(aliases) == len(set(aliases)), "an alias names two classes"


def test_claimant_aliases_csv() -> None:
    with (REFERENCE_DIR / "claimant_aliases.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and list(rows[0]) == ["alias", "claimant", "claimant_side"]
    assert {r["claimant_side"] for r in rows} <= set(SIDES)


HOSTILE = [
    "a " * 5000,
    "Russian " * 2000 + "forces captured",
    "the village of " * 800,
    "1, " * 3000 + "tanks",
    "Aaaa " * 2000 + "was captured",
    "," * 10000,
    ("killed " + "wounded " * 10) * 300,
    ("Novopustynka and " * 400) + "Uspenovka",
    "x" * 50000,
    "said " * 3000,
    "-" * 10000 + "1",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_every_compiled_rule_is_fast_on_hostile_input(text: str) -> None:
    regexes: list[re.Pattern[str]] = []
    cas = casualty_rules()
    regexes += [cas.noun_after, cas.of_them, cas.bare_after, cas.military_context]
    regexes += [c.direct for c in cas.categories] + [c.before for c in cas.categories if c.before]
    eq = equipment_rules()
    regexes += [eq.noun_after, eq.article_noun, eq.loss_before, eq.passive_after, eq.alias_anywhere]
    terr = territorial_rules()
    regexes += [t.regex for t in terr.triggers]
    regexes += [terr.places_after, terr.not_a_claim, terr.area_verb]
    num = number_rules()
    regexes += [num.candidate] + [r.regex for r in num.exclude_after + num.exclude_before]
    regexes += [r for r, _ in num.hedge_before + num.hedge_after]
    regexes += [e.regex for e in time_rules()[1]]
    for regex in regexes:
        started = time.perf_counter()
        for match in regex.finditer(text):
            del match
        regex.match(text)
        regex.search(text[-300:])
        elapsed = time.perf_counter() - started
        assert elapsed < 0.1, f"{regex.pattern[:60]!r} took {elapsed:.3f}s"
    started = time.perf_counter()
    find_numbers(text)
    find_times(text)
    find_speakers(text)
    assert time.perf_counter() - started < 1.0


def test_rules_files_are_packaged() -> None:
    for name in RULES_FILES:
        assert (Path(RULES_DIR) / name).suffix in (".yml", ".yaml")
