"""Atomic rebuilds: a run killed at any point leaves the previous warehouse intact and
readable, readers keep answering while a rebuild runs, and two runs cannot overlap."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.paths import REPO_ROOT, SAMPLE_ARTICLES_DIR
from ingest.warehouse import QueryRefused, WarehouseError, run_console_query, run_lock

pytestmark = pytest.mark.slow

FRONTLINE = [sys.executable, "-m", "ingest.cli"]


def many_articles(folder: Path, n: int, tag: str = "") -> Path:
    """n distinct articles made from the samples (a line of their own makes each new)."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLE_ARTICLES_DIR.glob("*.txt"))
    for i in range(n):
        text = samples[i % len(samples)].read_text(encoding="utf-8")
        (folder / f"a{i:05d}.txt").write_text(
            f"{text}\n\nArchive copy {tag}{i}.\n", encoding="utf-8"
        )
    return folder


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(db: Path, table: str = "dim_articles") -> int:
    return run_console_query(db, f"select count(*) from {table}").rows[0][0]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the five samples (the 'previous good' one)."""
    db = tmp_path_factory.mktemp("base") / "w.duckdb"
    done = subprocess.run(
        [*FRONTLINE, "run", str(SAMPLE_ARTICLES_DIR), "--db", str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return db


def test_kill_9_at_any_point_leaves_the_previous_warehouse(base: Path, tmp_path: Path) -> None:
    articles = many_articles(tmp_path / "in", 300)
    db = tmp_path / "w.duckdb"
    db.write_bytes(base.read_bytes())
    before = digest(db)
    kills = kills_after_ingest = 0
    swapped = False
    for delay in (0.2, 0.6, 1.0, 1.5, 2.0, 3.0, 4.0, 5.5, 7.0, 9.0, 12.0, 16.0):
        log = tmp_path / f"kill-{delay}.log"
        with open(log, "w") as stdout:  # a file, not a pipe: orphaned workers may hold it
            proc = subprocess.Popen(
                [*FRONTLINE, "run", str(articles), "--db", str(db)],
                cwd=REPO_ROOT,
                stdout=stdout,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            if proc.poll() is not None:
                break  # the run finished before this kill point
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        kills += 1
        kills_after_ingest += "ingest:" in log.read_text()  # killed in dbt build or the swap
        if digest(db) != before:
            # killed after the swap (while exiting): the new warehouse must be whole
            assert count(db) == 305, f"a run killed at {delay}s left a partial warehouse"
            swapped = True
            break
        assert count(db) == 5
    print(
        f"\nkill -9 points tried: {kills} ({kills_after_ingest} after ingest, during dbt);"
        " live warehouse unchanged after each"
    )
    assert kills >= 4
    assert kills_after_ingest >= 1
    if swapped:
        return
    done = subprocess.run(
        [*FRONTLINE, "run", str(articles), "--db", str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert count(db) == 305
    assert not (db.parent / (db.name + ".building")).exists()


def test_readers_keep_answering_during_rebuilds(base: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(base.read_bytes())
    answered, errors = [], []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                answered.append(count(db))
            except (QueryRefused, WarehouseError) as exc:
                errors.append(str(exc))
            time.sleep(0.02)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(2):
            articles = many_articles(tmp_path / f"in{i}", 40 * (i + 1), tag=f"batch {i} ")
            done = subprocess.run(
                [*FRONTLINE, "run", str(articles), "--db", str(db)],
                cwd=REPO_ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
    finally:
        stop.set()
        thread.join()
    print(f"\nqueries answered during 2 rebuilds: {len(answered)}, errors: {len(errors)}")
    assert errors == []
    assert len(answered) > 20
    assert answered[0] == 5 and answered[-1] == 5 + 40 + 80


def test_a_second_run_exits_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with run_lock(db):
        done = subprocess.run(
            [*FRONTLINE, "run", str(SAMPLE_ARTICLES_DIR), "--db", str(db)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert "another frontline run" in done.stderr
    assert not db.exists()


@pytest.mark.parametrize("clone_works", [True, False], ids=["reflink-or-copy", "ioctl-refused"])
def test_copy_file_gives_an_identical_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clone_works: bool
) -> None:
    """The warehouse copy is a reflink where the filesystem can and a byte copy otherwise
    (this machine's ext4 refuses FICLONE, so both cases end in a byte copy here)."""
    import fcntl

    from ingest import warehouse

    src = tmp_path / "w.duckdb"
    src.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    os.utime(src, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    if not clone_works:

        def refuse(*_args: object) -> None:
            raise OSError(95, "Operation not supported")

        monkeypatch.setattr(fcntl, "ioctl", refuse)
    dst = tmp_path / "w.duckdb.building"
    how = warehouse.copy_file(src, dst)
    assert how in ("reflink", "copy") and (clone_works or how == "copy")
    assert dst.read_bytes() == src.read_bytes()
    assert dst.stat().st_mtime_ns == src.stat().st_mtime_ns
