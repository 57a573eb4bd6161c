"""End to end: `frontline run` on the sample articles into a temporary warehouse."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from ingest.cli import app
from ingest.paths import SAMPLE_ARTICLES_DIR, SHARED_DIR
from ingest.warehouse import connect_readonly

CONTRACT = {
    "dim_articles": {"article_id", "source_file", "outlet", "title", "published_date"},
    "fct_territorial_claims": {
        "claim_id", "article_id", "actor_side", "place_name", "area_km2", "admin1", "country",
        "latitude", "longitude", "claimant", "claimant_side", "status", "evidence",
    },
    "fct_casualties": {
        "claim_id", "article_id", "victim_side", "victim_kind", "category", "quantity",
        "qualifier", "scope", "admin1", "country", "claimant", "claimant_side", "evidence",
    },
    "fct_equipment_losses": {
        "claim_id", "article_id", "victim_side", "equipment_class", "quantity", "qualifier",
        "scope", "admin1", "claimant", "claimant_side", "evidence",
    },
    "fct_strikes": {
        "claim_id", "article_id", "attacker_side", "weapon_class", "weapon_system", "launched",
        "intercepted", "qualifier", "target_place", "admin1", "country", "latitude",
        "longitude", "scope", "claimant", "claimant_side", "evidence",
    },
    "dim_regions": {"region_name", "country"},
    "agg_daily_region": {"admin1"},
}  # fmt: skip


def columns(db: Path, table: str) -> set[str]:
    con = connect_readonly(db)
    try:
        rows = con.sql(
            "select column_name from information_schema.columns"
            " where table_schema = 'main' and table_name = ?",
            params=[table],
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def scalar(db: Path, sql: str) -> object:
    con = connect_readonly(db)
    try:
        return con.sql(sql).fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_marts_have_the_contract_columns(warehouse: Path, table: str) -> None:
    missing = CONTRACT[table] - columns(warehouse, table)
    assert not missing, f"{table} lacks {sorted(missing)}"


def test_every_sample_article_is_loaded_with_facts(warehouse: Path) -> None:
    assert scalar(warehouse, "select count(*) from dim_articles") == 5
    assert scalar(warehouse, "select count(*) from raw.ingest_errors") == 0
    for table in ("fct_territorial_claims", "fct_strikes"):
        assert scalar(warehouse, f"select count(*) from {table}") > 0, table
    # every fact is traceable to its sentence and rule
    assert scalar(
        warehouse,
        "select count(*) from raw.facts where evidence is null or rule_id is null"
        " or span_end <= span_start",
    ) == 0


def test_sentence_text_is_cut_from_the_body_by_its_offsets(warehouse: Path) -> None:
    """raw.sentences keeps offsets only; the staging view gives back each parsed sentence
    exactly (the seeds hold curly quotes, dashes and accented names)."""
    from ingest.parse import parse_article
    from ingest.read import read_file

    expected = {}
    for path in sorted(SAMPLE_ARTICLES_DIR.glob("*.txt")):
        for raw in read_file(path)[0]:
            doc = parse_article(raw)
            expected.update({(doc.article_id, s.index): s.text for s in doc.sentences})
    assert any(not text.isascii() for text in expected.values())
    con = connect_readonly(warehouse)
    try:
        rows = con.sql(
            "select article_id, sentence_index, sentence_text from staging.stg_raw__sentences"
        ).fetchall()
    finally:
        con.close()
    assert {(a, i): text for a, i, text in rows} == expected


def test_dates_follow_the_article_not_the_page(warehouse: Path) -> None:
    con = connect_readonly(warehouse)
    try:
        dates = dict(
            con.sql(
                "select first_source_file, cast(published_date as varchar) from dim_articles"
            ).fetchall()
        )
    finally:
        con.close()
    assert dates["000_66ffe869e0ac6b01.txt"] == "2024-12-20"  # leading ' date' line
    assert dates["002_3876eccb055f605d.txt"] == "2024-05-31"  # not the weather strip
    assert dates["003_92af7fd105667066.txt"] is None  # unknown stays NULL


def test_sql_prints_the_count_and_refuses_writes(warehouse: Path, cli: CliRunner) -> None:
    expected = scalar(warehouse, "select count(*) from fct_strikes")
    result = cli.invoke(
        app, ["sql", "select count(*) as n from fct_strikes", "--db", str(warehouse), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": expected}]
    before = warehouse.stat().st_mtime_ns
    for query in ("drop table fct_strikes", "copy fct_strikes to '/tmp/x.csv'",
                  "select * from read_csv('/etc/passwd')"):
        refused = cli.invoke(app, ["sql", query, "--db", str(warehouse)])
        assert refused.exit_code == 1, query
        assert "error:" in refused.stderr
    assert warehouse.stat().st_mtime_ns == before


def test_rerun_is_idempotent_and_duplicates_are_recorded_once(
    tmp_path: Path, cli: CliRunner
) -> None:
    articles = tmp_path / "in"
    shutil.copytree(SAMPLE_ARTICLES_DIR, articles)
    shutil.copy(articles / "003_92af7fd105667066.txt", articles / "copy_of_003.txt")
    db = tmp_path / "w.duckdb"
    first = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert first.exit_code == 0, first.output
    counts = (
        scalar(db, "select count(*) from raw.articles"),
        scalar(db, "select count(*) from raw.facts"),
    )
    assert counts[0] == 5
    assert scalar(db, "select count(*) from raw.article_sources") == 6
    again = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert (
        scalar(db, "select count(*) from raw.articles"),
        scalar(db, "select count(*) from raw.facts"),
    ) == counts
    assert scalar(db, "select count(*) from raw.article_sources") == 6
    assert scalar(db, "select count(*) from raw.ingest_runs") == 2


def _ingest_line(result) -> str:
    return next(line for line in result.output.splitlines() if line.startswith("ingest:"))


def test_unchanged_files_are_not_read_again(
    tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scheduled run over a growing folder reads only new or changed files; a file the
    OS refused to read is tried again; --reprocess reads everything."""
    import os

    import ingest.pipeline
    from ingest.models import ReadError
    from ingest.read import UNREADABLE, read_file

    articles = tmp_path / "in"
    shutil.copytree(SAMPLE_ARTICLES_DIR, articles)
    db = tmp_path / "w.duckdb"
    refused = articles / "004_dd2113f5f7d29a02.txt"
    assert refused.exists()

    def flaky_read(path: Path):
        if Path(path) == refused:
            return [], [ReadError(str(path), "read", f"{UNREADABLE}: busy")]
        return read_file(path)

    monkeypatch.setattr(ingest.pipeline, "read_file", flaky_read)
    first = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "(0 unchanged" in _ingest_line(first)
    assert scalar(db, "select count(*) from raw.articles") == 4
    monkeypatch.setattr(ingest.pipeline, "read_file", read_file)

    again = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    line = _ingest_line(again)
    assert "(4 unchanged" in line and "1 article(s) read, 1 new" in line, line
    assert scalar(db, "select count(*) from raw.articles") == 5

    touched = articles / "000_66ffe869e0ac6b01.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    (articles / "new.txt").write_text(touched.read_text() + "\nA new closing paragraph.\n")
    third = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    line = _ingest_line(third)
    assert "(4 unchanged" in line and "2 article(s) read, 1 new, 1 already known" in line, line

    everything = cli.invoke(app, ["ingest", str(articles), "--db", str(db), "--reprocess"])
    assert "(0 unchanged" in _ingest_line(everything) and "6 article(s) read" in _ingest_line(
        everything
    )
    assert scalar(db, "select count(*) from raw.articles") == 6


BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"   \n\t\n  ",
    "binary.txt": bytes(range(256)) * 8,
    "broken.jsonl": b'{"text": "not closed\n',
}


def test_bad_files_are_recorded_and_the_run_goes_on(tmp_path: Path, cli: CliRunner) -> None:
    articles = tmp_path / "in"
    shutil.copytree(SAMPLE_ARTICLES_DIR, articles)
    for name, data in BAD_FILES.items():
        (articles / name).write_bytes(data)
    db = tmp_path / "w.duckdb"
    result = cli.invoke(app, ["ingest", str(articles), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert scalar(db, "select count(*) from raw.articles") == 5
    con = connect_readonly(db)
    try:
        rejected = dict(
            con.sql("select regexp_extract(source_path, '[^/]+$'), reason from raw.ingest_errors")
            .fetchall()
        )
    finally:
        con.close()
    assert set(rejected) == set(BAD_FILES)
    assert all(reason for reason in rejected.values())


def test_nothing_readable_exits_non_zero(tmp_path: Path, cli: CliRunner) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli.invoke(app, ["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert "no article could be read" in result.stderr


def test_missing_warehouse_is_a_clear_error(tmp_path: Path, cli: CliRunner) -> None:
    result = cli.invoke(app, ["sql", "select 1", "--db", str(tmp_path / "nope.duckdb")])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_export_writes_every_mart(warehouse: Path, tmp_path: Path, cli: CliRunner) -> None:
    result = cli.invoke(app, ["export", "--db", str(warehouse), "--out", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = (tmp_path / "fct_strikes.csv").read_text().splitlines()[0].split(",")
    assert {"claim_id", "attacker_side", "evidence"} <= set(header)
    assert pl.read_csv(tmp_path / "dim_articles.csv").height == 5


def test_scorer_reads_the_warehouse(warehouse: Path) -> None:
    scorer = SHARED_DIR / "eval" / "score.py"
    gold = SHARED_DIR / "corpus" / "seeds" / "gold.jsonl"
    if not scorer.exists() or not gold.exists():
        pytest.skip("the client's scorer and corpus are not beside the clone")
    done = subprocess.run(
        [sys.executable, str(scorer), "--db", str(warehouse), "--gold", str(gold)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "overall_f1=" in done.stdout


def test_run_with_nothing_readable_still_records_the_rejections(
    tmp_path: Path, cli: CliRunner
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    result = cli.invoke(app, ["run", str(tmp_path / "empty.txt"), "--db", str(db)])
    assert result.exit_code == 1
    assert scalar(db, "select count(*) from raw.ingest_errors") == 1
    assert scalar(db, "select status from raw.ingest_runs") == "failed"
