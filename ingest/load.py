"""Write one ingest run into the DuckDB `raw` schema — the only module that writes.

Records become Polars frames with explicit schemas, and the whole run is inserted in
one transaction: either every article, sentence, fact, source path and error of the run
lands, or none does. Re-ingesting articles already present changes nothing but the list
of paths that pointed at them (idempotent).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from ingest.models import Fact, ParsedArticle, ReadError

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.articles (
    article_id varchar primary key,
    source_file varchar,
    source_path varchar,
    source_format varchar,
    url varchar,
    title varchar,
    outlet varchar,
    published_date date,
    date_source varchar,
    body varchar,
    n_chars integer,
    n_sentences integer,
    run_id varchar,
    ingested_at timestamp
);
create table if not exists raw.article_sources (
    article_id varchar,
    source_path varchar,
    source_file varchar,
    record_index integer,
    run_id varchar,
    seen_at timestamp
);
create table if not exists raw.sentences (
    article_id varchar,
    sentence_index integer,
    start_char integer,
    end_char integer
);
create table if not exists raw.facts (
    fact_id varchar primary key,
    article_id varchar,
    fact_type varchar,
    sentence_index integer,
    span_start integer,
    span_end integer,
    evidence varchar,
    rule_id varchar,
    claimant varchar,
    claimant_side varchar,
    actor_side varchar,
    place_name varchar,
    area_km2 double,
    status varchar,
    victim_side varchar,
    victim_kind varchar,
    category varchar,
    equipment_class varchar,
    quantity bigint,
    qualifier varchar,
    attacker_side varchar,
    weapon_class varchar,
    weapon_system varchar,
    launched bigint,
    intercepted bigint,
    target_place varchar,
    scope varchar,
    admin1 varchar,
    country varchar,
    latitude double,
    longitude double,
    event_date date,
    period_start date,
    period_end date,
    run_id varchar
);
create table if not exists raw.ingest_runs (
    run_id varchar primary key,
    started_at timestamp,
    finished_at timestamp,
    paths varchar[],
    files_seen integer,
    records_read integer,
    articles_new integer,
    articles_duplicate integer,
    facts_new integer,
    errors integer,
    duration_s double,
    status varchar
);
create table if not exists raw.source_files (
    source_path varchar,
    size_bytes bigint,
    mtime_ns bigint,
    run_id varchar,
    seen_at timestamp
);
create table if not exists raw.ingest_errors (
    run_id varchar,
    source_path varchar,
    line integer,
    stage varchar,
    reason varchar,
    recorded_at timestamp
);
"""

S, I, B, F, D, T = pl.String, pl.Int32, pl.Int64, pl.Float64, pl.Date, pl.Datetime("us")  # noqa: E741 - short type names keep the schemas readable

ARTICLE_SCHEMA = {
    "article_id": S, "source_file": S, "source_path": S, "source_format": S, "url": S,
    "title": S, "outlet": S, "published_date": D, "date_source": S, "body": S,
    "n_chars": I, "n_sentences": I, "run_id": S, "ingested_at": T,
}  # fmt: skip
SOURCE_SCHEMA = {
    "article_id": S, "source_path": S, "source_file": S, "record_index": I, "run_id": S,
    "seen_at": T,
}  # fmt: skip
# A sentence's text is body[start_char:end_char] (stg_raw__sentences cuts it out): storing
# it again would hold every article's text twice (a sixth of a 100,000-article warehouse).
SENTENCE_SCHEMA = {"article_id": S, "sentence_index": I, "start_char": I, "end_char": I}
FACT_SCHEMA = {
    "fact_id": S, "article_id": S, "fact_type": S, "sentence_index": I, "span_start": I,
    "span_end": I, "evidence": S, "rule_id": S, "claimant": S, "claimant_side": S,
    "actor_side": S, "place_name": S, "area_km2": F, "status": S, "victim_side": S,
    "victim_kind": S, "category": S, "equipment_class": S, "quantity": B, "qualifier": S,
    "attacker_side": S, "weapon_class": S, "weapon_system": S, "launched": B,
    "intercepted": B, "target_place": S, "scope": S, "admin1": S, "country": S,
    "latitude": F, "longitude": F, "event_date": D, "period_start": D, "period_end": D,
    "run_id": S,
}  # fmt: skip
FILE_SCHEMA = {
    "source_path": S, "size_bytes": B, "mtime_ns": B, "run_id": S, "seen_at": T,
}  # fmt: skip
ERROR_SCHEMA = {
    "run_id": S, "source_path": S, "line": I, "stage": S, "reason": S, "recorded_at": T,
}  # fmt: skip

# Fields of a Fact that make up its identity (with the article and rule).
_FACT_KEY_FIELDS = tuple(
    f.name for f in dataclasses.fields(Fact) if f.name not in ("extra", "evidence", "claimant")
)


def fact_id(fact: Fact) -> str:
    """Stable id of a fact: a hash of the article, the span, the rule and the key fields."""
    parts = [str(getattr(fact, name)) for name in _FACT_KEY_FIELDS]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


def known_article_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Ids of the articles already in the warehouse (empty when there is no raw schema)."""
    ensure_schema(con)
    rows = con.sql("select article_id from raw.articles").fetchall()
    return {row[0] for row in rows}


# A file as last read: its real path, size and modification time in nanoseconds.
FileFingerprint = tuple[str, int, int]


def file_fingerprint(path: Path) -> FileFingerprint | None:
    """What a file looks like on disk now, or None when it cannot be inspected."""
    try:
        real = os.path.realpath(path)
        stat = os.stat(real)
    except OSError:
        return None
    return real, stat.st_size, stat.st_mtime_ns


def known_file_fingerprints(con: duckdb.DuckDBPyConnection) -> set[FileFingerprint]:
    """Every (real path, size, mtime) a run has read before: such files are unchanged."""
    ensure_schema(con)
    rows = con.sql("select distinct source_path, size_bytes, mtime_ns from raw.source_files")
    return {(r[0], r[1], r[2]) for r in rows.fetchall()}


@dataclass
class RunBatch:
    """Everything one run collected, ready to load."""

    articles: list[ParsedArticle] = field(default_factory=list)
    sources: list[tuple[str, str, int | None]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    files: list[FileFingerprint] = field(default_factory=list)  # files read in full


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    files_seen: int
    records_read: int
    articles_new: int
    articles_duplicate: int
    facts_new: int
    errors: int
    duration_s: float
    status: str


def _frame(rows: Iterable[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    columns = ", ".join(frame.columns)
    con.register("_batch", frame)
    try:
        con.execute(f"insert into {table} ({columns}) select {columns} from _batch")
    finally:
        con.unregister("_batch")


class RunLoader:
    """Load one run into `raw` chunk by chunk, inside one transaction.

    `add()` inserts a chunk of the run's records (so memory stays flat however many
    articles a run holds); `finish()` records the run and commits; any exception before
    that rolls the whole run back. Articles already present are not inserted again (their
    new source paths are); with `replace_articles` their sentences and facts are replaced.
    """

    def __init__(
        self, con: duckdb.DuckDBPyConnection, *, run_id: str, replace_articles: bool = False
    ) -> None:
        ensure_schema(con)
        self.con = con
        self.run_id = run_id
        self.replace_articles = replace_articles
        self.now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.existing = {r[0] for r in con.sql("select article_id from raw.articles").fetchall()}
        self.known_sources = {
            (r[0], r[1])
            for r in con.sql("select article_id, source_path from raw.article_sources").fetchall()
        }
        self.loaded: set[str] = set()  # article ids inserted by this run
        self.records_read = self.duplicates = self.replaced = self.facts = self.errors = 0
        con.execute("begin transaction")

    def add(self, batch: RunBatch) -> None:
        """Insert a chunk: its new articles with their sentences and facts, source paths
        and errors."""
        try:
            self._add(batch)
        except BaseException:
            self.con.execute("rollback")
            raise

    def _add(self, batch: RunBatch) -> None:
        con, run_id, now = self.con, self.run_id, self.now
        new_articles: dict[str, ParsedArticle] = {}
        for article in batch.articles:
            self.records_read += 1
            known = article.article_id in self.existing and not self.replace_articles
            if article.article_id in self.loaded or article.article_id in new_articles or known:
                self.duplicates += 1
                continue
            new_articles[article.article_id] = article
        replaced = [a for a in new_articles if a in self.existing]
        self.replaced += len(replaced)
        self.loaded.update(new_articles)

        article_rows = (
            {
                "article_id": a.article_id,
                "source_file": Path(a.source_path).name,
                "source_path": a.source_path,
                "source_format": a.source_format,
                "url": a.url,
                "title": a.title,
                "outlet": a.outlet,
                "published_date": a.published_date,
                "date_source": a.date_source,
                "body": a.body,
                "n_chars": len(a.body),
                "n_sentences": len(a.sentences),
                "run_id": run_id,
                "ingested_at": now,
            }
            for a in new_articles.values()
        )
        sentence_rows = (
            {
                "article_id": a.article_id,
                "sentence_index": s.index,
                "start_char": s.start,
                "end_char": s.end,
            }
            for a in new_articles.values()
            for s in a.sentences
        )
        fact_rows: dict[str, dict] = {}
        for fact in batch.facts:
            if fact.article_id not in new_articles:
                continue
            row = {name: getattr(fact, name) for name in FACT_SCHEMA if hasattr(fact, name)}
            row["fact_id"] = fact_id(fact)
            row["run_id"] = run_id
            fact_rows.setdefault(row["fact_id"], row)
        self.facts += len(fact_rows)

        source_rows = []
        for article_id, source_path, record_index in batch.sources:
            path = source_path if record_index is None else f"{source_path}#{record_index}"
            if (article_id, path) in self.known_sources:
                continue
            self.known_sources.add((article_id, path))
            source_rows.append(
                {
                    "article_id": article_id,
                    "source_path": path,
                    "source_file": Path(source_path).name,
                    "record_index": record_index,
                    "run_id": run_id,
                    "seen_at": now,
                }
            )
        self.errors += len(batch.errors)
        error_rows = (
            {
                "run_id": run_id,
                "source_path": e.source_path,
                "line": e.line,
                "stage": e.stage,
                "reason": e.reason,
                "recorded_at": now,
            }
            for e in batch.errors
        )
        if replaced:
            ids = pl.DataFrame({"article_id": replaced}, schema={"article_id": S})
            con.register("_replaced", ids)
            for table in ("raw.facts", "raw.sentences", "raw.articles"):
                con.execute(
                    f"delete from {table} where article_id in (select article_id from _replaced)"
                )
            con.unregister("_replaced")
        _insert(con, "raw.articles", _frame(article_rows, ARTICLE_SCHEMA))
        _insert(con, "raw.sentences", _frame(sentence_rows, SENTENCE_SCHEMA))
        _insert(con, "raw.facts", _frame(fact_rows.values(), FACT_SCHEMA))
        _insert(con, "raw.article_sources", _frame(source_rows, SOURCE_SCHEMA))
        _insert(con, "raw.ingest_errors", _frame(error_rows, ERROR_SCHEMA))
        file_rows = (
            {"source_path": path, "size_bytes": size, "mtime_ns": mtime, "run_id": run_id,
             "seen_at": now}
            for path, size, mtime in batch.files
        )
        _insert(con, "raw.source_files", _frame(file_rows, FILE_SCHEMA))

    def finish(
        self, *, paths: Sequence[str], files_seen: int, started_at: dt.datetime
    ) -> RunSummary:
        """Record the run in raw.ingest_runs and commit."""
        if started_at.tzinfo:
            started_at = started_at.astimezone(dt.UTC).replace(tzinfo=None)
        finished = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        failed = self.records_read == 0
        status = "ok" if not self.errors else ("failed" if failed else "partial")
        summary = RunSummary(
            run_id=self.run_id,
            files_seen=files_seen,
            records_read=self.records_read,
            articles_new=len(self.loaded) - self.replaced,
            articles_duplicate=self.duplicates,
            facts_new=self.facts,
            errors=self.errors,
            duration_s=(finished - started_at).total_seconds(),
            status=status,
        )
        try:
            self.con.execute(
                "insert into raw.ingest_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    self.run_id,
                    started_at,
                    finished,
                    list(paths),
                    files_seen,
                    summary.records_read,
                    summary.articles_new,
                    summary.articles_duplicate,
                    summary.facts_new,
                    summary.errors,
                    summary.duration_s,
                    status,
                ],
            )
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
        return summary


def load_run(
    con: duckdb.DuckDBPyConnection,
    batch: RunBatch,
    *,
    run_id: str,
    paths: Sequence[str],
    files_seen: int,
    started_at: dt.datetime,
    replace_articles: bool = False,
) -> RunSummary:
    """Insert a whole run's batch in one transaction and record the run."""
    loader = RunLoader(con, run_id=run_id, replace_articles=replace_articles)
    loader.add(batch)
    return loader.finish(paths=paths, files_seen=files_seen, started_at=started_at)
