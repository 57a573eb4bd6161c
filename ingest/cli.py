"""The `frontline` command.

Every command takes --db (default: $FRONTLINE_DB, else ./warehouse.duckdb). Commands that
change the warehouse build a private copy and swap it in only when they succeed (see
ingest/warehouse.py), under a run lock so two scheduled runs cannot overlap.
Exit codes: 0 success, 1 failure (one-line reason on stderr), 2 usage error.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.paths import DASHBOARDS_DIR, REPO_ROOT, SAMPLE_ARTICLES_DIR
from ingest.warehouse import (
    WarehouseError,
    atomic_build,
    connect_readonly,
    resolve_db_path,
    run_console_query,
    run_lock,
)

if TYPE_CHECKING:
    from ingest.load import RunBatch

app = typer.Typer(
    help="Frontline: news articles about the Russia-Ukraine war -> a warehouse of claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Warehouse file (default: $FRONTLINE_DB or ./warehouse.duckdb)."),
]
PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")]
WaitOption = Annotated[
    float, typer.Option("--wait", help="Seconds to wait for another run to finish.")
]
MARTS = (
    "dim_articles",
    "dim_regions",
    "fct_territorial_claims",
    "fct_casualties",
    "fct_equipment_losses",
    "fct_strikes",
    "agg_daily_region",
)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


# --------------------------------------------------------------------------- steps


# Articles loaded per chunk: memory stays flat however large a run is.
CHUNK_ARTICLES = 2000


def _ingest_into(work_db: Path, paths: list[str], workers: int | None, reprocess: bool) -> dict:
    """Read, parse, extract and load `paths` into the (private) warehouse file."""
    from ingest.load import (
        RunBatch,
        RunLoader,
        file_fingerprint,
        known_article_ids,
        known_file_fingerprints,
    )
    from ingest.pipeline import process_files
    from ingest.read import UNREADABLE, expand_paths

    started = dt.datetime.now(dt.UTC)
    run_id = started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    files, path_errors = expand_paths(paths)
    batch = RunBatch(errors=list(path_errors))
    shown_errors: list[tuple] = []
    con = duckdb.connect(str(work_db))
    try:
        known = known_article_ids(con)
        # A file read before and unchanged since (same real path, size and mtime) is not
        # read again: a scheduled run over a growing folder only reads the new files.
        seen_files = set() if reprocess else known_file_fingerprints(con)
        fingerprints = {path: file_fingerprint(path) for path in files}
        unchanged = [path for path in files if fingerprints[path] in seen_files]
        files = [path for path in files if fingerprints[path] not in seen_files]
        loader = RunLoader(con, run_id=run_id, replace_articles=reprocess)
        skipped = 0
        with Progress(
            TextColumn("[bold]reading[/bold]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("files", total=len(files))
            for result in process_files(
                files, known_ids=known, reprocess=reprocess, workers=workers
            ):
                batch.articles.extend(result.articles)
                batch.sources.extend(result.sources)
                batch.facts.extend(result.facts)
                batch.errors.extend(result.errors)
                fingerprint = fingerprints.get(Path(result.path))
                if fingerprint and not any(e.reason.startswith(UNREADABLE) for e in result.errors):
                    batch.files.append(fingerprint)
                skipped += result.skipped_known
                progress.advance(task)
                if len(batch.articles) >= CHUNK_ARTICLES:
                    shown_errors.extend(_error_tuples(batch))
                    loader.add(batch)
                    batch = RunBatch()
        shown_errors.extend(_error_tuples(batch))
        loader.add(batch)
        summary = loader.finish(
            paths=paths, files_seen=len(files) + len(unchanged), started_at=started
        )
    finally:
        con.close()
    return {
        "run_id": summary.run_id,
        "files": summary.files_seen,
        "files_unchanged": len(unchanged),
        "articles_read": summary.records_read + skipped,
        "articles_new": summary.articles_new,
        "already_known": skipped + summary.articles_duplicate,
        "facts_new": summary.facts_new,
        "errors": summary.errors,
        "status": summary.status,
        "error_list": shown_errors,
    }


def _error_tuples(batch: RunBatch) -> list[tuple]:
    """The rejected inputs to show (the first 1,000; all are in raw.ingest_errors)."""
    return [(e.source_path, e.line, e.stage, e.reason) for e in batch.errors[:1000]]


def _report_ingest(info: dict) -> None:
    out.print(
        f"ingest: {info['files']} file(s) ({info['files_unchanged']} unchanged since an "
        f"earlier run, not read), {info['articles_read']} article(s) read, "
        f"{info['articles_new']} new, {info['already_known']} already known, "
        f"{info['facts_new']} fact(s), {info['errors']} rejected input(s)",
        highlight=False,
    )
    for path, line, stage, reason in info["error_list"][:20]:
        where = f"{path}:{line}" if line is not None else path
        err.print(f"  [yellow]rejected[/yellow] {where} ({stage}): {reason}", highlight=False)
    if len(info["error_list"]) > 20:
        err.print(f"  … and {len(info['error_list']) - 20} more (see raw.ingest_errors)")


def _build(work_db: Path, *, full_refresh: bool = False) -> None:
    """dbt build: incremental when the marts are already built by this project and raw only
    grew since (ingest.dbt_runner.build_warehouse), a full refresh otherwise."""
    from ingest.dbt_runner import build_warehouse

    with err.status("dbt build (models and tests)…", spinner="dots"):
        outcome = build_warehouse(work_db, full_refresh=full_refresh)
    if not outcome.ok:
        details = "; ".join(outcome.failures[:5]) or outcome.error or "unknown error"
        raise WarehouseError(f"dbt build failed ({outcome.summary()}): {details}")
    out.print(f"dbt build: {outcome.summary()}", highlight=False)


def _preload_dbt() -> threading.Thread:
    """Import dbt (~2 s) in a background thread while the worker processes extract: the
    main process mostly waits for their results then, and the build that follows starts
    at once. An import error surfaces, as before, when the build imports dbt itself."""

    def load() -> None:
        with contextlib.suppress(Exception):  # reported by the build's own import
            import dbt.cli.main  # noqa: F401

    thread = threading.Thread(target=load, name="preload-dbt", daemon=True)
    thread.start()
    return thread


def _nothing_read(info: dict) -> bool:
    return info["articles_read"] == 0 and info["errors"] > 0


# --------------------------------------------------------------------------- commands


WorkersOption = Annotated[int | None, typer.Option(help="Worker processes.")]
ReprocessOption = Annotated[
    bool, typer.Option(help="Extract again articles already in the warehouse.")
]


def _ingest_and_maybe_build(
    paths: list[str],
    db: str | None,
    workers: int | None,
    reprocess: bool,
    wait: float,
    *,
    build: bool,
) -> None:
    """Ingest (and build) into a private copy, swapped in only when every step succeeds.

    When nothing at all could be read, the run and its rejected inputs are still recorded
    (the copy is swapped in without a build) and the command exits 1.
    """
    db_path = resolve_db_path(db)
    preload = _preload_dbt() if build else None
    try:
        with run_lock(db_path, wait), atomic_build(db_path) as work:
            info = _ingest_into(work, paths, workers, reprocess)
            _report_ingest(info)
            if build and not _nothing_read(info):
                _build(work, full_refresh=reprocess)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    finally:
        if preload is not None:  # never leave an import running at interpreter exit
            preload.join()
    if _nothing_read(info):
        raise fail("no article could be read from the given paths")
    if build:
        out.print(f"warehouse: {db_path}", highlight=False)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = None,
    workers: WorkersOption = None,
    reprocess: ReprocessOption = False,
    wait: WaitOption = 0.0,
) -> None:
    """Read, parse and extract articles into the raw schema (no dbt)."""
    _ingest_and_maybe_build(paths, db, workers, reprocess, wait, build=False)


@app.command()
def build(
    db: DbOption = None,
    wait: WaitOption = 0.0,
    full_refresh: Annotated[
        bool, typer.Option(help="Rebuild every model from raw instead of only what is new.")
    ] = False,
) -> None:
    """Run dbt build (models and tests) on the warehouse."""
    db_path = resolve_db_path(db)
    if not db_path.exists():
        raise fail(f"warehouse {db_path} does not exist; run `frontline ingest PATH` first")
    try:
        with run_lock(db_path, wait), atomic_build(db_path) as work:
            _build(work, full_refresh=full_refresh)
    except WarehouseError as exc:
        raise fail(str(exc)) from None


@app.command()
def run(
    paths: PathsArg,
    db: DbOption = None,
    workers: WorkersOption = None,
    reprocess: ReprocessOption = False,
    wait: WaitOption = 0.0,
) -> None:
    """Ingest then build: the command a scheduler calls. The warehouse is swapped in only
    when both succeed."""
    _ingest_and_maybe_build(paths, db, workers, reprocess, wait, build=True)


def _format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str, indent=1)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One read-only SELECT statement.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    max_rows: Annotated[int, typer.Option(help="Rows shown at most.")] = 1000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 10.0,
) -> None:
    """Ad hoc read-only SQL on the warehouse (no writes, no file access, no settings)."""
    if fmt not in ("table", "csv", "json"):
        raise fail("--format must be table, csv or json", 2)
    try:
        result = run_console_query(resolve_db_path(db), query, max_rows, timeout)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    if fmt == "table":
        table = Table(*result.columns, show_lines=False)
        for row in result.rows:
            table.add_row(*("NULL" if v is None else str(v) for v in row))
        out.print(table)
    else:
        sys.stdout.write(_format_rows(result.columns, result.rows, fmt))
    if result.truncated:
        err.print(f"(showing the first {max_rows} rows; use --max-rows for more)")


@app.command()
def export(
    db: DbOption = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("exports"),
    fmt: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
) -> None:
    """Write every mart to Parquet or CSV files."""
    if fmt not in ("parquet", "csv"):
        raise fail("--format must be parquet or csv", 2)
    try:
        con = connect_readonly(resolve_db_path(db))
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        for mart in MARTS:
            try:
                frame = con.sql(f"select * from main.{mart}").pl()
            except duckdb.Error:
                raise fail(f"mart {mart} is missing; run `frontline build`") from None
            target = out_dir / f"{mart}.{fmt}"
            if fmt == "parquet":
                frame.write_parquet(target)
            else:
                # nested columns (lists) do not fit CSV: write them as JSON text
                frame = frame.with_columns(
                    [
                        frame[c].list.join("; ")
                        for c in frame.columns
                        if str(frame[c].dtype).startswith("List")
                    ]
                )
                frame.write_csv(target)
            out.print(f"{target} ({frame.height} rows)", highlight=False)
    finally:
        con.close()


@app.command()
def dashboard(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    host: Annotated[
        str, typer.Option(help="Address to bind (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
) -> None:
    """Open the Streamlit dashboard on the warehouse (read-only)."""
    db_path = resolve_db_path(db)
    if not db_path.exists():
        err.print(f"[yellow]note:[/yellow] {db_path} does not exist yet; the app will say so.")
    env = dict(os.environ, FRONTLINE_DB=str(db_path))
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(DASHBOARDS_DIR / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--client.toolbarMode",
        "viewer",
        "--browser.gatherUsageStats",
        "false",
    ]
    out.print(f"dashboard: http://{host}:{port}  (warehouse {db_path}; Ctrl+C to stop)")
    try:
        raise typer.Exit(subprocess.call(command, env=env, cwd=REPO_ROOT))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command()
def demo(
    db: DbOption = None,
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 8501,
    serve: Annotated[bool, typer.Option(help="Open the dashboard after the build.")] = True,
) -> None:
    """Build the warehouse from the bundled sample articles and open the dashboard."""
    run([str(SAMPLE_ARTICLES_DIR)], db=db, workers=None, reprocess=False, wait=30.0)
    if serve:
        dashboard(db=db, port=port, host="127.0.0.1")


@app.command()
def status(db: DbOption = None) -> None:
    """When the warehouse was last refreshed, its recent runs and its size."""
    db_path = resolve_db_path(db)
    try:
        result = run_console_query(
            db_path,
            "select run_id, started_at, round(duration_s, 2) as seconds, files_seen,"
            " articles_new, facts_new, errors, status"
            " from raw.ingest_runs order by started_at desc limit 10",
        )
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    out.print(table)


def main() -> None:  # pragma: no cover - entry point for `python -m ingest.cli`
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
