"""The steps of `frontline run`, timed one by one (run as a subprocess by the benchmark).

It calls the same functions as `ingest.cli.run` in the same order — expand paths,
`process_files` (read, parse, extract; a process pool for 16 files or more), `load_run`
(one transaction into `raw`), the in-process `dbt build`, and the swap of
`atomic_build` — with a clock around each, and prints one JSON object on stdout.

    python -m benchmarks.stages --db /tmp/w.duckdb PATH [PATH ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stages(db: Path, paths: list[str], workers: int | None = None) -> dict[str, Any]:
    import duckdb

    from ingest.dbt_runner import build_warehouse
    from ingest.load import RunBatch, known_article_ids, load_run
    from ingest.pipeline import process_files
    from ingest.read import expand_paths
    from ingest.warehouse import atomic_build

    timings: dict[str, float] = {}
    rss: dict[str, float] = {}
    counts: dict[str, Any] = {}
    total_started = time.perf_counter()
    started = time.perf_counter()
    files, path_errors = expand_paths(paths)
    timings["expand_s"] = time.perf_counter() - started
    counts["files"] = len(files)

    with atomic_build(db) as work:
        timings["copy_s"] = time.perf_counter() - total_started - timings["expand_s"]
        run_started = dt.datetime.now(dt.UTC)
        run_id = run_started.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        con = duckdb.connect(str(work))
        try:
            started = time.perf_counter()
            known = known_article_ids(con)
            timings["known_ids_s"] = time.perf_counter() - started

            batch = RunBatch(errors=list(path_errors))
            skipped = 0
            started = time.perf_counter()
            for result in process_files(files, known_ids=known, workers=workers):
                batch.articles.extend(result.articles)
                batch.sources.extend(result.sources)
                batch.facts.extend(result.facts)
                batch.errors.extend(result.errors)
                skipped += result.skipped_known
            timings["read_parse_extract_s"] = time.perf_counter() - started
            rss["after_extract_mb"] = _rss_mb()

            started = time.perf_counter()
            summary = load_run(
                con,
                batch,
                run_id=run_id,
                paths=paths,
                files_seen=len(files),
                started_at=run_started,
            )
            timings["load_s"] = time.perf_counter() - started
            rss["after_load_mb"] = _rss_mb()
        finally:
            con.close()
        counts.update(
            articles_read=summary.records_read + skipped,
            articles_new=summary.articles_new,
            already_known=skipped + summary.articles_duplicate,
            facts_new=summary.facts_new,
            errors=summary.errors,
        )
        del batch  # as the CLI does when _ingest_into returns

        started = time.perf_counter()
        outcome = build_warehouse(work)
        timings["dbt_build_s"] = time.perf_counter() - started
        rss["after_dbt_mb"] = _rss_mb()
        counts["dbt"] = outcome.summary()
        if not outcome.ok:
            raise SystemExit(
                f"dbt build failed: {'; '.join(outcome.failures[:5]) or outcome.error}"
            )
        swap_started = time.perf_counter()
    timings["swap_s"] = time.perf_counter() - swap_started
    timings["total_s"] = time.perf_counter() - total_started
    return {"timings": timings, "rss": rss, "counts": counts}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    result = run_stages(args.db.resolve(), list(args.paths), args.workers)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
