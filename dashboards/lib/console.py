"""The SQL console's locked-down DuckDB access (private fallback).

The lead's `ingest.warehouse.run_console_query` is the intended implementation; this module
implements the same signature and the safety settings of STACK.md so the console page works
before (and independently of) it. `dashboards.lib.db` opens the app's own read-only
connection with exactly `LOCKED_CONFIG` too: DuckDB refuses to open one file twice in one
process with different configurations, so the app and the console share one configuration.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

LOCKED_CONFIG: dict[str, str | bool | int] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "memory_limit": "512MB",
    "threads": 2,
    "lock_configuration": True,
}

# Statement types the console runs. SELECT covers WITH, FROM-first, SHOW, DESCRIBE and
# SUMMARIZE; everything else (temp tables, PRAGMA, CALL, SET, ATTACH…) is refused up front
# even where the read-only, locked connection would refuse it anyway.
ALLOWED_STATEMENTS: frozenset[str] = frozenset({"SELECT", "EXPLAIN"})


class ConsoleRefused(ValueError):
    """The statement is not a single read-only query."""


@dataclass(frozen=True)
class ConsoleResult:
    frame: pl.DataFrame
    truncated: bool  # more rows than max_rows existed
    elapsed_s: float


def connect_locked(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection with external access, extensions and SET all disabled."""
    return duckdb.connect(str(db_path), read_only=True, config=dict(LOCKED_CONFIG))


def check_statement(sql: str) -> None:
    """Raise ConsoleRefused unless `sql` is exactly one SELECT/EXPLAIN statement."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise ConsoleRefused(f"Could not parse the query: {exc}") from exc
    if len(statements) != 1:
        raise ConsoleRefused(f"Run one statement at a time (got {len(statements)}).")
    kind = statements[0].type.name
    if kind not in ALLOWED_STATEMENTS:
        raise ConsoleRefused(f"Only read-only queries (SELECT) are allowed; this is {kind}.")


def run_console_query(
    db_path: str | Path, sql: str, max_rows: int = 1000, timeout_s: float = 5
) -> ConsoleResult:
    """Run one read-only query with a row cap and a time limit.

    Raises ConsoleRefused for anything but one SELECT, duckdb.Error for what DuckDB refuses
    (file access, writes) and TimeoutError when the query runs past `timeout_s`.
    """
    check_statement(sql)
    started = time.perf_counter()
    con = connect_locked(db_path)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, stop)
    timer.start()
    try:
        result = con.execute(sql)
        names = [d[0] for d in result.description or []]
        rows = result.fetchmany(max_rows + 1)
    except duckdb.InterruptException as exc:
        raise TimeoutError(f"Query stopped after {timeout_s:g} s.") from exc
    except duckdb.Error:
        if timed_out.is_set():
            raise TimeoutError(f"Query stopped after {timeout_s:g} s.") from None
        raise
    finally:
        timer.cancel()
        con.close()
    truncated = len(rows) > max_rows
    return ConsoleResult(to_frame(names, rows[:max_rows]), truncated, time.perf_counter() - started)


def to_frame(columns: list[str], rows: list[tuple]) -> pl.DataFrame:
    """A frame from DB-API rows; repeated column names get a suffix (`x`, `x_1`)."""
    unique = _unique_names(columns)
    return pl.DataFrame(
        {name: [row[i] for row in rows] for i, name in enumerate(unique)},
        strict=False,
    )


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0)
        seen[name] = n + 1
        out.append(name if n == 0 else f"{name}_{n}")
    return out
