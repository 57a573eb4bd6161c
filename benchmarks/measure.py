"""Timing helpers: medians of repetitions, percentiles, and subprocesses measured for wall
time, CPU time and peak memory.

Peak memory of a subprocess is reported two ways:
- `max_rss_mb`: `ru_maxrss` from `os.wait4` — the largest resident set of any single
  process in the child's tree (the kernel folds reaped descendants into it). This is what
  `/usr/bin/time -v` prints as "Maximum resident set size".
- `tree_rss_peak_mb`: the largest *sum* of the resident sets of the child and all its
  descendants, sampled from /proc every 0.2 s — what the machine actually had to hold
  while a process pool was running (shared copy-on-write pages are counted per process,
  so this is an upper bound).
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, like numpy's default."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low, high = math.floor(pos), math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


@dataclass(frozen=True)
class Repeated:
    """Seconds of every repetition of a step, and their median."""

    runs_s: tuple[float, ...]
    result: Any = None  # what the last repetition returned

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s)


def repeat(
    fn: Callable[[], Any], *, short_s: float = 5.0, max_reps: int = 5, min_reps: int = 1
) -> Repeated:
    """Run `fn` once; while the runs stay shorter than `short_s`, repeat up to `max_reps`."""
    runs: list[float] = []
    result = None
    while True:
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
        if len(runs) >= max_reps or (len(runs) >= min_reps and sum(runs) >= short_s):
            return Repeated(tuple(runs), result)


# --------------------------------------------------------------------------- process trees


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may contain spaces: split after it
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_s(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def tree_pids(root: int) -> list[int]:
    """`root` and all its descendants."""
    children = _children_map()
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def tree_rss_bytes(root: int, pids: list[int] | None = None) -> int:
    """Sum of the resident sets of `root` and all its descendants (0 once it is gone)."""
    total = 0
    for pid in pids if pids is not None else tree_pids(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE
        except (OSError, IndexError, ValueError):
            pass
    return total


class TreeRssSampler:
    """Samples the process tree in a thread: `.peak` total RSS in bytes, and `.cpu_s`, the
    CPU seconds of every process seen in it (last sample per process).

    The sampled CPU matters because `wait4` only counts descendants that were reaped up the
    tree: workers of a multiprocessing forkserver are not, so their CPU would be lost.
    """

    def __init__(self, pid: int, interval_s: float = 0.2) -> None:
        self.pid = pid
        self.interval_s = interval_s
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            pids = tree_pids(self.pid)
            self.peak = max(self.peak, tree_rss_bytes(self.pid, pids))
            for pid in pids:
                cpu = _cpu_s(pid)
                if cpu is not None:
                    self._cpu[pid] = max(cpu, self._cpu.get(pid, 0.0))
            self._stop.wait(self.interval_s)

    def __enter__(self) -> TreeRssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- subprocesses


@dataclass(frozen=True)
class ProcessRun:
    command: list[str]
    returncode: int | None  # None when it was stopped at the time limit
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float  # largest single process (ru_maxrss)
    tree_rss_peak_mb: float  # largest sampled sum over the process tree
    tree_cpu_s: float = 0.0  # CPU of every process seen in the tree (see TreeRssSampler)
    timed_out: bool = False
    stdout_tail: str = ""
    stderr_tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def _tail(path: Path, chars: int = 2000) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return text[-chars:]


def run_measured(
    command: Sequence[str],
    *,
    timeout_s: float,
    log_dir: Path,
    name: str,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> ProcessRun:
    """Run `command` in its own process group; wall, CPU and memory of its whole tree.

    Output goes to `log_dir/name.out|.err` (a pipe could fill and stall the child).
    At `timeout_s` the whole group is killed and the run is marked `timed_out`.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,  # its own process group: a timeout kills the pool too
        )
        timed_out = False
        load_before = os.getloadavg()
        timer = threading.Timer(timeout_s, lambda: _kill_group(proc.pid))
        with TreeRssSampler(proc.pid) as sampler:
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode == -signal.SIGKILL and wall >= timeout_s:
            timed_out = True
    return ProcessRun(
        command=list(command),
        returncode=None if timed_out else proc.returncode,
        wall_s=wall,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
        tree_rss_peak_mb=sampler.peak / 2**20,
        tree_cpu_s=max(sampler.cpu_s, usage.ru_utime + usage.ru_stime),
        timed_out=timed_out,
        stdout_tail=_tail(out_path),
        stderr_tail=_tail(err_path),
        extra={"load_average_before": load_before, "load_average_after": os.getloadavg()},
    )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def file_size_mb(path: Path) -> float:
    """Size of a DuckDB file plus its write-ahead log, in MB (10^6 bytes)."""
    total = 0
    for p in (path, path.with_name(path.name + ".wal")):
        if p.exists():
            total += p.stat().st_size
    return total / 1e6
