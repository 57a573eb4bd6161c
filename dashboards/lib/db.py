"""The dashboard's read-only warehouse connection and cached query results.

The warehouse is rebuilt into a new file and `os.replace`d onto the live path, so the cached
connection is keyed on the path and re-validated against the file's inode/mtime/size: a new
file means a new connection. DuckDB keeps one database instance per path in a process, so
the stale connection is closed before the new one is opened.

The connection uses the console's locked configuration (one configuration per file per
process, see STACK.md); each query runs on its own cursor, which is thread-safe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboards.lib.queries import Query
from ingest import warehouse
from ingest.warehouse import ConsoleResult

DEFAULT_DB = "warehouse.duckdb"
QUERY_TTL_S = 300

Signature = tuple[int, int, int]  # inode, mtime_ns, size


def db_path() -> Path:
    """The warehouse path: $FRONTLINE_DB, else warehouse.duckdb in the working directory."""
    return Path(os.environ.get("FRONTLINE_DB") or DEFAULT_DB)


def file_signature(path: Path) -> Signature | None:
    try:
        st_ = path.stat()
    except OSError:
        return None
    return (st_.st_ino, st_.st_mtime_ns, st_.st_size)


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection with the console's locked configuration (so both can coexist)."""
    return warehouse.connect_readonly(path)


def run_console_query(sql: str, max_rows: int = 1000, timeout_s: float = 5) -> ConsoleResult:
    """Run a console query on the app's cached connection (on its own cursor)."""
    return warehouse.run_console_query(handle().con, sql, max_rows=max_rows, timeout_s=timeout_s)


@dataclass
class Handle:
    """An open connection and the signature of the file it was opened on."""

    path: Path
    signature: Signature
    con: duckdb.DuckDBPyConnection


def _still_current(handle: Handle) -> bool:
    if file_signature(handle.path) == handle.signature:
        return True
    handle.con.close()  # close first: DuckDB would hand the old instance to a new connect()
    return False


@st.cache_resource(validate=_still_current, show_spinner=False)
def _open(path_str: str) -> Handle:
    path = Path(path_str)
    signature = file_signature(path)
    if signature is None:
        raise FileNotFoundError(path_str)
    try:
        con = connect_readonly(path)
    except warehouse.WarehouseError as exc:
        raise WarehouseUnavailable(str(exc).splitlines()[0]) from None
    return Handle(path, signature, con)


class WarehouseMissing(RuntimeError):
    """No warehouse file at the configured path."""


class WarehouseUnavailable(RuntimeError):
    """The file is there but cannot be opened (locked by a writer, not a DuckDB file…)."""


def handle() -> Handle:
    path = db_path()
    if not path.is_file():
        raise WarehouseMissing(str(path))
    return _open(str(path.resolve()))


@st.cache_data(ttl=QUERY_TTL_S, show_spinner=False, max_entries=512)
def _fetch(path_str: str, signature: Signature, sql: str, params: tuple) -> pl.DataFrame:
    del signature  # part of the cache key only: a rebuilt file invalidates cached results
    cur = _open(path_str).con.cursor()
    try:
        bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return cur.sql(sql, params=bound).pl()
    finally:
        cur.close()


def fetch(query: Query) -> pl.DataFrame:
    """Run a query from dashboards.lib.queries on the current warehouse (cached)."""
    h = handle()
    return _fetch(str(h.path), h.signature, query.sql, _freeze(query.params))


def _freeze(params: dict[str, Any]) -> tuple:
    def freeze(v: Any) -> Any:
        return tuple(v) if isinstance(v, list) else v

    return tuple(sorted((k, freeze(v)) for k, v in params.items()))
