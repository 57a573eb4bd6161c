"""Run the project's dbt commands in-process on a given warehouse file."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.paths import DBT_DIR, cache_dir


@dataclass(frozen=True)
class DbtOutcome:
    ok: bool
    counts: dict[str, int]  # status -> number of nodes
    failures: list[str] = field(default_factory=list)  # "node: message"
    error: str | None = None

    def summary(self) -> str:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(self.counts.items()))
        return parts or "nothing ran"


def dbt_work_dir(db_path: Path) -> Path:
    """dbt's target and log folders for one warehouse (keyed on its building file).

    One per warehouse: two runs on different warehouses (each under its own run lock) must
    not write each other's manifests and run results.
    """
    return cache_dir() / "dbt" / hashlib.sha256(str(db_path).encode()).hexdigest()[:16]


def run_dbt(db_path: Path, command: list[str], *, quiet: bool = True) -> DbtOutcome:
    """Invoke `dbt <command>` on db_path (FRONTLINE_DB_PATH) with the repo's project."""
    from dbt.cli.main import dbtRunner  # imported lazily: dbt takes ~1 s to import

    os.environ["FRONTLINE_DB_PATH"] = str(db_path)
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    work = dbt_work_dir(db_path)
    args = [
        *command,
        "--project-dir",
        str(DBT_DIR),
        "--profiles-dir",
        str(DBT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    if quiet:
        args = ["--quiet", *args]
    try:
        result = dbtRunner().invoke(args)
    except Exception as exc:  # dbt raises on some configuration errors
        return DbtOutcome(False, {}, error=f"{type(exc).__name__}: {exc}")
    counts: Counter[str] = Counter()
    failures: list[str] = []
    nodes = getattr(result.result, "results", None) or []
    for node in nodes:
        status = str(getattr(node.status, "value", node.status))
        counts[status] += 1
        if status in ("error", "fail", "runtime error"):
            name = getattr(getattr(node, "node", None), "name", "?")
            message = (node.message or "").splitlines()[0] if node.message else status
            failures.append(f"{name}: {message}")
    error = None
    if result.exception is not None:
        error = str(result.exception).splitlines()[0]
    ok = bool(result.success) and not failures
    if not ok and error is None and not failures:
        error = "dbt reported a failure"
    return DbtOutcome(ok, dict(counts), failures, error)
