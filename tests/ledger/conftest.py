"""One warehouse built from tests/ledger/corpus by the real `frontline run`, per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.cli import app

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="session")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ledger") / "ledger.duckdb"
    result = CliRunner().invoke(app, ["run", str(CORPUS), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db
