"""The read-only console refuses every hostile statement and changes nothing on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from ingest.warehouse import QueryRefused, run_console_query

HOSTILE = {
    "read_csv_passwd": "select * from read_csv('/etc/passwd')",
    "read_text": "select * from read_text('/etc/hostname')",
    "glob": "select * from glob('/etc/*')",
    "copy_to": "copy t to '/tmp/frontline_leak.csv'",
    "copy_select_to": "copy (select * from t) to '/tmp/frontline_leak.parquet'",
    "attach": "attach '/tmp/frontline_other.duckdb' as other",
    "install": "install httpfs",
    "load": "load httpfs",
    "set": "set threads = 1",
    "set_external_access": "set enable_external_access = true",
    "pragma": "pragma enable_profiling",
    "create": "create table x (i integer)",
    "insert": "insert into t values (1)",
    "update": "update t set i = 0",
    "delete": "delete from t",
    "drop": "drop table t",
    "alter": "alter table t add column j integer",
    "export": "export database '/tmp/frontline_export'",
    "checkpoint": "checkpoint",
    "two_statements": "select 1; drop table t",
    "call": "call pragma_version()",
    "read_parquet_cte": "with x as (select 1) select * from read_parquet('/tmp/*.parquet')",
}
SLOW = "select count(*) from t a, t b, t c"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table t as select range as i from range(200000)")
    con.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("statement", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_statement_is_refused(db: Path, statement: str) -> None:
    before = digest(db)
    with pytest.raises(QueryRefused) as refused:
        run_console_query(db, statement, timeout_s=5)
    assert str(refused.value)  # a reason the user can read
    assert digest(db) == before


def test_runaway_query_is_stopped(db: Path) -> None:
    with pytest.raises(QueryRefused, match="time limit"):
        run_console_query(db, SLOW, timeout_s=1)


def test_rows_are_capped_and_a_shared_connection_stays_usable(db: Path) -> None:
    from ingest.warehouse import connect_readonly

    con = connect_readonly(db)
    try:
        capped = run_console_query(con, "select * from t", max_rows=10)
        assert capped.truncated and len(capped.rows) == 10
        assert run_console_query(con, "select count(*) from t").rows == [(200000,)]
    finally:
        con.close()
