"""A hand-written `raw` schema, and dbt run in-process over it (used by conftest.py).

The DDL below is the raw layout of docs/ARCHITECTURE.md (the contract ingest/load.py
writes to). The rows are few but cover the cases the models must get right: an article
read under two file names, an article without a publication date, a cumulative casualty
figure beside its daily increment, facts without a region, a period strike whose region
gives the country, one capture reported by two outlets two days apart (one claim event)
and retaken by the other side three weeks later (a change of control).

dbt runs on a copy of dbt/ beside the fixture's own reference CSVs (`../seeds/reference`,
the layout of the repo), so the tests do not depend on the shared seeds' contents.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from dbt.cli.main import dbtRunner, dbtRunnerResult

from ingest.dbt_runner import close_warehouse
from ingest.paths import DBT_DIR

RAW_DDL = """
create schema raw;
create table raw.articles (
    article_id varchar primary key, source_file varchar, source_path varchar,
    source_format varchar, url varchar, title varchar, outlet varchar, published_date date,
    date_source varchar, body varchar, n_chars integer, n_sentences integer, run_id varchar,
    ingested_at timestamp
);
create table raw.article_sources (
    article_id varchar, source_path varchar, source_file varchar, record_index integer,
    run_id varchar, seen_at timestamp
);
create table raw.sentences (
    article_id varchar, sentence_index integer, start_char integer, end_char integer,
    text varchar
);
create table raw.facts (
    fact_id varchar primary key, article_id varchar, fact_type varchar,
    sentence_index integer, span_start integer, span_end integer, evidence varchar,
    rule_id varchar, claimant varchar, claimant_side varchar, actor_side varchar,
    place_name varchar, area_km2 double, status varchar, victim_side varchar,
    victim_kind varchar, category varchar, equipment_class varchar, quantity bigint,
    qualifier varchar, attacker_side varchar, weapon_class varchar, weapon_system varchar,
    launched bigint, intercepted bigint, target_place varchar, scope varchar,
    admin1 varchar, country varchar, latitude double, longitude double, event_date date,
    period_start date, period_end date, run_id varchar
);
create table raw.ingest_runs (
    run_id varchar primary key, started_at timestamp, finished_at timestamp,
    paths varchar[], files_seen integer, records_read integer, articles_new integer,
    articles_duplicate integer, facts_new integer, errors integer, duration_s double,
    status varchar
);
create table raw.ingest_errors (
    run_id varchar, source_path varchar, line integer, stage varchar, reason varchar,
    recorded_at timestamp
);
"""

ARTICLES = [
    # article_id, source_file, source_path, format, published_date, outlet
    (
        "a000000000000001",
        "000_kurakhove.txt",
        "/in/000_kurakhove.txt",
        "txt",
        "2024-12-20",
        "Reuters",
    ),
    ("a000000000000002", "feed.jsonl", "/in/feed.jsonl", "jsonl", "2024-12-21", "Ukrinform"),
    ("a000000000000003", "002_undated.txt", "/in/002_undated.txt", "txt", None, None),
    ("a000000000000004", "003_ap.html", "/in/003_ap.html", "html", "2024-12-22", "AP"),
    ("a000000000000005", "004_later.txt", "/in/004_later.txt", "txt", "2025-01-10", "Reuters"),
]
ARTICLE_SOURCES = [
    # article_id, source_path, source_file, record_index
    ("a000000000000001", "/in/000_kurakhove.txt", "000_kurakhove.txt", None),
    ("a000000000000001", "/in/copies/kurakhove_copy.txt", "kurakhove_copy.txt", None),
    ("a000000000000002", "/in/feed.jsonl", "feed.jsonl", 0),
    ("a000000000000003", "/in/002_undated.txt", "002_undated.txt", None),
    ("a000000000000004", "/in/003_ap.html", "003_ap.html", None),
    ("a000000000000005", "/in/004_later.txt", "004_later.txt", None),
]
FACT_COLUMNS = (
    "fact_id", "article_id", "fact_type", "claimant_side", "actor_side", "place_name",
    "area_km2", "status", "victim_side", "victim_kind", "category", "equipment_class",
    "quantity", "qualifier", "attacker_side", "weapon_class", "weapon_system", "launched",
    "intercepted", "target_place", "scope", "admin1", "country", "event_date",
    "period_start", "period_end",
)  # fmt: skip
FACTS = [
    {"fact_id": "f-terr-kurakhove", "article_id": "a000000000000001", "fact_type": "territorial",
     "claimant_side": "RU", "actor_side": "RU", "place_name": "Kurakhove", "status": "claimed",
     "admin1": "Donetsk", "country": "UA"},
    # the same capture, claimed by the same side, reported two days later by another outlet
    {"fact_id": "f-terr-kurakhove-again", "article_id": "a000000000000004",
     "fact_type": "territorial", "claimant_side": "RU", "actor_side": "RU",
     "place_name": "Kurakhove", "status": "confirmed", "admin1": "Donetsk", "country": "UA"},
    # three weeks later the other side takes it back
    {"fact_id": "f-terr-kurakhove-retaken", "article_id": "a000000000000005",
     "fact_type": "territorial", "claimant_side": "UA", "actor_side": "UA",
     "place_name": "Kurakhove", "status": "claimed", "admin1": "Donetsk", "country": "UA"},
    {"fact_id": "f-terr-area", "article_id": "a000000000000002", "fact_type": "territorial",
     "claimant_side": "UA", "actor_side": "UA", "area_km2": 5.5, "status": "disputed"},
    {"fact_id": "f-cas-killed", "article_id": "a000000000000001", "fact_type": "casualties",
     "claimant_side": "UA", "victim_side": "UA", "victim_kind": "civilian", "category": "killed",
     "quantity": 5, "qualifier": "exact", "scope": "event", "admin1": "Kharkiv", "country": "UA",
     "event_date": "2024-12-19"},
    {"fact_id": "f-cas-wounded", "article_id": "a000000000000001", "fact_type": "casualties",
     "claimant_side": "UA", "victim_side": "UA", "victim_kind": "civilian",
     "category": "wounded", "quantity": 12, "qualifier": "at_least", "scope": "event",
     "admin1": "Kharkiv", "country": "UA", "event_date": "2024-12-19"},
    {"fact_id": "f-cas-cumulative", "article_id": "a000000000000002", "fact_type": "casualties",
     "claimant_side": "UA", "victim_side": "RU", "victim_kind": "military",
     "category": "killed_or_wounded", "quantity": 780_000, "qualifier": "approx",
     "scope": "cumulative"},
    {"fact_id": "f-cas-increment", "article_id": "a000000000000002", "fact_type": "casualties",
     "claimant_side": "UA", "victim_side": "RU", "victim_kind": "military",
     "category": "killed_or_wounded", "quantity": 1_500, "qualifier": "exact", "scope": "event"},
    {"fact_id": "f-eq-cumulative", "article_id": "a000000000000002", "fact_type": "equipment",
     "claimant_side": "UA", "victim_side": "RU", "equipment_class": "tank", "quantity": 9_700,
     "qualifier": "exact", "scope": "cumulative"},
    {"fact_id": "f-eq-increment", "article_id": "a000000000000002", "fact_type": "equipment",
     "claimant_side": "UA", "victim_side": "RU", "equipment_class": "tank", "quantity": 10,
     "qualifier": "exact", "scope": "event"},
    {"fact_id": "f-strike-drones", "article_id": "a000000000000001", "fact_type": "strike",
     "claimant_side": "UA", "attacker_side": "RU", "weapon_class": "drone",
     "weapon_system": "Shahed", "launched": 31, "intercepted": 28, "qualifier": "exact",
     "scope": "event", "country": "UA", "event_date": "2024-12-19"},
    {"fact_id": "f-strike-undated", "article_id": "a000000000000003", "fact_type": "strike",
     "claimant_side": None, "attacker_side": "RU", "weapon_class": "missile", "launched": 2,
     "intercepted": 2, "qualifier": "exact", "scope": "event", "target_place": "Odesa",
     "admin1": "Odesa", "country": "UA"},
    {"fact_id": "f-strike-period", "article_id": "a000000000000002", "fact_type": "strike",
     "claimant_side": "RU", "attacker_side": "UA", "weapon_class": "ballistic_missile",
     "weapon_system": "ATACMS", "intercepted": 50, "qualifier": "exact", "scope": "period",
     "admin1": "Belgorod", "period_start": "2024-05-01", "period_end": "2024-05-31"},
]  # fmt: skip

REFERENCE_CSVS = {
    "regions.csv": (
        "region_name,country,iso_code,geonames_admin1,region_type,latitude,longitude,aliases\n"
        "Donetsk,UA,UA-14,05,oblast,48.0,37.8,Donetsk Oblast;DPR;Donetsk People's Republic\n"
        "Kharkiv,UA,UA-63,07,oblast,49.99,36.23,Kharkov;Харків\n"
        "Odesa,UA,UA-51,18,oblast,46.48,30.72,Odessa\n"
        "Belgorod,RU,RU-BEL,09,oblast,50.6,36.6,Belgorod Oblast\n"
    ),
    "places_supplement.csv": (
        "place_name,admin1,country,latitude,longitude,aliases,note\n"
        "Robotyne,Zaporizhzhia,UA,47.45,35.84,Rabotino,village under 500 people\n"
    ),
    "weapon_systems.csv": (
        "weapon_system,weapon_class,origin_side,aliases\n"
        "Shahed,drone,RU,Shahed-136;Geran-2\nATACMS,ballistic_missile,UA,\n"
    ),
    "equipment_classes.csv": "equipment_class,description,aliases\ntank,Tanks,tanks\n",
    "claimant_aliases.csv": (
        "alias,claimant,claimant_side\n"
        "General Staff,General Staff of the Armed Forces of Ukraine,UA\n"
    ),
}


def create_raw(db_path: Path) -> None:
    """Write the raw schema and the rows above into a new DuckDB file."""
    con = duckdb.connect(str(db_path))
    try:
        con.execute(RAW_DDL)
        run = "run-1"
        for article_id, file, path, fmt, published, outlet in ARTICLES:
            con.execute(
                "insert into raw.articles values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, 1, ?, "
                "timestamp '2024-12-22 08:00:00')",
                [article_id, file, path, fmt, f"Title {article_id}", outlet, published,
                 "metadata" if published else None, "Body.", 5, run],
            )  # fmt: skip
        for article_id, path, file, record_index in ARTICLE_SOURCES:
            con.execute(
                "insert into raw.article_sources values (?, ?, ?, ?, ?, "
                "timestamp '2024-12-22 08:00:00')",
                [article_id, path, file, record_index, run],
            )
        for article_id, *_ in ARTICLES:
            con.execute("insert into raw.sentences values (?, 0, 0, 5, 'Body.')", [article_id])
        for fact in FACTS:
            values = [fact.get(column) for column in FACT_COLUMNS]
            con.execute(
                f"insert into raw.facts ({', '.join(FACT_COLUMNS)}, sentence_index, span_start,"
                " span_end, evidence, rule_id, claimant, run_id)"
                f" values ({', '.join('?' * len(FACT_COLUMNS))}, 0, 0, 5, 'Body.', 'test.rule',"
                " 'someone', ?)",
                [*values, run],
            )
        con.execute(
            "insert into raw.ingest_runs values (?, timestamp '2024-12-22 08:00:00',"
            " timestamp '2024-12-22 08:00:03', ['/in'], 4, 4, 3, 1, ?, 1, 3.0, 'ok')",
            [run, len(FACTS)],
        )
        con.execute(
            "insert into raw.ingest_errors values (?, '/in/broken.csv', 3, 'decode',"
            " 'not UTF-8 and no encoding detected', timestamp '2024-12-22 08:00:01')",
            [run],
        )
    finally:
        con.close()


def copy_project(root: Path) -> Path:
    """Copy dbt/ to root/dbt with the fixture's CSVs in root/seeds/reference; return root/dbt."""
    project_dir = root / "dbt"
    shutil.copytree(
        DBT_DIR, project_dir, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages")
    )
    seed_dir = root / "seeds" / "reference"
    seed_dir.mkdir(parents=True)
    for name, text in REFERENCE_CSVS.items():
        (seed_dir / name).write_text(text, encoding="utf-8")
    return project_dir


def invoke_dbt(args: list[str], db_path: Path, project_dir: Path) -> dbtRunnerResult:
    """Run one dbt command in-process against `db_path`; artefacts stay in project_dir."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FRONTLINE_DB_PATH", str(db_path))
        patch.setenv("DO_NOT_TRACK", "1")
        try:
            return dbtRunner().invoke(
                [
                    *args,
                    "--project-dir", str(project_dir),
                    "--profiles-dir", str(project_dir),
                    "--target-path", str(project_dir / "target"),
                    "--log-path", str(project_dir / "logs"),
                    "--no-partial-parse",
                    "--quiet",
                ]
            )  # fmt: skip
        finally:
            close_warehouse()  # the profile keeps the file open until told


@dataclass(frozen=True)
class Warehouse:
    """A warehouse built by `dbt build` from the raw rows above."""

    path: Path
    result: dbtRunnerResult
    project_dir: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


def main(repeats: int = 3) -> None:
    """Time `dbt build` in-process on the fixture: `python tests/dbt/dbt_fixture.py [N]`.

    Each repeat builds a fresh raw file; the first one also pays dbt's import and start-up.
    """
    import statistics
    import sys
    import tempfile
    import time

    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else repeats
    with tempfile.TemporaryDirectory() as tmp:
        project_dir = copy_project(Path(tmp))
        seconds = []
        for i in range(repeats):
            db_path = Path(tmp) / f"warehouse{i}.duckdb"
            create_raw(db_path)
            started = time.perf_counter()
            result = invoke_dbt(["build"], db_path, project_dir)
            seconds.append(time.perf_counter() - started)
            nodes = len(result.result.results) if result.result else 0
            print(f"build {i + 1}: {seconds[-1]:.2f} s, {nodes} nodes, success={result.success}")
    print(f"median of {repeats}: {statistics.median(seconds):.2f} s")


if __name__ == "__main__":
    main()
