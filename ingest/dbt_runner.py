"""Run the project's dbt commands in-process on a given warehouse file."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.paths import DBT_DIR, REFERENCE_DIR, cache_dir

# The project files a build depends on: when one changes, the incremental models' rows may
# be stale, so the next build is a full refresh (see build_warehouse).
FINGERPRINT_GLOBS = ("dbt_project.yml", "models/**/*", "macros/**/*", "tests/**/*")
# What an incremental build runs: the tables (incremental or not) and every data test;
# its log file keeps warnings and errors only (the debug log of ~170 nodes costs ~1 s).
INCREMENTAL_SELECTION = [
    "--select",
    "config.materialized:incremental config.materialized:table resource_type:test",
    "--exclude-resource-type",
    "unit_test",
    "--exclude-resource-type",
    "seed",
    "--log-level-file",
    "warn",
]


@dataclass(frozen=True)
class DbtOutcome:
    ok: bool
    counts: dict[str, int]  # status -> number of nodes
    failures: list[str] = field(default_factory=list)  # "node: message"
    error: str | None = None
    mode: str = ""  # build_warehouse: "incremental" or "full refresh (<why>)"

    def summary(self) -> str:
        parts = ", ".join(f"{n} {status}" for status, n in sorted(self.counts.items()))
        parts = parts or "nothing ran"
        return f"{parts} ({self.mode})" if self.mode else parts


def dbt_work_dir(db_path: Path) -> Path:
    """dbt's target and log folders for one warehouse (keyed on its building file).

    One per warehouse: two runs on different warehouses (each under its own run lock) must
    not write each other's manifests and run results.
    """
    return cache_dir() / "dbt" / hashlib.sha256(str(db_path).encode()).hexdigest()[:16]


def project_fingerprint() -> str:
    """Hash of the dbt project (models, macros, tests, settings) and the reference seeds."""
    digest = hashlib.sha256()
    files = [p for pattern in FINGERPRINT_GLOBS for p in DBT_DIR.glob(pattern)]
    files += list(REFERENCE_DIR.glob("*.csv"))
    for path in sorted(p for p in files if p.is_file()):
        digest.update(str(path.relative_to(DBT_DIR.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def needs_full_refresh(db_path: Path, fingerprint: str) -> str | None:
    """Why db_path cannot be built incrementally, or None when it can.

    An incremental build assumes the marts were built by this project (same fingerprint)
    and that raw only grew by appended rows since: a --reprocess run deletes and inserts
    an article again under its run id, which the built dim_articles still names.
    """
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        return f"cannot open the warehouse ({exc})"
    try:
        try:
            built = con.execute("select fingerprint from intermediate.int_build").fetchall()
        except duckdb.CatalogException:
            return "no build by these models yet"
        if not built or built[0][0] != fingerprint:
            return "the dbt project changed since the last build"
        reprocessed = con.execute(
            "select count(*) from main.dim_articles as built"
            " join raw.articles as article on built.article_id = article.article_id"
            " where built.run_id is distinct from article.run_id"
        ).fetchall()[0][0]
        if reprocessed:
            return f"{reprocessed} article(s) reprocessed since the last build"
        return None
    except duckdb.CatalogException as exc:
        return f"a mart is missing ({str(exc).splitlines()[0]})"
    finally:
        con.close()


RAW_COUNTS = (
    ("raw_articles", "raw.articles"),
    ("raw_article_sources", "raw.article_sources"),
    ("raw_facts", "raw.facts"),
)


def up_to_date(db_path: Path) -> bool:
    """True when the marts already reflect every raw row: the last build (built
    incrementally or in full by this project, see needs_full_refresh) counted as many rows
    in raw.articles, raw.article_sources and raw.facts as there are now.

    Raw only grows by appended rows (a --reprocess run, which replaces rows, is caught by
    needs_full_refresh), so equal counts mean nothing was added since. A rerun over files
    already read then costs no dbt build.
    """
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return False
    try:
        columns = ", ".join(name for name, _ in RAW_COUNTS)
        counts = ", ".join(f"(select count(*) from {table})" for _, table in RAW_COUNTS)
        built = con.execute(f"select {columns} from intermediate.int_build").fetchall()
        now = con.execute(f"select {counts}").fetchall()
    except duckdb.Error:  # an older int_build without the counts, or no build yet
        return False
    finally:
        con.close()
    return len(built) == 1 and built[0] == now[0]


def build_warehouse(db_path: Path, *, full_refresh: bool = False) -> DbtOutcome:
    """`dbt build` on db_path: incremental when the marts are already built by this
    project and raw only grew since, with `--full-refresh` when asked or otherwise.

    An incremental build recomputes what the new articles touch (dbt/macros/
    incremental_build.sql) and tests the rows it rebuilt; its marts equal a full build's.
    It leaves out the seeds, the views and the unit tests (the views' data tests still
    run): they depend only on the project, which the fingerprint shows unchanged since
    the full build that created and ran them.
    Pass full_refresh=True after a --reprocess run (also detected here).
    When raw has not grown since the last build (up_to_date), nothing runs: the marts and
    their tests' results are those of that build.
    """
    fingerprint = project_fingerprint()
    why = "asked" if full_refresh else needs_full_refresh(db_path, fingerprint)
    if why is None and up_to_date(db_path):
        return DbtOutcome(True, {}, mode="skipped: raw unchanged since the last build")
    command = ["build", "--vars", json.dumps({"build_fingerprint": fingerprint})]
    if why is None:
        command += INCREMENTAL_SELECTION
    else:
        command.append("--full-refresh")
    outcome = run_dbt(db_path, command)
    mode = "incremental" if why is None else f"full refresh: {why}"
    return dataclasses.replace(outcome, mode=mode)


def close_warehouse() -> None:
    """Close the DuckDB file dbt-duckdb keeps open (profiles.yml keep_open: true).

    The adapter holds one database handle per process until exit; the CLI must be able to
    checkpoint and rename the file right after the build, and the next build may target
    another file.
    """
    try:
        from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    except ImportError:  # pragma: no cover - the adapter is a dependency
        return
    environment = DuckDBConnectionManager._ENV  # noqa: SLF001 - no public close
    DuckDBConnectionManager.close_all_connections()  # forgets the handle, does not close it
    if environment is not None:
        environment.close()


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
    finally:
        close_warehouse()
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
