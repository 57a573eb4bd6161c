"""Score the extractor against a gold corpus.

    python -m ingest.evaluate CORPUS_DIR [--gold G] [--db OUT] [--verbose] [--scorer S]

Reads every article file of CORPUS_DIR (through `ingest.read.read_file` and
`ingest.parse.parse_article`; `gold.jsonl` itself is skipped), extracts facts, writes a
scratch DuckDB with the tables the scorer reads (dim_articles and the four fct_* tables,
columns as in the scorer's FACT_TABLES), runs the client's scorer
(`../shared/eval/score.py`) on it and prints its report, plus extraction speed.
Exit status: the scorer's (0 fine, 1 below --min-f1, 2 unusable input).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb

from ingest.extract import extract_facts
from ingest.models import Fact, ParsedArticle
from ingest.parse import parse_article
from ingest.paths import SHARED_DIR
from ingest.read import read_file

DEFAULT_SCORER = SHARED_DIR / "eval" / "score.py"
SQL_TYPES = {"quantity": "BIGINT", "launched": "BIGINT", "intercepted": "BIGINT",
             "area_km2": "DOUBLE"}


def load_scorer(path: Path = DEFAULT_SCORER) -> ModuleType:
    """The client's scorer module, imported from its file."""
    spec = importlib.util.spec_from_file_location("frontline_score", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"scorer not found: {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir()
                  if p.is_file() and p.name != "gold.jsonl" and not p.name.startswith("."))


def extract_corpus(corpus: Path) -> tuple[list[tuple[str, ParsedArticle]], list[Fact], float]:
    """(source file name, parsed article) pairs, their facts, and the seconds spent in
    parsing and extraction (reading excluded)."""
    docs: list[tuple[str, ParsedArticle]] = []
    facts: list[Fact] = []
    elapsed = 0.0
    for path in corpus_files(corpus):
        raws, _errors = read_file(path)
        for raw in raws:
            started = time.perf_counter()
            doc = parse_article(raw)
            facts.extend(extract_facts(doc))
            elapsed += time.perf_counter() - started
            docs.append((path.name, doc))
    return docs, facts, elapsed


def write_scratch_db(path: Path, docs: list[tuple[str, ParsedArticle]], facts: list[Fact],
                     fact_tables: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    """A DuckDB file with the scorer's tables filled from the extraction."""
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE TABLE dim_articles (article_id VARCHAR, source_file VARCHAR,"
                    " published_date DATE)")
        con.executemany("INSERT INTO dim_articles VALUES (?, ?, ?)",
                        [[doc.article_id, name, doc.published_date] for name, doc in docs])
        for kind, (table, columns) in fact_tables.items():
            ddl = ", ".join(f"{c} {SQL_TYPES.get(c, 'VARCHAR')}" for c in columns)
            con.execute(f"CREATE TABLE {table} ({ddl})")
            rows = [[getattr(f, c) for c in columns] for f in facts if f.fact_type == kind]
            if rows:
                marks = ", ".join("?" * len(columns))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    finally:
        con.close()


def evaluate(corpus: Path, gold: Path | None = None, db: Path | None = None,
             scorer_path: Path = DEFAULT_SCORER) -> tuple[dict[str, Any], dict[str, float]]:
    """Extract a corpus, score it; returns (the scorer's report, speed figures)."""
    scorer = load_scorer(scorer_path)
    gold = gold or corpus / "gold.jsonl"
    docs, facts, elapsed = extract_corpus(corpus)
    with tempfile.TemporaryDirectory(prefix="frontline-eval-") as tmp:
        target = db or Path(tmp) / "scratch.duckdb"
        write_scratch_db(target, docs, facts, scorer.FACT_TABLES)
        report = scorer.score(str(target), str(gold))
    speed = {"articles": len(docs), "facts": len(facts), "seconds": elapsed,
             "articles_per_second": len(docs) / elapsed if elapsed else float("inf")}
    return report, speed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of articles with a gold.jsonl")
    parser.add_argument("--gold", type=Path, help="gold file (default CORPUS/gold.jsonl)")
    parser.add_argument("--db", type=Path, help="keep the scratch warehouse at this path")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every error")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="score.py to use")
    parser.add_argument("--min-f1", type=float, help="exit 1 when strict micro F1 is below")
    args = parser.parse_args(argv)
    try:
        report, speed = evaluate(args.corpus, args.gold, args.db, args.scorer)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    scorer = load_scorer(args.scorer)
    for line in scorer.render(report, args.verbose):
        print(line)
    print(f"speed           {speed['articles']} articles, {speed['facts']} facts in "
          f"{speed['seconds']:.2f} s ({speed['articles_per_second']:.1f} articles/s, "
          "parse + extract)")
    print(scorer.summary_line(report))
    if args.min_f1 is not None and report["overall_f1"] + 1e-9 < args.min_f1:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
