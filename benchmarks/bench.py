"""The performance benchmark: throughput, stage times, end-to-end runs, memory, warehouse
size and dashboard query latency on synthetic corpora. See benchmarks/README.md.

    python -m benchmarks.bench                      # 10,000 and 100,000 articles
    python -m benchmarks.bench --sizes 10000        # one size
    python -m benchmarks.bench --quick              # 2,000 articles, a smoke check (~2 min)

Results: a table on stdout and JSON (default benchmarks/results/latest.json), written
after every step so a run stopped at its time limit still leaves what it measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import synth
from benchmarks.measure import ProcessRun, file_size_mb, run_measured
from ingest.paths import REFERENCE_DIR, REPO_ROOT, SHARED_DIR

RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_JSON = RESULTS_DIR / "latest.json"
DEFAULT_WORK = Path(os.environ.get("FRONTLINE_BENCH_DIR") or tempfile.gettempdir()) / (
    "frontline-bench"
)


@dataclass(frozen=True)
class Targets:
    """The figures of the performance issue."""

    e2e_100k_s: float = 180.0
    ratio: float = 1.0  # parse+extract time / spaCy blank tokenizer+sentencizer time
    incremental_1k_s: float = 15.0
    peak_rss_gb: float = 4.0
    query_p95_ms: float = 300.0


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...]
    incremental: int
    sample: int
    query_reps: int
    timeout_s: float
    seed: int
    fmt: str
    stages: bool
    scaled: int | None  # replicate the largest warehouse to this many articles
    work: Path
    json_out: Path
    quick: bool


# --------------------------------------------------------------------------- corpora


def _reference_digest() -> str:
    import hashlib

    digest = hashlib.sha256()
    for name in ("places_supplement.csv", "weapon_systems.csv"):
        path = REFERENCE_DIR / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def ensure_corpus(work: Path, name: str, seed: int, fmt: str, articles: int, start: int) -> Path:
    """A synthetic corpus in `work`, reused when its manifest matches (same bytes)."""
    folder = work / f"corpus-{name}-seed{seed}-{fmt}"
    manifest_path = folder / "manifest.json"
    digest = _reference_digest()
    if manifest_path.exists():
        m = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (
            m.get("version") == synth.SYNTH_VERSION
            and m.get("seed") == seed
            and m.get("start") == start
            and m.get("format") == fmt
            and m.get("articles", 0) >= articles
            and m.get("reference_digest") == digest
        ):
            return folder
    shutil.rmtree(folder, ignore_errors=True)
    synth.write_corpus(folder, articles, seed, fmt, start)
    m = json.loads(manifest_path.read_text(encoding="utf-8"))
    m["reference_digest"] = digest
    manifest_path.write_text(json.dumps(m, indent=1) + "\n", encoding="utf-8")
    return folder


def size_paths(corpus: Path, size: int, fmt: str) -> list[str]:
    """The first `size` articles of a corpus as command-line paths (1,000 per part)."""
    suffix = ".jsonl" if fmt == "jsonl" else ""
    return [str(corpus / f"part_{i:04d}{suffix}") for i in range(size // synth.PER_FOLDER)]


# --------------------------------------------------------------------------- runs


def _fresh(db: Path) -> None:
    for p in (db, db.with_name(db.name + ".wal"), db.with_name(db.name + ".building")):
        p.unlink(missing_ok=True)


def frontline_command() -> list[str]:
    script = Path(sys.executable).with_name("frontline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ingest.cli"]


def _env() -> dict[str, str]:
    return dict(os.environ, DO_NOT_TRACK="1", PYTHONUNBUFFERED="1")


def run_frontline(paths: list[str], db: Path, plan: Plan, name: str) -> ProcessRun:
    return run_measured(
        [*frontline_command(), "run", *paths, "--db", str(db)],
        timeout_s=plan.timeout_s,
        log_dir=plan.work / "logs",
        name=name,
        env=_env(),
        cwd=REPO_ROOT,
    )


def run_stages(paths: list[str], db: Path, plan: Plan, name: str) -> dict[str, Any]:
    run = run_measured(
        [sys.executable, "-m", "benchmarks.stages", "--db", str(db), *paths],
        timeout_s=plan.timeout_s,
        log_dir=plan.work / "logs",
        name=name,
        env=_env(),
        cwd=REPO_ROOT,
    )
    data: dict[str, Any] = {"process": _run_dict(run)}
    if run.ok:
        last = [line for line in run.stdout_tail.splitlines() if line.startswith("{")]
        if last:
            data.update(json.loads(last[-1]))
    return data


def _run_dict(run: ProcessRun) -> dict[str, Any]:
    data = run.as_dict()
    if run.ok:  # keep the logs of failures only
        data.pop("stdout_tail")
        data.pop("stderr_tail")
    return data


def dbt_node_times(db: Path, since: float, top: int = 12) -> dict[str, Any] | None:
    """Per-node times of the dbt build that just ran on warehouse `db`, from its
    run_results.json (only when written after `since`, a time.time(); else None)."""
    from ingest.dbt_runner import dbt_work_dir
    from ingest.warehouse import building_path

    path = dbt_work_dir(building_path(db.resolve())) / "target" / "run_results.json"
    try:
        if path.stat().st_mtime < since:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    nodes = [
        (r.get("execution_time") or 0.0, r["unique_id"], r.get("status"))
        for r in data.get("results", [])
    ]
    nodes.sort(reverse=True)
    tests = [t for t, uid, _ in nodes if uid.startswith(("test.", "unit_test."))]
    return {
        "elapsed_s": data.get("elapsed_time"),
        "nodes": len(nodes),
        "sum_node_s": sum(t for t, _, _ in nodes),
        "tests_s": sum(tests),
        "slowest": [{"node": uid, "s": t, "status": st} for t, uid, st in nodes[:top]],
    }


def warehouse_counts(db: Path) -> dict[str, Any]:
    """Rows in the raw tables and marts of a built warehouse (a sanity check of the run)."""
    import duckdb

    counts: dict[str, Any] = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in (
            "raw.articles",
            "raw.facts",
            "raw.sentences",
            "main.dim_articles",
            "main.fct_territorial_claims",
            "main.fct_casualties",
            "main.fct_equipment_losses",
            "main.fct_strikes",
            "main.agg_daily_region",
        ):
            try:
                counts[table] = con.sql(f"select count(*) from {table}").fetchall()[0][0]
            except duckdb.Error:
                counts[table] = None
    finally:
        con.close()
    return counts


# --------------------------------------------------------------------------- report


def _git() -> dict[str, Any]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty_files": len(git("status", "--porcelain").splitlines()),
    }


def _meta(plan: Plan) -> dict[str, Any]:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m benchmarks.bench", *sys.argv[1:]]),
        "cpus": os.cpu_count(),
        "memory_gb": round(mem_kb / 2**20, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": _git(),
        "plan": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(plan).items()},
    }


def _fmt(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}"


def verdicts(results: dict[str, Any], targets: Targets) -> list[dict[str, Any]]:
    """Each target of the issue with the measured figure and whether it is met."""
    rows: list[dict[str, Any]] = []

    def add(name: str, value: Any, target: float, unit: str) -> None:
        ok = (
            None
            if value is None or (isinstance(value, float) and math.isnan(value))
            else value <= target
        )
        rows.append({"target": name, "value": value, "limit": target, "unit": unit, "met": ok})

    sizes = results.get("sizes", {})
    big = sizes.get("100000", {}).get("e2e")
    add(
        "end to end, 100,000 articles",
        big["wall_s"] if big and big.get("ok") else None,
        targets.e2e_100k_s,
        "s",
    )
    tp = results.get("throughput")
    add(
        "parse+extract / baseline (1 core, CPU s)",
        tp and tp.get("ratio_1core_cpu"),
        targets.ratio,
        "×",
    )
    inc_info = results.get("incremental", {})
    inc = inc_info.get("run")
    onto = inc_info.get("onto")
    inc_label = f"incremental {inc_info.get('articles', '?')} onto " + (
        f"{onto:,}{' (replicated)' if inc_info.get('onto_replicated') else ''}" if onto else "?"
    )
    add(inc_label, inc["wall_s"] if inc and inc.get("ok") else None, targets.incremental_1k_s, "s")
    runs = [
        run
        for size in sizes.values()
        for run in (size.get("e2e"), size.get("stages", {}).get("process"))
        if run
    ]
    runs += [r for r in (inc, results.get("replicated", {}).get("build")) if r]
    # the sampled tree sum can miss a short spike that ru_maxrss (one process) caught
    peaks = [max(r["tree_rss_peak_mb"], r["max_rss_mb"]) for r in runs]
    add(
        "peak RSS (max of process tree, largest process)",
        max(peaks) / 1024 if peaks else None,
        targets.peak_rss_gb,
        "GB",
    )
    for key in ("queries", "queries_replicated"):
        q = results.get(key)
        if not q:
            continue
        worst = max((t["p95_ms"] for t in q["timings"] if t.get("error") is None), default=None)
        label = f"slowest dashboard query p95, {q['articles']:,} articles"
        add(
            label + (" (replicated)" if q.get("replicated") else ""),
            worst,
            targets.query_p95_ms,
            "ms",
        )
    return rows


def _dbt_rows(row: Any, nodes: dict[str, Any] | None) -> None:
    if not nodes:
        return
    row("  dbt elapsed (run_results.json)", _fmt(nodes["elapsed_s"], " s"))
    for n in nodes["slowest"][:3]:
        row(f"    {n['node'].split('.', 2)[-1][:44]}", _fmt(n["s"], " s"))
    row("    all tests", _fmt(nodes["tests_s"], " s"))


def render(results: dict[str, Any]) -> str:
    lines: list[str] = []

    def row(label: str, value: str) -> None:
        lines.append(f"  {label:<52} {value}")

    tp = results.get("throughput")
    if tp:
        lines.append(f"parse+extract vs spaCy blank('en')+sentencizer, {tp['articles']:,} articles")
        row("read_file", _fmt(tp["read_articles_per_s"], " articles/s"))
        row("warm-up (first article: rules, gazetteer)", _fmt(tp["warmup_s"], " s", 2))
        row("parse+extract, 1 core", _fmt(tp["extract_1core_articles_per_s"], " articles/s"))
        row(
            f"parse+extract, {tp['workers']} cores",
            _fmt(tp["extract_all_cores_articles_per_s"], " articles/s"),
        )
        row("baseline, 1 core", _fmt(tp["baseline_1core_articles_per_s"], " articles/s"))
        row(
            f"baseline, {tp['workers']} cores",
            _fmt(tp["baseline_all_cores_articles_per_s"], " articles/s"),
        )
        row("ratio extraction/baseline, 1 core (wall)", _fmt(tp["ratio_1core"], "×", 2))
        row("ratio extraction/baseline, 1 core (CPU s)", _fmt(tp.get("ratio_1core_cpu"), "×", 2))
        row("parse+extract per CPU second", _fmt(tp.get("extract_articles_per_cpu_s"), " articles"))
        row("ratio extraction/baseline, all cores", _fmt(tp["ratio_all_cores"], "×", 2))
        row("facts per article", _fmt(tp["facts_per_article"], "", 2))
    real = results.get("throughput_real")
    if real:
        lines.append(f"the same on {real['articles']} real articles (../shared/corpus, CPU time)")
        row("parse+extract per article", _fmt(real["extract_cpu_ms_per_article"], " ms"))
        row("baseline per article", _fmt(real["baseline_cpu_ms_per_article"], " ms"))
        row(
            "parse+extract per 1,000 words (synthetic, real)",
            (
                f"{_fmt((tp or {}).get('extract_cpu_ms_per_1000_words'), ' ms')}, "
                f"{_fmt(real['extract_cpu_ms_per_1000_words'], ' ms')}"
            ),
        )
        row("ratio extraction/baseline (CPU s)", _fmt(real["ratio_cpu"], "×", 2))
    for size, data in results.get("sizes", {}).items():
        lines.append(f"{int(size):,} articles")
        stages = data.get("stages", {})
        t = stages.get("timings", {})
        if t:
            row("stages: read+parse+extract (pool)", _fmt(t.get("read_parse_extract_s"), " s"))
            row("stages: load_run (raw, one transaction)", _fmt(t.get("load_s"), " s"))
            row("stages: dbt build", _fmt(t.get("dbt_build_s"), " s"))
            row("stages: checkpoint + swap", _fmt(t.get("swap_s"), " s"))
            row("stages: total", _fmt(t.get("total_s"), " s"))
        elif stages.get("process"):
            row("stages", "FAILED (see JSON)")
        e2e = data.get("e2e")
        if e2e:
            status = "" if e2e["ok"] else ("  TIMED OUT" if e2e["timed_out"] else "  FAILED")
            row("frontline run, wall", _fmt(e2e["wall_s"], " s") + status)
            row("  CPU, whole process tree", _fmt(e2e.get("tree_cpu_s"), " s"))
            loads = e2e.get("extra", {})
            row(
                "  load average before / after (1 min)",
                f"{loads.get('load_average_before', [math.nan])[0]:.1f} / "
                f"{loads.get('load_average_after', [math.nan])[0]:.1f}",
            )
            row("  peak RSS, largest process", _fmt(e2e["max_rss_mb"], " MB", 0))
            row("  peak RSS, process tree", _fmt(e2e["tree_rss_peak_mb"], " MB", 0))
            row("warehouse size", _fmt(data.get("warehouse_mb"), " MB"))
            _dbt_rows(row, data.get("dbt_nodes"))
    again = results.get("rerun_unchanged", {})
    if again.get("run"):
        r = again["run"]
        row(
            f"rerun of the {again['articles']:,} files, nothing new",
            _fmt(r["wall_s"], " s") + ("" if r["ok"] else "  FAILED"),
        )
    inc = results.get("incremental", {})
    if inc.get("run"):
        r = inc["run"]
        status = "" if r["ok"] else "  FAILED"
        row(
            f"incremental: {inc['articles']:,} new onto {inc['onto']:,}"
            + (" (replicated)" if inc.get("onto_replicated") else ""),
            _fmt(r["wall_s"], " s") + status,
        )
        row("  peak RSS, process tree", _fmt(r["tree_rss_peak_mb"], " MB", 0))
        row("  warehouse size after", _fmt(inc.get("warehouse_mb_after"), " MB"))
    rep = results.get("replicated")
    if rep:
        lines.append(f"{rep['articles']:,} articles replicated from {rep['from']:,} (see README)")
        b = rep["build"]
        row(
            "frontline build (dbt), wall", _fmt(b["wall_s"], " s") + ("" if b["ok"] else "  FAILED")
        )
        row("  CPU, whole process tree", _fmt(b.get("tree_cpu_s"), " s"))
        row("  peak RSS, process tree", _fmt(b["tree_rss_peak_mb"], " MB", 0))
        row("warehouse size", _fmt(rep.get("warehouse_mb"), " MB"))
        _dbt_rows(row, rep.get("dbt_nodes"))
    for key in ("queries", "queries_replicated"):
        q = results.get(key)
        if not q or not q.get("timings"):
            continue
        how = " replicated" if q.get("replicated") else ""
        lines.append(
            f"dashboard queries on {q['articles']:,}{how} articles (ms; {q['reps']} runs each)"
        )
        for t in q["timings"]:
            value = (
                f"p50 {_fmt(t['p50_ms'])}  p95 {_fmt(t['p95_ms'])}  rows {t['rows']:,}"
                if t.get("error") is None
                else f"ERROR {t['error']}"
            )
            row(t["name"], value)
    if results.get("targets"):
        lines.append("targets")
        for v in results["targets"]:
            met = {True: "met", False: "MISSED", None: "not measured"}[v["met"]]
            row(v["target"], f"{_fmt(v['value'], ' ' + v['unit'], 2)} (≤ {v['limit']:g}) {met}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def run_plan(plan: Plan) -> dict[str, Any]:
    from benchmarks import throughput

    plan.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"meta": _meta(plan), "sizes": {}}

    def save() -> None:
        results["targets"] = verdicts(results, Targets())
        plan.json_out.parent.mkdir(parents=True, exist_ok=True)
        plan.json_out.write_text(json.dumps(results, indent=1, default=str) + "\n")

    def say(message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    largest = max(plan.sizes)
    say(f"synthetic corpus: {largest:,} articles (+{plan.incremental:,} new) in {plan.work}")
    started = time.perf_counter()
    corpus = ensure_corpus(plan.work, "base", plan.seed, plan.fmt, largest, 0)
    inc_corpus = ensure_corpus(plan.work, "new", plan.seed, plan.fmt, plan.incremental, largest)
    results["corpus"] = {
        "path": str(corpus),
        "manifest": json.loads((corpus / "manifest.json").read_text()),
        "prepare_s": time.perf_counter() - started,
    }
    save()

    say(f"parse+extract vs baseline on {plan.sample:,} articles")
    try:
        results["throughput"] = throughput.measure(corpus, plan.sample).as_dict()
        say("parse+extract vs baseline on the real articles of ../shared/corpus (if present)")
        real = throughput.measure_real(
            [SHARED_DIR / "corpus" / "dev", SHARED_DIR / "corpus" / "seeds"]
        )
        if real:
            results["throughput_real"] = real
            tp = results["throughput"]
            tp["extract_cpu_ms_per_1000_words"] = 1e6 * tp["extract_1core_cpu_s"] / tp["words"]
    except Exception as exc:  # the other figures are still worth having
        results["throughput_error"] = f"{type(exc).__name__}: {exc}"
        say(f"throughput failed: {results['throughput_error']}")
    save()

    for size in sorted(plan.sizes):
        paths = size_paths(corpus, size, plan.fmt)
        entry: dict[str, Any] = {}
        results["sizes"][str(size)] = entry
        if plan.stages:
            say(f"{size:,}: stages")
            db = plan.work / f"stages-{size}.duckdb"
            _fresh(db)
            entry["stages"] = run_stages(paths, db, plan, f"stages-{size}")
            _fresh(db)
            save()
        say(f"{size:,}: frontline run (fresh warehouse)")
        db = plan.work / f"e2e-{size}.duckdb"
        _fresh(db)
        since = time.time()
        run = run_frontline(paths, db, plan, f"e2e-{size}")
        entry["e2e"] = _run_dict(run)
        entry["dbt_nodes"] = dbt_node_times(db, since) if run.ok else None
        if run.ok:
            entry["warehouse_mb"] = file_size_mb(db)
            entry["counts"] = warehouse_counts(db)
        save()
    big = plan.work / f"e2e-{largest}.duckdb"
    big_run = results["sizes"][str(largest)].get("e2e", {})
    if not big_run.get("ok"):
        say(f"the {largest:,}-article run failed: no queries, no incremental run")
    else:
        say(f"{largest:,}: the same run again, nothing new (a scheduled run on a quiet day)")
        rerun = run_frontline(size_paths(corpus, largest, plan.fmt), big, plan, f"rerun-{largest}")
        results["rerun_unchanged"] = {"articles": largest, "run": _run_dict(rerun)}
        save()
        say(f"{largest:,}: dashboard queries")
        results["queries"] = _queries(big, largest, False, plan)
        save()
        onto, onto_n = big, largest
        if plan.scaled and plan.scaled > largest:
            onto, onto_n = plan.work / f"replicated-{plan.scaled}.duckdb", plan.scaled
            say(f"replicating the {largest:,}-article warehouse to {plan.scaled:,} articles")
            from benchmarks.scale import replicate

            started = time.perf_counter()
            raw_counts = replicate(big, onto, plan.scaled)
            replicate_s = time.perf_counter() - started
            say(f"{plan.scaled:,} (replicated): frontline build --full-refresh")
            since = time.time()
            build = run_measured(
                [*frontline_command(), "build", "--full-refresh", "--db", str(onto)],
                timeout_s=plan.timeout_s,
                log_dir=plan.work / "logs",
                name=f"build-replicated-{plan.scaled}",
                env=_env(),
                cwd=REPO_ROOT,
            )
            results["replicated"] = {
                "articles": plan.scaled,
                "from": largest,
                "replicate_s": replicate_s,
                "raw_counts": raw_counts,
                "build": _run_dict(build),
                "dbt_nodes": dbt_node_times(onto, since) if build.ok else None,
                "warehouse_mb": file_size_mb(onto),
                "counts": warehouse_counts(onto) if build.ok else None,
            }
            save()
            if build.ok:
                say(f"{plan.scaled:,} (replicated): dashboard queries")
                results["queries_replicated"] = _queries(onto, plan.scaled, True, plan)
                save()
            else:
                onto, onto_n = big, largest
        say(f"incremental run of {plan.incremental:,} new articles onto {onto_n:,}")
        since = time.time()
        new_parts = [str(p) for p in sorted(inc_corpus.glob("part_*"))]  # not manifest.json
        inc = run_frontline(new_parts, onto, plan, f"incremental-{onto_n}")
        results["incremental"] = {
            "articles": plan.incremental,
            "onto": onto_n,
            "onto_replicated": onto_n != largest,
            "run": _run_dict(inc),
            "dbt_nodes": dbt_node_times(onto, since) if inc.ok else None,
            "warehouse_mb_after": file_size_mb(onto),
        }
        save()
    results["meta"]["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    results["meta"]["load_average_at_end"] = os.getloadavg()
    save()
    return results


def _queries(db: Path, articles: int, replicated: bool, plan: Plan) -> dict[str, Any]:
    from benchmarks.dashboard_queries import time_queries

    timings = time_queries(db, plan.query_reps)
    return {
        "articles": articles,
        "replicated": replicated,
        "reps": plan.query_reps,
        "timings": [asdict(t) for t in timings],
    }


def parse_args(argv: Sequence[str] | None) -> Plan:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument(
        "--sizes", default="10000,100000", help="comma-separated, multiples of 1000"
    )
    parser.add_argument("--quick", action="store_true", help="2,000 articles, a smoke check")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="corpora and warehouses")
    parser.add_argument("--incremental", type=int, default=None, help="new articles (1000)")
    parser.add_argument("--sample", type=int, default=None, help="articles for throughput (3000)")
    parser.add_argument("--query-reps", type=int, default=None, help="runs per query (20)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per run (2400)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    parser.add_argument(
        "--replicate-to",
        type=int,
        default=None,
        help="also grow the largest warehouse to N articles by replication (dbt, queries)",
    )
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage runs")
    args = parser.parse_args(argv)
    try:
        sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    except ValueError:
        parser.error("--sizes takes comma-separated integers")
    if args.quick:
        sizes = (2000,)
    if not sizes or any(s <= 0 or s % synth.PER_FOLDER for s in sizes):
        parser.error("sizes must be positive multiples of 1000")

    def pick(value: Any, quick: Any, full: Any) -> Any:
        return value if value is not None else (quick if args.quick else full)

    return Plan(
        sizes=sizes,
        incremental=pick(args.incremental, 200, 1000),
        sample=pick(args.sample, 300, 3000),
        query_reps=pick(args.query_reps, 5, 20),
        timeout_s=pick(args.timeout, 300.0, 2400.0),
        seed=args.seed,
        fmt=args.format,
        stages=not (args.no_stages or args.quick),  # quick: the e2e run only
        scaled=args.replicate_to,
        work=args.work.resolve(),
        json_out=args.json,
        quick=args.quick,
    )


def main(argv: Sequence[str] | None = None) -> int:
    plan = parse_args(argv)
    results = run_plan(plan)
    print(render(results))
    print(f"\nJSON: {plan.json_out}")
    failed = [
        name for name, data in results["sizes"].items() if data.get("e2e") and not data["e2e"]["ok"]
    ]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
