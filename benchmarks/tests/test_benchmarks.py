"""Tests of the benchmark's own machinery (not of the pipeline's speed)."""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import pytest

from benchmarks import synth
from benchmarks.measure import percentile, repeat, run_measured
from benchmarks.profile import frame_name, summarise
from ingest.paths import REPO_ROOT

# --------------------------------------------------------------------------- synth


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("fmt", ["txt", "jsonl"], ids=["txt", "jsonl"])
def test_same_seed_gives_byte_identical_corpus(tmp_path: Path, fmt: str) -> None:
    synth.write_corpus(tmp_path / "a", 60, seed=3, fmt=fmt)
    synth.write_corpus(tmp_path / "b", 60, seed=3, fmt=fmt)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_other_seed_gives_other_corpus(tmp_path: Path) -> None:
    synth.write_corpus(tmp_path / "a", 20, seed=1)
    synth.write_corpus(tmp_path / "b", 20, seed=2)
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")


def test_small_corpus_is_prefix_of_larger(tmp_path: Path) -> None:
    ref = synth.load_reference()
    small = [synth.make_article(5, i, ref).text for i in range(30)]
    synth.write_corpus(tmp_path / "big", 50, seed=5)
    big = sorted((tmp_path / "big").rglob("*.txt"), key=lambda p: p.stem.rsplit("_", 1)[1])
    assert [p.read_text(encoding="utf-8") for p in big[:30]] == small


@pytest.mark.parametrize(
    ("fmt", "n", "expected"),
    [
        ("txt", 2500, {"part_0000": 1000, "part_0001": 1000, "part_0002": 500}),
        ("jsonl", 2500, {"part_0000.jsonl": 1000, "part_0001.jsonl": 1000, "part_0002.jsonl": 500}),
    ],
    ids=["txt-folders-of-1000", "jsonl-files-of-1000"],
)
def test_layout_holds_at_most_1000_per_part(
    tmp_path: Path, fmt: str, n: int, expected: dict[str, int]
) -> None:
    synth.write_corpus(tmp_path, n, seed=1, fmt=fmt)
    found = {}
    for part in sorted(tmp_path.glob("part_*")):
        if part.is_dir():
            found[part.name] = len(list(part.iterdir()))
        else:
            lines = part.read_text(encoding="utf-8").splitlines()
            assert all("text" in json.loads(line) for line in lines)
            found[part.name] = len(lines)
    assert found == expected


def test_corpus_has_every_style_length_range_and_duplicates() -> None:
    ref = synth.load_reference()
    arts = [synth.make_article(11, i, ref) for i in range(600)]
    originals = [a for a in arts if a.duplicate_of is None]
    assert {a.style for a in arts} == set(synth.STYLE_NAMES)
    words = [len(a.text.split()) for a in originals]
    assert min(words) >= synth.MIN_WORDS and max(words) <= synth.MAX_WORDS + 200
    dups = [a for a in arts if a.duplicate_of is not None]
    assert 0.01 < len(dups) / len(arts) < 0.06
    for d in dups:
        assert d.text == arts[d.duplicate_of].text
    # drawn articles never collide
    assert len({a.text for a in originals}) == len(originals)


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (r"\(Reuters\) - ", "wire dateline"),
        (r"/TASS/\. ", "TASS dateline"),
        (r"\(\+\d[\d,]*\)", "tally row with (+N)"),
        (r"Latest news\n\d\d:\d\d ", "latest news list"),
        (r"\b(?:launched|downed|destroyed \d+ of the)\b", "strike counts"),
        (r"\b(?:liberated|captured)\b", "capture"),
        (r"\b(?:killed|wounded|injured)\b", "casualties"),
        (r"\b(?:19[5-9]\d|20[0-2]\d)\b", "decoy year"),
        (r"-year-old", "decoy age"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_corpus_contains(pattern: str, what: str) -> None:
    ref = synth.load_reference()
    text = "\n".join(synth.make_article(2, i, ref).text for i in range(300))
    assert re.search(pattern, text), what


def test_incremental_batch_is_new(tmp_path: Path) -> None:
    ref = synth.load_reference()
    base = {synth.make_article(4, i, ref).text for i in range(200)}
    new = [synth.make_article(4, i, ref) for i in range(200, 260)]
    fresh = [a for a in new if a.duplicate_of is None]
    assert fresh and not any(a.text in base for a in fresh)


# --------------------------------------------------------------------------- measure


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1.0], 95, 1.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 95, 4.8),
        ([5.0, 1.0, 4.0, 2.0, 3.0], 0, 1.0),
        ([10.0, 20.0], 50, 15.0),
    ],
    ids=["single", "median-odd", "p95-interpolated", "unsorted-min", "median-even"],
)
def test_percentile(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan() -> None:
    assert math.isnan(percentile([], 50))


@pytest.mark.parametrize(
    ("short_s", "max_reps", "expected_reps"),
    [(0.0, 5, 1), (60.0, 4, 4)],
    ids=["long-step-runs-once", "short-step-repeats"],
)
def test_repeat(short_s: float, max_reps: int, expected_reps: int) -> None:
    calls = []
    out = repeat(lambda: calls.append(1) or len(calls), short_s=short_s, max_reps=max_reps)
    assert len(out.runs_s) == expected_reps == len(calls)
    assert out.result == expected_reps


def test_run_measured_reports_memory_and_exit(tmp_path: Path) -> None:
    code = "x = bytearray(80 * 2**20); import time; time.sleep(0.6); print('done')"
    run = run_measured([sys.executable, "-c", code], timeout_s=30, log_dir=tmp_path, name="m")
    assert run.ok and run.returncode == 0
    assert run.max_rss_mb >= 80
    assert run.tree_rss_peak_mb >= 80
    assert "done" in run.stdout_tail


def test_run_measured_stops_at_the_time_limit(tmp_path: Path) -> None:
    run = run_measured(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        timeout_s=0.5,
        log_dir=tmp_path,
        name="slow",
    )
    assert run.timed_out and not run.ok and run.wall_s < 10


# --------------------------------------------------------------------------- profile


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (
            f"_candidates ({REPO_ROOT}/ingest/extract/numbers.py:225)",
            ("_candidates (ingest/extract/numbers.py)", "ingest/extract/numbers.py"),
        ),
        (
            "sub (/x/.venv/lib/python3.11/re/__init__.py:185)",
            ("sub (re/__init__.py)", "re/__init__.py"),
        ),
        ("<module> (<string>)", ("<module> (<string>)", "<string>")),
    ],
    ids=["repo-file", "stdlib", "no-line"],
)
def test_frame_name(frame: str, expected: tuple[str, str]) -> None:
    assert frame_name(frame)[:2] == expected


def test_summarise_self_and_inclusive_shares() -> None:
    raw = [
        'process 12:"python x";main (a.py:1);f (a.py:5);g (b.py:9) 6',
        "main (a.py:1);f (a.py:5) 3",
        "main (a.py:1);h (b.py:2) 1",
        "",
    ]
    s = summarise(raw)
    assert s.samples == 10
    assert dict(s.self_top) == {"g (b.py)": 6, "f (a.py)": 3, "h (b.py)": 1}
    assert dict(s.inclusive_top)["main (a.py)"] == 10
    assert dict(s.inclusive_top)["f (a.py)"] == 9
    assert dict(s.modules_top) == {"b.py": 7, "a.py": 3}


FORKSERVER_BURN = """
import multiprocessing as mp, time
def burn(_):
    end = time.process_time() + 0.6
    while time.process_time() < end:
        pass
    return 1
if __name__ == "__main__":
    ctx = mp.get_context("forkserver")
    with ctx.Pool(2) as pool:
        pool.map(burn, range(2))
"""


def test_run_measured_counts_cpu_of_forkserver_workers(tmp_path: Path) -> None:
    script = tmp_path / "burn.py"
    script.write_text(FORKSERVER_BURN, encoding="utf-8")
    run = run_measured([sys.executable, str(script)], timeout_s=60, log_dir=tmp_path, name="b")
    assert run.ok
    assert run.tree_cpu_s >= 1.0  # two workers burnt 0.6 s each
