"""Shared fixtures: a real warehouse built from the sample articles through the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.cli import app
from ingest.paths import SAMPLE_ARTICLES_DIR, SHARED_DIR

CORPUS_DIR = SHARED_DIR / "corpus"


def corpus_or_skip(name: str) -> Path:
    """A folder of the client's corpus (../shared/corpus/NAME), or skip where absent."""
    path = CORPUS_DIR / name
    if not path.is_dir():
        pytest.skip(f"{path} is not here (the client's corpus sits beside the clone in CI)")
    return path


@pytest.fixture(scope="session")
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by `frontline run seeds/articles` (ingest + dbt build)."""
    db = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    result = CliRunner().invoke(app, ["run", str(SAMPLE_ARTICLES_DIR), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.exists()
    return db


@pytest.fixture(autouse=True)
def _no_frontline_db_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch a user's warehouse through $FRONTLINE_DB."""
    if "FRONTLINE_DB" in os.environ:
        monkeypatch.delenv("FRONTLINE_DB")
