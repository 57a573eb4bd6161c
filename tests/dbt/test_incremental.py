"""An incremental build equals a full build (ingest/dbt_runner.py build_warehouse).

Warehouse A is built from corpus X+Y in one run; warehouse B from X, then Y in a second
run, whose build is incremental. Every mart and int_claim_events must hold the same rows
in A and B, run ids and timestamps aside. Y holds what can change rows built from X:

- a report of the Vovchenka capture dated a day before X's first report (the event's
  first report date, hence its claim_event_id and is_first_report, change), and one that
  bridges X's two capture events (11-05 and 11-09, four days apart) into one;
- the other side's denial of that capture (dim_places.control_state changes);
- a second report of X's overnight drone attack (same event);
- the next days of the General Staff tally started in X, one a downward revision;
- an article of X saved again under another file name (dim_articles.source_files grows);
- other articles (tests/fixtures/probe*) spread over both halves, for the daily figures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from ingest.cli import app
from ingest.dbt_runner import (
    DbtOutcome,
    build_warehouse,
    needs_full_refresh,
    project_fingerprint,
    up_to_date,
)

TESTS = Path(__file__).resolve().parents[1]
LEDGER = TESTS / "ledger" / "corpus"
PROBES = [*sorted((TESTS / "fixtures" / "probe").glob("*.txt")),
          *sorted((TESTS / "fixtures" / "probe2").glob("*.txt"))]  # fmt: skip

# A capture report four days after a2's: a separate event in X, bridged by a3 in Y.
LATE_CAPTURE = """ date 2024-11-09
Russian troops hold Vovchenka, Defence Ministry says
Interfax

The Russian Defence Ministry said on Saturday that its forces had captured the village \
of Vovchenka in the Donetsk region and repelled Ukrainian counterattacks.
"""
X_LEDGER = ["a2_reuters_capture.txt", "b1_kyiv_independent_drones.txt",
            "c1_general_staff_day1.txt", "c2_general_staff_day2.txt"]  # fmt: skip
Y_LEDGER = ["a1_tass_capture.txt", "a3_ria_capture.txt", "a4_ukrinform_denial.txt",
            "b2_ukrinform_drones.txt", "c3_general_staff_day3.txt",
            "c4_general_staff_day4.txt"]  # fmt: skip
COPY_NAME = "zz_copy_of_a2.txt"  # X's a2, read again under another name

MODELS = [
    "intermediate.int_claim_events", "main.dim_articles", "main.dim_regions",
    "main.dim_places", "main.fct_territorial_claims", "main.fct_casualties",
    "main.fct_equipment_losses", "main.fct_strikes", "main.fct_claim_events",
    "main.fct_place_control_history", "main.fct_cumulative_series", "main.agg_daily_region",
]  # fmt: skip
IGNORED = {"run_id", "ingested_at"}


def _corpus(root: Path) -> tuple[Path, Path]:
    x, y = root / "x", root / "y"
    x.mkdir()
    y.mkdir()
    for name in X_LEDGER:
        shutil.copy(LEDGER / name, x / name)
    (x / "a5_interfax_capture.txt").write_text(LATE_CAPTURE, encoding="utf-8")
    for name in Y_LEDGER:
        shutil.copy(LEDGER / name, y / name)
    shutil.copy(LEDGER / "a2_reuters_capture.txt", y / COPY_NAME)
    half = len(PROBES) // 2
    for path in PROBES[:half]:
        shutil.copy(path, x / path.name)
    for path in PROBES[half:]:
        shutil.copy(path, y / path.name)
    return x, y


def _ingest(db: Path, *paths: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", *map(str, paths), "--db", str(db)])
    assert result.exit_code == 0, result.output


def _build(db: Path) -> DbtOutcome:
    outcome = build_warehouse(db)
    assert outcome.ok, (outcome.summary(), outcome.failures, outcome.error)
    return outcome


def _rows(db: Path, relation: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        schema, name = relation.split(".")
        columns = [
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns"
                " where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, name],
            ).fetchall()
            if row[0] not in IGNORED
        ]
        select = ", ".join(f'"{column}"' for column in columns)
        return con.execute(f"select {select} from {relation} order by all").fetchall()
    finally:
        con.close()


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("incremental")
    x, y = _corpus(root)
    full, incremental = root / "full.duckdb", root / "incremental.duckdb"
    _ingest(full, x, y)
    full_outcome = _build(full)
    _ingest(incremental, x)
    first_outcome = _build(incremental)
    events_after_x = dict(
        _query(incremental, "select claim_id, claim_event_id from intermediate.int_claim_events")
    )
    _ingest(incremental, y)
    second_outcome = _build(incremental)
    return {
        "full": full,
        "incremental": incremental,
        "outcomes": (full_outcome, first_outcome, second_outcome),
        "events_after_x": events_after_x,
    }


def test_second_build_is_incremental(warehouses: dict) -> None:
    full_outcome, first_outcome, second_outcome = warehouses["outcomes"]
    assert full_outcome.mode.startswith("full refresh")
    assert first_outcome.mode.startswith("full refresh")
    assert second_outcome.mode == "incremental"
    db = warehouses["incremental"]
    new_facts = _query(db, "select count(*) from intermediate.int_facts__new")[0][0]
    recomputed = _query(
        db, "select count(*) from intermediate.int_claim_events__batch where not is_new"
    )[0][0]
    assert new_facts > 0  # Y's facts went through the incremental path
    assert recomputed > 0  # and facts of X's events were recomputed with them


@pytest.mark.parametrize("relation", MODELS)
def test_incremental_build_equals_full_build(warehouses: dict, relation: str) -> None:
    full = _rows(warehouses["full"], relation)
    incremental = _rows(warehouses["incremental"], relation)
    assert full, f"{relation} is empty: the corpus does not exercise it"
    assert incremental == full


def test_corpus_covers_the_cases_that_change_old_rows(warehouses: dict) -> None:
    db = warehouses["incremental"]
    before = warehouses["events_after_x"]
    after = dict(_query(db, "select claim_id, claim_event_id from intermediate.int_claim_events"))
    changed = [claim for claim, event in before.items() if after[claim] != event]
    assert changed, "no claim event of X was re-identified by Y"
    (vovchenka,) = _query(
        db,
        "select n_claim_events, control_state from main.dim_places where place_name = 'Vovchenka'",
    )
    assert vovchenka == (2, "disputed")  # one capture event (bridged), then the denial
    (tally,) = _query(
        db,
        "select count(*), bool_or(is_revision) from main.fct_cumulative_series"
        " where claim_type = 'casualties' and claimant_side = 'UA' and victim_side = 'RU'",
    )
    assert tally == (4, True)
    (files,) = _query(
        db, "select source_files from main.dim_articles where 'zz_copy_of_a2.txt' in source_files"
    )
    assert files == (["a2_reuters_capture.txt", COPY_NAME],)


def test_full_refresh_when_the_project_changed_or_articles_were_reprocessed(
    warehouses: dict, tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(warehouses["incremental"], db)
    fingerprint = project_fingerprint()
    assert needs_full_refresh(db, fingerprint) is None
    assert needs_full_refresh(db, "another project") is not None
    con = duckdb.connect(str(db))
    try:  # what a --reprocess run leaves: an article loaded again under a new run id
        con.execute("update raw.articles set run_id = 'reprocessed' where rowid = 0")
    finally:
        con.close()
    assert "reprocessed" in (needs_full_refresh(db, fingerprint) or "")
    assert needs_full_refresh(tmp_path / "new.duckdb", fingerprint) is not None


def test_build_is_skipped_until_raw_grows(warehouses: dict, tmp_path: Path) -> None:
    """A rerun that added nothing (every file already read) costs no dbt build; any row
    appended to raw.articles, raw.article_sources or raw.facts makes the next one run."""
    db = tmp_path / "copy.duckdb"
    shutil.copy(warehouses["incremental"], db)
    assert up_to_date(db)
    outcome = _build(db)
    assert outcome.counts == {}
    assert outcome.mode == "skipped: raw unchanged since the last build"
    assert build_warehouse(db, full_refresh=True).counts  # asked: it runs
    keys = {"raw.articles": "article_id", "raw.article_sources": "source_path",
            "raw.facts": "fact_id"}  # fmt: skip
    for table, key in keys.items():
        grown = tmp_path / f"grown_{table.removeprefix('raw.')}.duckdb"
        shutil.copy(db, grown)
        con = duckdb.connect(str(grown))
        try:  # a copy of an existing row under a new key: only the count matters here
            con.execute(
                f"insert into {table} select * replace ('new-' || {key} as {key})"
                f" from {table} limit 1"
            )
        finally:
            con.close()
        assert not up_to_date(grown), table
    assert not up_to_date(tmp_path / "missing.duckdb")
