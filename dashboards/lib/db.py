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


def _console_api() -> tuple[Any, Any]:
    """(connect, run_console_query): the lead's ingest.warehouse when it has both, else ours.

    Both come from the same module so the app's connection and the console's share one
    DuckDB configuration.
    """
    try:
        from ingest import warehouse  # noqa: PLC0415 - optional, built by another part
    except ImportError:
        warehouse = None
    if warehouse is not None and all(
        hasattr(warehouse, name) for name in ("connect_readonly", "run_console_query")
    ):
        return warehouse.connect_readonly, warehouse.run_console_query
    from dashboards.lib import console  # noqa: PLC0415

    return console.connect_locked, console.run_console_query


def connect_readonly(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection with the same configuration as the app's (so both can coexist)."""
    return _console_api()[0](path)


def run_console_query(sql: str, max_rows: int = 1000, timeout_s: float = 5) -> Any:
    """Run a console query on the current warehouse; a result with `.frame` or columns/rows.

    The lead's run_console_query accepts the open connection (it runs on its own cursor),
    so the console shares the app's cached connection; the fallback opens one by path.
    """
    h = handle()
    _, run = _console_api()
    target = h.con if run.__module__ != "dashboards.lib.console" else h.path
    return run(target, sql, max_rows=max_rows, timeout_s=timeout_s)


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
    connect, _ = _console_api()
    try:
        con = connect(path)
    except Exception as exc:  # duckdb.Error, or the lead's WarehouseError wrapping it
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
