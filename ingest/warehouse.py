"""The warehouse file: atomic rebuilds, the run lock, and the locked-down read-only console.

DuckDB allows one read-write process *or* many read-only ones on a file, and a reader
blocks a writer. So a run never writes the live file: it copies it to a private
building file beside it, ingests and runs dbt there, checkpoints, closes, and
`os.replace()`s the copy onto the live path. Readers (the dashboard, `frontline sql`)
keep the old inode open until they reconnect, so they never see a half-built warehouse
and never hold a lock the writer needs. A run killed at any point leaves the live file
untouched; its stale building file is removed by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

DEFAULT_DB = "warehouse.duckdb"
BUILDING_SUFFIX = ".building"


class WarehouseError(Exception):
    """A problem with the warehouse file, reported to the user in one line."""


class RunLockedError(WarehouseError):
    pass


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """--db, else $FRONTLINE_DB, else warehouse.duckdb in the working directory."""
    value = db or os.environ.get("FRONTLINE_DB") or DEFAULT_DB
    return Path(value).expanduser().resolve()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def building_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + BUILDING_SUFFIX)


@contextlib.contextmanager
def run_lock(db_path: Path, wait_s: float = 0.0) -> Iterator[None]:
    """Hold the warehouse's run lock (an flock on `<db>.lock`), waiting up to `wait_s`.

    The kernel drops an flock when its process dies, so a killed run never leaves a
    stale lock behind.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path(db_path), "a+")  # noqa: SIM115 - held for the context's life
    deadline = time.monotonic() + wait_s
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RunLockedError(
                        f"another frontline run is updating {db_path.name}; "
                        "try again when it finishes (or pass --wait SECONDS)"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


# ioctl FICLONE (linux/fs.h): make dst share src's blocks, on filesystems that can (btrfs,
# XFS with reflink, bcachefs). The copy is then instant and takes no space until written.
_FICLONE = 0x40049409


def copy_file(src: Path, dst: Path) -> str:
    """Copy src to dst (data and times): a reflink where the filesystem can, else a byte
    copy. Returns "reflink" or "copy". A 100,000-article warehouse is over 1 GB, and every
    run copies it; on ext4 the byte copy is most of an incremental run's fixed cost."""
    try:
        with open(src, "rb") as source, open(dst, "wb") as target:
            fcntl.ioctl(target.fileno(), _FICLONE, source.fileno())
        shutil.copystat(src, dst)
        return "reflink"
    except OSError:
        Path(dst).unlink(missing_ok=True)
    shutil.copy2(src, dst)
    return "copy"


@contextlib.contextmanager
def atomic_build(db_path: Path) -> Iterator[Path]:
    """Yield a private copy of the warehouse to build; swap it in if the block succeeds.

    Call under `run_lock`. The copy is removed when the block raises.
    """
    work = building_path(db_path)
    for stale in (work, work.with_name(work.name + ".wal")):
        stale.unlink(missing_ok=True)
    if db_path.exists():
        copy_file(db_path, work)
    try:
        yield work
        con = duckdb.connect(str(work))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
        with open(work, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(work, db_path)
        dir_fd = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        work.unlink(missing_ok=True)
        work.with_name(work.name + ".wal").unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- console

# Statements the console runs; everything else is refused before DuckDB sees it.
ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}


class QueryRefused(WarehouseError):
    """The console refused a statement (not a read, or refused by the locked connection)."""


@dataclass(frozen=True)
class ConsoleResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool  # more rows existed than the cap
    elapsed_s: float


def locked_config(memory_limit: str = "1GB", threads: int = 2) -> dict[str, object]:
    """Config for every read-only connection the tools open (console and dashboard alike:
    one process cannot open a file twice with different configs)."""
    return {
        "access_mode": "READ_ONLY",
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "memory_limit": memory_limit,
        "threads": threads,
        "lock_configuration": True,
    }


def connect_readonly(db_path: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """A read-only, locked-down connection: no file access, no settings, no extensions."""
    path = Path(db_path)
    if not path.exists():
        raise WarehouseError(
            f"warehouse {path} does not exist; build it with `frontline run ARTICLES --db {path}`"
        )
    try:
        return duckdb.connect(str(path), read_only=True, config=locked_config())
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot open {path}: {str(exc).splitlines()[0]}") from None


def check_statement(sql: str) -> None:
    """Refuse anything but one SELECT/EXPLAIN statement, with a clear reason."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRefused(f"syntax error: {str(exc).splitlines()[0]}") from None
    if not statements:
        raise QueryRefused("empty query")
    if len(statements) > 1:
        raise QueryRefused("one statement at a time")
    kind = statements[0].type.name
    if kind not in ALLOWED_STATEMENTS:
        raise QueryRefused(f"{kind} statements are not allowed: the console is read-only")


def run_console_query(
    db_path: str | os.PathLike[str] | duckdb.DuckDBPyConnection,
    sql: str,
    max_rows: int = 1000,
    timeout_s: float = 5.0,
) -> ConsoleResult:
    """Run one read-only query with a row cap and a timeout; raise QueryRefused with a
    one-line reason when it is not allowed, fails or runs too long."""
    check_statement(sql)
    own = not isinstance(db_path, duckdb.DuckDBPyConnection)
    con = connect_readonly(db_path) if own else db_path  # type: ignore[arg-type]
    cursor = con.cursor()  # its own result: a partial fetch leaves `con` usable
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        cursor.interrupt()

    timer = threading.Timer(timeout_s, stop)
    started = time.perf_counter()
    timer.start()
    try:
        cursor.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchmany(max_rows + 1)
    except duckdb.Error as exc:
        if timed_out.is_set():
            raise QueryRefused(f"query stopped after {timeout_s:g} s (time limit)") from None
        raise QueryRefused(str(exc).splitlines()[0]) from None
    finally:
        timer.cancel()
        cursor.close()
        if own:
            con.close()
    truncated = len(rows) > max_rows
    return ConsoleResult(columns, rows[:max_rows], truncated, time.perf_counter() - started)
