"""Read, parse and extract a batch of files, on several cores when it pays.

Every file is processed on its own: a bad file, or an article an extractor chokes on,
becomes a ReadError with its reason and the batch goes on. Articles whose id the
warehouse already holds are parsed (to learn their id) but not extracted again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from ingest.extract import extract_facts
from ingest.models import Fact, ParsedArticle, ReadError
from ingest.parse import parse_article
from ingest.read import MIN_ARTICLE_CHARS, count_non_space, read_file

# Below this many files a process pool costs more than it saves.
POOL_MIN_FILES = 16

# Longest article text accepted, in characters. The longest article of the client's corpus
# is about 5,000 characters and long-form reports run to some 50,000; extraction costs a
# few milliseconds a sentence, so a 50 MB "article" (a dump, a concatenated export) would
# hold a worker for hours. Longer texts are rejected with this reason, not truncated:
# half an article would give wrong claims.
MAX_ARTICLE_CHARS = 200_000


@dataclass
class FileResult:
    path: str
    articles: list[ParsedArticle] = field(default_factory=list)
    sources: list[tuple[str, str, int | None]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    skipped_known: int = 0


_KNOWN: frozenset[str] = frozenset()
_REPROCESS = False


def _init_worker(known: frozenset[str], reprocess: bool) -> None:
    global _KNOWN, _REPROCESS
    _KNOWN, _REPROCESS = known, reprocess


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:500]


def process_file(path: Path) -> FileResult:
    """Read one file, parse each of its articles and extract facts from the new ones."""
    result = FileResult(path=str(path))
    try:
        raws, errors = read_file(path)
    except Exception as exc:  # a reader bug must not sink the batch
        result.errors.append(ReadError(str(path), "read", _describe(exc)))
        return result
    result.errors.extend(errors)
    seen_here: set[str] = set()
    for raw in raws:
        if len(raw.text) > MAX_ARTICLE_CHARS:
            result.errors.append(
                ReadError(
                    raw.source_path,
                    "read",
                    f"too long to be one article: {len(raw.text):,} characters "
                    f"(limit {MAX_ARTICLE_CHARS:,}); split it into articles",
                    line=raw.record_index,
                )
            )
            continue
        try:
            doc = parse_article(raw)
        except Exception as exc:
            result.errors.append(
                ReadError(raw.source_path, "parse", _describe(exc), line=raw.record_index)
            )
            continue
        if count_non_space(doc.body, MIN_ARTICLE_CHARS) < MIN_ARTICLE_CHARS:
            result.errors.append(
                ReadError(
                    raw.source_path,
                    "parse",
                    "no article text left once page chrome is removed",
                    line=raw.record_index,
                )
            )
            continue
        result.sources.append((doc.article_id, raw.source_path, raw.record_index))
        if doc.article_id in seen_here:
            continue
        seen_here.add(doc.article_id)
        if doc.article_id in _KNOWN and not _REPROCESS:
            result.skipped_known += 1
            continue
        try:
            facts = extract_facts(doc)
        except Exception as exc:
            result.errors.append(
                ReadError(raw.source_path, "extract", _describe(exc), line=raw.record_index)
            )
            facts = []
        result.articles.append(doc)
        result.facts.extend(facts)
    return result


def _pool_context() -> BaseContext:
    """Workers started from a clean server process, never forked from this one.

    A plain fork copies a parent whose Polars (or DuckDB) thread pool may hold a lock;
    the child then waits on it forever (seen: a CLI run in a process that had read a CSV
    hung in `pl.read_csv` in every worker). The forkserver imports the pipeline once.
    """
    if "forkserver" in get_all_start_methods():
        context = get_context("forkserver")
        context.set_forkserver_preload(["ingest.pipeline"])
        return context
    return get_context("spawn")


def process_files(
    files: Iterable[Path],
    *,
    known_ids: Iterable[str] = (),
    reprocess: bool = False,
    workers: int | None = None,
    on_done: Callable[[FileResult], None] | None = None,
) -> Iterator[FileResult]:
    """Process files, in a process pool when there are many; yields results in order."""
    files = list(files)
    known = frozenset(known_ids)
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(files) < POOL_MIN_FILES:
        _init_worker(known, reprocess)
        try:
            for path in files:
                result = process_file(path)
                if on_done:
                    on_done(result)
                yield result
        finally:
            _init_worker(frozenset(), False)
        return
    context = _pool_context()
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(known, reprocess),
    ) as pool:
        chunk = max(1, min(64, len(files) // (workers * 8)))
        for result in pool.map(process_file, files, chunksize=chunk):
            if on_done:
                on_done(result)
            yield result
