"""Grow a built warehouse to N articles by replicating its raw rows under new ids.

Used when a real N-article `frontline run` would take longer than the time available:
the replicated `raw` schema has N articles with the same shape as the real ones (same
bodies, sentences and facts per article), so `frontline build` on it measures dbt at N
articles, and the dashboard queries and an incremental run can be timed on it. It says
nothing about read/parse/extract time — that is what the real runs measure — and the
benchmark labels every figure taken on it as "replicated".

Copy c of an article gets id `sha256(article_id || '#c')[:16]` (fact ids likewise, at
their own length); source paths get `#copy-c`. Dates are kept, so each day holds c times
more claims. The marts are left stale: run `frontline build` on the result.

    python -m benchmarks.scale --src W10K.duckdb --out W100K.duckdb --articles 100000
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.sql(
        "select column_name from information_schema.columns "
        "where table_schema = 'raw' and table_name = $t order by ordinal_position",
        params={"t": table},
    ).fetchall()
    return [r[0] for r in rows]


def replicate(src: Path, out: Path, articles: int) -> dict[str, int]:
    """Copy `src` to `out` and add replicated raw rows until it holds `articles` articles."""
    for p in (out, out.with_name(out.name + ".wal")):
        p.unlink(missing_ok=True)
    shutil.copy2(src, out)
    con = duckdb.connect(str(out))
    try:
        base = con.sql("select count(*) from raw.articles").fetchall()[0][0]
        if base == 0:
            raise SystemExit(f"{src} has no articles to replicate")
        copies = math.ceil(articles / base)
        con.execute(
            "create temp table base_ids as "
            "select article_id, row_number() over (order by article_id) as n from raw.articles"
        )
        fact_id_len = con.sql("select max(length(fact_id)) from raw.facts").fetchall()[0][0] or 20
        con.execute("begin transaction")
        for c in range(1, copies):
            take = min(base, articles - c * base)
            if take <= 0:
                break
            new_id = f"substr(sha256(article_id || '#{c}'), 1, 16)"
            con.execute(
                f"create or replace temp table picked as select article_id from base_ids "
                f"where n <= {take}"
            )
            for table in ("articles", "article_sources", "sentences", "facts"):
                cols = _columns(con, table)
                if "article_id" not in cols:
                    continue
                replaced = [f"{new_id} as article_id"]
                if table == "facts":
                    replaced.append(
                        f"substr(sha256(fact_id || '#{c}'), 1, {fact_id_len}) as fact_id"
                    )
                if "source_path" in cols:
                    replaced.append(f"source_path || '#copy-{c}' as source_path")
                con.execute(
                    f"insert into raw.{table} select * replace ({', '.join(replaced)}) "
                    f"from raw.{table} where article_id in (select article_id from picked)"
                )
        con.execute("commit")
        con.execute("checkpoint")
        counts = {
            t: con.sql(f"select count(*) from raw.{t}").fetchall()[0][0]
            for t in ("articles", "sentences", "facts", "article_sources")
        }
    finally:
        con.close()
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale")
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, required=True)
    args = parser.parse_args(argv)
    print(replicate(args.src, args.out, args.articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
