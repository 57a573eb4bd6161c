"""The extractor on a probe corpus in outlets' styles it was not tuned on.

tests/fixtures/probe holds short articles written in the manner of outlets the dev corpus
lacks (live blogs, key-events lists, explainers, wires, a Telegram digest, an ISW assessment,
a fact box, a UN monthly update) and their gold facts annotated per
../shared/eval/ANNOTATION.md. The floors sit a little below the figures reached, so a
regression fails. Skipped where the client's scorer (../shared/eval/score.py) is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PROBE = REPO_ROOT / "tests" / "fixtures" / "probe"
SCORER = (REPO_ROOT / "../shared/eval/score.py").resolve()

MICRO_FLOOR = 0.97  # reached 0.989 (0.868 on the first 12 articles before the fixes)
# per-type strict F1 floors
TYPE_FLOORS = {"territorial": 0.95, "casualties": 0.97, "equipment": 0.93, "strike": 0.97}
FIELD_FLOORS = {"claimant_side": 0.97, "region": 0.93, "status": 0.95, "scope": 0.95}


@pytest.fixture(scope="module")
def report() -> dict:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is not here")
    from ingest import evaluate

    result, speed = evaluate.evaluate(PROBE, PROBE / "gold.jsonl", scorer_path=SCORER)
    assert speed["articles"] == len(list(PROBE.glob("*.txt")))
    return result


def test_gold_covers_every_probe_article() -> None:
    gold = [json.loads(line) for line in (PROBE / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    assert sorted(g["article"] for g in gold) == sorted(p.name for p in PROBE.glob("*.txt"))
    assert sum(len(g["facts"]) for g in gold) >= 50


def test_probe_micro_f1_above_floor(report: dict) -> None:
    assert report["overall_f1"] >= MICRO_FLOOR, report["strict"]["micro"]


@pytest.mark.parametrize("kind", sorted(TYPE_FLOORS))
def test_probe_type_f1_above_floor(report: dict, kind: str) -> None:
    f1 = report["strict"]["by_type"][kind]["f1"]
    assert f1 is not None and f1 >= TYPE_FLOORS[kind], report["strict"]["by_type"][kind]


@pytest.mark.parametrize("field", sorted(FIELD_FLOORS))
def test_probe_field_accuracy_above_floor(report: dict, field: str) -> None:
    assert report["fields"][field]["accuracy"] >= FIELD_FLOORS[field], report["fields"][field]


# probe2: ten more articles in other outlets' styles (a Guardian roundup, a CNN explainer,
# an Ukrinform governor report, Kommersant quoting the Russian MoD, a DW/ISW analysis, a
# Euromaidan Press front-line update, Sky News, Newsweek, a Politico piece full of decoy
# numbers, a TASS capture report), written and annotated BEFORE the extractor was looked at.
# Measured before any fix: micro F1 0.746 (territorial 0.875, casualties 0.750, equipment
# 0.588, strike 0.818); after the general fixes 0.954. Floors sit a little below the latter.
PROBE2 = REPO_ROOT / "tests" / "fixtures" / "probe2"
PROBE2_MICRO_FLOOR = 0.93
PROBE2_TYPE_FLOORS = {"territorial": 0.90, "casualties": 0.95, "equipment": 0.93,
                      "strike": 0.87}
PROBE2_FIELD_FLOORS = {"claimant_side": 0.97, "region": 0.75, "status": 0.95, "scope": 0.93}


@pytest.fixture(scope="module")
def report2() -> dict:
    if not SCORER.is_file():
        pytest.skip(f"{SCORER} is not here")
    from ingest import evaluate

    result, speed = evaluate.evaluate(PROBE2, PROBE2 / "gold.jsonl", scorer_path=SCORER)
    assert speed["articles"] == len(list(PROBE2.glob("*.txt")))
    return result


def test_gold_covers_every_probe2_article() -> None:
    gold = [json.loads(line) for line in (PROBE2 / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    assert sorted(g["article"] for g in gold) == sorted(p.name for p in PROBE2.glob("*.txt"))
    assert sum(len(g["facts"]) for g in gold) >= 60


def test_probe2_micro_f1_above_floor(report2: dict) -> None:
    assert report2["overall_f1"] >= PROBE2_MICRO_FLOOR, report2["strict"]["micro"]


@pytest.mark.parametrize("kind", sorted(PROBE2_TYPE_FLOORS))
def test_probe2_type_f1_above_floor(report2: dict, kind: str) -> None:
    f1 = report2["strict"]["by_type"][kind]["f1"]
    assert f1 is not None and f1 >= PROBE2_TYPE_FLOORS[kind], report2["strict"]["by_type"][kind]


@pytest.mark.parametrize("field", sorted(PROBE2_FIELD_FLOORS))
def test_probe2_field_accuracy_above_floor(report2: dict, field: str) -> None:
    assert report2["fields"][field]["accuracy"] >= PROBE2_FIELD_FLOORS[field], \
        report2["fields"][field]
