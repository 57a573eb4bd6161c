"""The claims ledger end to end: a hand-written corpus through the real `frontline run`.

tests/ledger/corpus holds eleven short articles (dates on a leading ` date` line):

- a1-a3: the Russian Defence Ministry's capture of Vovchenka (Donetsk region) reported by
  TASS, Reuters and RIA Novosti on 4, 5 and 6 November 2024; a4: Ukrinform on 7 November,
  the General Staff denying it (the extractor marks that report `disputed`);
- b1-b2: one overnight attack (40 drones launched, 35 shot down, the Air Force) reported
  by The Kyiv Independent and Ukrinform;
- c1-c4: the General Staff's tally of Russian personnel losses on four consecutive days,
  720,000 -> 721,500 -> 721,200 (a downward revision) -> 722,400.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_article_yields_its_one_fact(ledger_db: Path) -> None:
    rows = query(
        ledger_db,
        "select source_file[1], n_facts from dim_articles order by source_file[1]",
    )
    assert rows == [(path.name, 1) for path in sorted(CORPUS.glob("*.txt"))]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        pytest.param(
            "claim_type = 'territorial' and latest_status = 'claimed'",
            ("RU", "Vovchenka", 3, 3, 3, date(2024, 11, 4), date(2024, 11, 6)),
            id="capture-three-outlets-one-event",
        ),
        pytest.param(
            "claim_type = 'territorial' and latest_status = 'disputed'",
            ("RU", "Vovchenka", 1, 1, 1, date(2024, 11, 7), date(2024, 11, 7)),
            id="denial-is-its-own-event",
        ),
        pytest.param(
            "claim_type = 'strike'",
            ("UA", None, 2, 2, 2, date(2024, 11, 10), date(2024, 11, 10)),
            id="overnight-attack-two-outlets-one-event",
        ),
    ],
)
def test_claim_events(ledger_db: Path, where: str, expected: tuple[Any, ...]) -> None:
    rows = query(
        ledger_db,
        "select claimant_side, place_name, n_reports, n_articles, n_outlets,"
        f" first_reported_date, last_reported_date from fct_claim_events where {where}",
    )
    assert rows == [expected]


def test_the_attack_event_keeps_its_counts(ledger_db: Path) -> None:
    rows = query(
        ledger_db,
        "select attacker_side, weapon_class, launched, intercepted from fct_claim_events"
        " where claim_type = 'strike'",
    )
    assert rows == [("RU", "drone", 40, 35)]


def test_each_tally_is_its_own_event_and_every_fact_has_one(ledger_db: Path) -> None:
    assert query(
        ledger_db,
        "select count(*), sum(n_reports) from fct_claim_events where claim_type = 'casualties'",
    ) == [(4, 4)]
    assert query(
        ledger_db,
        "select count(*) from fct_claim_events",
    ) == [(7,)]
    for table in ("fct_territorial_claims", "fct_casualties", "fct_strikes"):
        assert query(ledger_db, f"select count(*) from {table} where claim_event_id is null") == [
            (0,)
        ]


def test_place_control_history(ledger_db: Path) -> None:
    rows = query(
        ledger_db,
        "select event_sequence, claimant_side, actor_side, status, entry_kind, state_after,"
        " first_reported_date, n_reports from fct_place_control_history"
        " where place_name = 'Vovchenka' order by event_sequence",
    )
    assert rows == [
        (1, "RU", "RU", "claimed", "claim", "claimed by RU", date(2024, 11, 4), 3),
        (2, "RU", "RU", "disputed", "denial", "disputed", date(2024, 11, 7), 1),
    ]


def test_dim_places_holds_the_latest_state(ledger_db: Path) -> None:
    rows = query(
        ledger_db,
        "select place_name, admin1, controlling_side, control_state, control_reported_date,"
        " n_claim_events, n_reports from dim_places",
    )
    assert rows == [("Vovchenka", "Donetsk", "RU", "disputed", date(2024, 11, 7), 2, 4)]


@pytest.mark.parametrize(
    ("report_date", "expected"),
    [
        pytest.param(date(2024, 11, 12), (720_000, None, False), id="first-report-no-change"),
        pytest.param(date(2024, 11, 13), (721_500, 1_500, False), id="plus-1500"),
        pytest.param(date(2024, 11, 14), (721_200, None, True), id="downward-revision"),
        pytest.param(date(2024, 11, 15), (722_400, 1_200, False), id="plus-1200-from-revised"),
    ],
)
def test_cumulative_series(
    ledger_db: Path, report_date: date, expected: tuple[int, int | None, bool]
) -> None:
    rows = query(
        ledger_db,
        "select cumulative_total, daily_change, is_revision from fct_cumulative_series"
        " where claim_type = 'casualties' and claimant_side = 'UA' and victim_side = 'RU'"
        " and category_or_class = 'killed_or_wounded'"
        f" and report_date = date '{report_date.isoformat()}'",
    )
    assert rows == [expected]


def test_one_series_and_never_a_negative_change(ledger_db: Path) -> None:
    assert query(
        ledger_db,
        "select count(distinct series_id), count(*), min(daily_change) from fct_cumulative_series",
    ) == [(1, 4, 1_200)]
