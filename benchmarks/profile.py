"""Profile the pipeline with py-spy and summarise where the time goes.

    python -m benchmarks.profile extract --articles 2000   # parse+extract, one core
    python -m benchmarks.profile run --articles 10000      # `frontline run`, all processes
    python -m benchmarks.profile summarise FILE.txt        # an existing py-spy raw profile

py-spy samples the running stacks (100 Hz, idle threads left out, so shares are of CPU
time) and writes collapsed stacks (`frame;frame;... count`); this module ranks functions
by self time (the frame on top) and by inclusive time (anywhere on the stack), and
modules by self time. Raw profiles and the summary go to `benchmarks/results/profiles/`.
py-spy is not a project dependency: `pip install py-spy` (it needs ptrace rights).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench import DEFAULT_WORK, RESULTS_DIR, ensure_corpus, frontline_command, size_paths
from ingest.paths import REPO_ROOT

PROFILE_DIR = RESULTS_DIR / "profiles"
_STDLIB = re.compile(r"/lib/python3\.\d+/")
_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


@dataclass(frozen=True)
class Summary:
    samples: int
    self_top: list[tuple[str, int]]
    inclusive_top: list[tuple[str, int]]
    modules_top: list[tuple[str, int]]
    lines_top: list[tuple[str, int]]

    def render(self, n: int = 25) -> str:
        def block(title: str, rows: list[tuple[str, int]]) -> list[str]:
            out = [title]
            for name, count in rows[:n]:
                out.append(f"  {100 * count / self.samples:5.1f}%  {name}")
            return out

        lines = [f"{self.samples:,} samples"]
        lines += block("self time by function", self.self_top)
        lines += block("inclusive time by function", self.inclusive_top)
        lines += block("self time by file", self.modules_top)
        lines += block("self time by line", self.lines_top)
        return "\n".join(lines)


def _short_file(path: str) -> str:
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1]
    stdlib = _STDLIB.search(path)
    if stdlib:
        return path[stdlib.end() :]
    repo = str(REPO_ROOT) + "/"
    return path[len(repo) :] if path.startswith(repo) else path


def frame_name(frame: str) -> tuple[str, str, str]:
    """(function with its file, file, function with file and line) of a collapsed frame."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip(), frame.strip(), frame.strip()
    file = _short_file(match["file"])
    line = f":{match['line']}" if match["line"] else ""
    return f"{match['func']} ({file})", file, f"{match['func']} ({file}{line})"


def summarise(lines: Iterable[str]) -> Summary:
    """Rank functions and files of py-spy's raw (collapsed) output."""
    self_counts: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    files: Counter[str] = Counter()
    by_line: Counter[str] = Counter()
    total = 0
    for line in lines:
        line = line.rstrip("\n")
        if not line or " " not in line:
            continue
        stack, _, count_text = line.rpartition(" ")
        try:
            count = int(count_text)
        except ValueError:
            continue
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        if not frames:
            continue
        total += count
        names = [frame_name(f) for f in frames]
        top_name, top_file, top_line = names[-1]
        self_counts[top_name] += count
        files[top_file] += count
        by_line[top_line] += count
        for name in {n for n, _, _ in names}:
            inclusive[name] += count
    return Summary(
        total,
        self_counts.most_common(),
        inclusive.most_common(),
        files.most_common(),
        by_line.most_common(),
    )


def record(command: list[str], out: Path, subprocesses: bool) -> None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists() and not shutil.which("py-spy"):
        raise SystemExit("py-spy is not installed: pip install py-spy")
    args = [spy, "record", "--format", "raw", "--rate", "100", "--output", str(out)]
    if subprocesses:
        args.append("--subprocesses")
    subprocess.run([*args, "--", *command], check=True, cwd=REPO_ROOT)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("what", choices=("extract", "run", "summarise"))
    parser.add_argument("file", nargs="?", type=Path, help="raw profile (summarise)")
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    if args.what == "summarise":
        if not args.file:
            parser.error("summarise needs the raw profile file")
        raw = args.file
    else:
        PROFILE_DIR.mkdir(parents=True, exist_ok=True)
        n = args.articles or (2000 if args.what == "extract" else 10000)
        size = max(1000, -(-n // 1000) * 1000)
        corpus = ensure_corpus(args.work, "base", args.seed, "txt", size, 0)
        raw = PROFILE_DIR / f"{args.what}-{n}.txt"
        if args.what == "extract":
            command = [
                sys.executable,
                "-m",
                "benchmarks.throughput",
                "--corpus",
                str(corpus),
                "--articles",
                str(n),
            ]
            record(command, raw, subprocesses=False)
        else:
            db = args.work / f"profile-{size}.duckdb"
            for p in (db, db.with_name(db.name + ".wal")):
                p.unlink(missing_ok=True)
            command = [
                *frontline_command(),
                "run",
                *size_paths(corpus, size, "txt"),
                "--db",
                str(db),
            ]
            record(command, raw, subprocesses=True)
    summary = summarise(raw.read_text(encoding="utf-8", errors="replace").splitlines())
    text = summary.render(args.top)
    print(text)
    if args.what != "summarise":
        raw.with_suffix(".summary.txt").write_text(text + "\n", encoding="utf-8")
        raw.with_suffix(".summary.json").write_text(
            json.dumps(
                {
                    "samples": summary.samples,
                    "self": summary.self_top[:100],
                    "inclusive": summary.inclusive_top[:100],
                    "files": summary.modules_top[:100],
                    "lines": summary.lines_top[:100],
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
