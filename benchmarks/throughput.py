"""Parse+extract throughput against a spaCy baseline, on one core and on all cores.

The texts are read once with `ingest.read.read_file`; then the same `RawArticle`s go
through `ingest.parse.parse_article` + `ingest.extract.extract_facts` (our work), and
their texts through a spaCy `blank("en")` tokenizer + sentencizer (the baseline: about the
least any NLP pipeline does with a text). Both are warmed up first (rules, gazetteer and
spaCy's vocabulary load once per process), so the figures are steady-state rates; the
warm-up time is reported on its own because every worker process pays it.

All-cores figures use a fork pool created after the warm-up, with the articles inherited
by the workers and only counts sent back: pure compute scaling. The real pipeline also
pickles parsed articles and facts back to the parent — that cost shows in the end-to-end
figures, not here.

    python -m benchmarks.throughput --corpus DIR --articles 2000   # one-core loop, for py-spy
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.models import RawArticle

_RAWS: list[RawArticle] = []  # inherited by forked workers
_NLP: Any = None


def corpus_files(corpus: Path, limit: int) -> list[Path]:
    """The first article files of a synthetic corpus, in index order."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".jsonl"))
    return files[:limit] if files and files[0].suffix == ".txt" else files


def read_articles(corpus: Path, limit: int) -> tuple[list[RawArticle], float]:
    """The first `limit` articles of the corpus, and the seconds `read_file` took."""
    from ingest.read import read_file

    raws: list[RawArticle] = []
    started = time.perf_counter()
    for path in corpus_files(corpus, limit):
        found, _ = read_file(path)
        raws.extend(found)
        if len(raws) >= limit:
            break
    return raws[:limit], time.perf_counter() - started


# --------------------------------------------------------------------------- the work


def extract_range(bounds: tuple[int, int]) -> tuple[int, int]:
    """Parse and extract articles [start, stop) of `_RAWS`: (sentences, facts)."""
    from ingest.extract import extract_facts
    from ingest.parse import parse_article

    n_sentences = n_facts = 0
    for raw in _RAWS[bounds[0] : bounds[1]]:
        doc = parse_article(raw)
        n_sentences += len(doc.sentences)
        n_facts += len(extract_facts(doc))
    return n_sentences, n_facts


def make_baseline() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def baseline_range(bounds: tuple[int, int]) -> tuple[int, int]:
    """spaCy blank("en") tokenizer + sentencizer over the same texts: (sentences, tokens)."""
    n_sentences = n_tokens = 0
    texts = (raw.text for raw in _RAWS[bounds[0] : bounds[1]])
    for doc in _NLP.pipe(texts, batch_size=64):
        n_tokens += len(doc)
        n_sentences += sum(1 for _ in doc.sents)
    return n_sentences, n_tokens


def _chunks(n: int, size: int) -> list[tuple[int, int]]:
    return [(i, min(i + size, n)) for i in range(0, n, size)]


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(fn: Any, bounds: tuple[int, int]) -> tuple[float, float, tuple[int, int]]:
    """(wall s, CPU s, result) of fn(bounds) in this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(bounds)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _pooled(fn: Any, n: int, workers: int) -> tuple[float, float]:
    """(wall s, CPU s of the workers) of fn over n articles in a fork pool."""
    context = multiprocessing.get_context("fork")
    cpu = _children_cpu_s()
    started = time.perf_counter()
    pool = context.Pool(workers)
    try:
        pool.map(fn, _chunks(n, 25), chunksize=1)
    finally:
        pool.close()
        pool.join()  # reaped workers: their CPU time lands in RUSAGE_CHILDREN
    return time.perf_counter() - started, _children_cpu_s() - cpu


@dataclass(frozen=True)
class Throughput:
    articles: int
    words: int
    read_s: float
    warmup_s: float  # first parse+extract in a fresh process (loads rules, gazetteer)
    baseline_warmup_s: float
    extract_1core_s: float
    baseline_1core_s: float
    extract_all_s: float
    baseline_all_s: float
    extract_1core_cpu_s: float
    baseline_1core_cpu_s: float
    extract_all_cpu_s: float
    baseline_all_cpu_s: float
    load_average: tuple[float, ...]
    workers: int
    sentences: int
    facts: int
    baseline_sentences: int
    baseline_tokens: int

    def rate(self, seconds: float) -> float:
        return self.articles / seconds if seconds > 0 else float("nan")

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "words": self.words,
            "workers": self.workers,
            "read_articles_per_s": self.rate(self.read_s),
            "warmup_s": self.warmup_s,
            "baseline_warmup_s": self.baseline_warmup_s,
            "extract_1core_s": self.extract_1core_s,
            "extract_1core_articles_per_s": self.rate(self.extract_1core_s),
            "extract_all_cores_s": self.extract_all_s,
            "extract_all_cores_articles_per_s": self.rate(self.extract_all_s),
            "baseline_1core_s": self.baseline_1core_s,
            "baseline_1core_articles_per_s": self.rate(self.baseline_1core_s),
            "baseline_all_cores_s": self.baseline_all_s,
            "baseline_all_cores_articles_per_s": self.rate(self.baseline_all_s),
            "ratio_1core": self.extract_1core_s / self.baseline_1core_s,
            "ratio_all_cores": self.extract_all_s / self.baseline_all_s,
            # CPU seconds: what the ratio would be on an idle machine
            "extract_1core_cpu_s": self.extract_1core_cpu_s,
            "baseline_1core_cpu_s": self.baseline_1core_cpu_s,
            "extract_all_cores_cpu_s": self.extract_all_cpu_s,
            "baseline_all_cores_cpu_s": self.baseline_all_cpu_s,
            "extract_articles_per_cpu_s": self.rate(self.extract_1core_cpu_s),
            "baseline_articles_per_cpu_s": self.rate(self.baseline_1core_cpu_s),
            "ratio_1core_cpu": self.extract_1core_cpu_s / self.baseline_1core_cpu_s,
            "load_average": list(self.load_average),
            "sentences": self.sentences,
            "facts": self.facts,
            "facts_per_article": self.facts / self.articles if self.articles else 0.0,
            "baseline_sentences": self.baseline_sentences,
            "baseline_tokens": self.baseline_tokens,
        }


def measure(corpus: Path, limit: int, workers: int | None = None) -> Throughput:
    """Read `limit` articles, then time parse+extract and the baseline side by side."""
    global _RAWS, _NLP
    raws, read_s = read_articles(corpus, limit)
    if not raws:
        raise RuntimeError(f"no article could be read from {corpus}")
    workers = workers or os.cpu_count() or 1
    _RAWS = raws
    n = len(raws)
    try:
        started = time.perf_counter()
        extract_range((0, 1))
        warmup = time.perf_counter() - started
        started = time.perf_counter()
        _NLP = make_baseline()
        baseline_range((0, 1))
        baseline_warmup = time.perf_counter() - started

        # ours and the baseline back to back, so drifts in machine load hit both alike;
        # CPU seconds are recorded too: other processes' load does not inflate them
        # the pools first: forked after the one-core passes, workers would inherit caches
        # (ours) and a vocabulary (spaCy's) already filled with these very texts
        load_before = os.getloadavg()
        extract_all, extract_all_cpu = _pooled(extract_range, n, workers)
        baseline_all, baseline_all_cpu = _pooled(baseline_range, n, workers)
        extract_1, extract_1_cpu, (sentences, facts) = _timed(extract_range, (0, n))
        baseline_1, baseline_1_cpu, (b_sentences, b_tokens) = _timed(baseline_range, (0, n))
        load_average = (*load_before, *os.getloadavg())
    finally:
        _RAWS, _NLP = [], None
    return Throughput(
        articles=n,
        words=sum(len(r.text.split()) for r in raws),
        read_s=read_s,
        warmup_s=warmup,
        baseline_warmup_s=baseline_warmup,
        extract_1core_s=extract_1,
        baseline_1core_s=baseline_1,
        extract_all_s=extract_all,
        baseline_all_s=baseline_all,
        extract_1core_cpu_s=extract_1_cpu,
        baseline_1core_cpu_s=baseline_1_cpu,
        extract_all_cpu_s=extract_all_cpu,
        baseline_all_cpu_s=baseline_all_cpu,
        load_average=load_average,
        workers=workers,
        sentences=sentences,
        facts=facts,
        baseline_sentences=b_sentences,
        baseline_tokens=b_tokens,
    )


def measure_real(corpus_dirs: Sequence[Path]) -> dict[str, Any] | None:
    """CPU ms per article of parse+extract and of the baseline on real articles (one core,
    one pass: a calibration of the synthetic figures), or None when there are none."""
    global _RAWS, _NLP
    from ingest.read import read_file

    raws: list[RawArticle] = []
    for folder in corpus_dirs:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            raws.extend(read_file(path)[0])
    if not raws:
        return None
    _RAWS = raws
    try:
        extract_range((0, 1))
        _NLP = make_baseline()
        baseline_range((0, 1))
        _, extract_cpu, (_, facts) = _timed(extract_range, (0, len(raws)))
        _, baseline_cpu, _ = _timed(baseline_range, (0, len(raws)))
    finally:
        _RAWS, _NLP = [], None
    words = sum(len(r.text.split()) for r in raws)
    return {
        "articles": len(raws),
        "words_per_article": words / len(raws),
        "facts_per_article": facts / len(raws),
        "extract_cpu_ms_per_article": 1000 * extract_cpu / len(raws),
        "baseline_cpu_ms_per_article": 1000 * baseline_cpu / len(raws),
        "extract_cpu_ms_per_1000_words": 1e6 * extract_cpu / words,
        "ratio_cpu": extract_cpu / baseline_cpu,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """One-core parse+extract loop (what a profiler should look at)."""
    global _RAWS
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput")
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args(argv)
    raws, _ = read_articles(args.corpus, args.articles)
    _RAWS = raws
    started = time.perf_counter()
    sentences, facts = extract_range((0, len(raws)))
    elapsed = time.perf_counter() - started
    print(
        f"{len(raws)} articles, {sentences} sentences, {facts} facts in {elapsed:.2f} s "
        f"({len(raws) / elapsed:.1f} articles/s, warm-up included)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
