"""Parse throughput: `python -m ingest.parse.bench [PATH ...] [--runs N]`.

Reads the articles once, then times `parse_article` over all of them `--runs` times and
prints the median articles per second (reading is not timed). Default paths: the
client's seeds and dev corpora (`../shared/corpus`).
"""

from __future__ import annotations

import argparse
import statistics
import time

from ingest.models import RawArticle
from ingest.parse import parse_article
from ingest.paths import SHARED_DIR
from ingest.read import expand_paths, read_file


def load(paths: list[str]) -> list[RawArticle]:
    files, _ = expand_paths(paths)
    articles: list[RawArticle] = []
    for path in files:
        found, _ = read_file(path)
        articles.extend(found)
    return articles


def time_runs(articles: list[RawArticle], runs: int) -> list[float]:
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for raw in articles:
            parse_article(raw)
        rates.append(len(articles) / (time.perf_counter() - start))
    return rates


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    corpus = SHARED_DIR / "corpus"
    paths = args.paths or [str(corpus / "seeds" / "*.txt"), str(corpus / "dev" / "*.txt")]
    articles = load(paths)
    if not articles:
        raise SystemExit("no articles found")
    parse_article(articles[0])  # warm the compiled patterns
    rates = time_runs(articles, args.runs)
    chars = sum(len(a.text) for a in articles)
    print(
        f"{len(articles)} articles, {chars:,} chars; median {statistics.median(rates):,.0f} "
        f"articles/s over {args.runs} runs (min {min(rates):,.0f}, max {max(rates):,.0f})"
    )


if __name__ == "__main__":
    main()
