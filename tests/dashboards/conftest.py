"""Warehouses for the dashboard tests.

`synthetic_db` builds a small, realistic warehouse by hand: the marts of ARCHITECTURE.md
(schema `main`) and `raw.ingest_runs`, a few dozen facts taken from the seed articles'
annotations, and one hostile article whose text carries a <script>.

`dashboard_db` is parametrised: "synthetic" always, "pipeline" when a `warehouse` fixture
(a real warehouse built through ingest and dbt, provided by tests/conftest.py) exists; set
FRONTLINE_TEST_DB to point every dashboard test at an existing warehouse file instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

D = dt.date
SCRIPT_ARTICLE = "a0000000000000ff"
SCRIPT_TEXT = (
    "Kyiv, 3 March 2024. <script>alert('xss')</script> Ukrainian forces said they shot down "
    "12 of 14 drones launched overnight at Odesa."
)

ARTICLES = [
    # article_id, outlet, title, published_date, source files, body
    (
        "66ffe869e0ac6b01",
        "Reuters",
        "Russia says it captured two villages in Donetsk",
        D(2024, 12, 20),
        ["000_66ffe869e0ac6b01.txt"],
        "MOSCOW, Dec 20 (Reuters) - Russia's Defence Ministry said on Friday its forces had "
        "captured the villages of Novopustynka and Uspenivka in Donetsk region. "
        "The ministry said Ukraine had lost at least 2,300 troops in the area over the week. "
        "Ukraine's army said fighting continued near Novopustynka. "
        "The Institute for the Study of War confirmed Russian forces had taken Kurakhove.",
    ),
    (
        "ee6f4a7c664f7a50",
        "Al Jazeera",
        "Russia claims Pobieda; Kyiv denies",
        D(2024, 2, 22),
        ["001_ee6f4a7c664f7a50.txt", "dup/001.txt"],
        "Russia said it took Pobieda, which Ukraine denied. "
        "Russia also said it had taken Marinka and Krynky. "
        "Russian forces captured Avdiivka in February after months of fighting. "
        "Ukraine said about 60 Russian troops were killed near Krynky.",
    ),
    (
        "3876eccb055f605d",
        "Kyiv Independent",
        "Overnight drone attack on Odesa",
        D(2024, 3, 2),
        ["002_3876eccb055f605d.txt"],
        "Russia launched 31 drones and 2 missiles overnight; air defences destroyed 28 drones and "
        "both missiles, the Air Force said. Two civilians were killed in Odesa.",
    ),
    (
        "92af7fd105667066",
        "TASS",
        "Defence ministry briefing",
        D(2024, 5, 14),
        ["003_92af7fd105667066.txt"],
        "Russian air defences intercepted 6 ATACMS over Belgorod region, the ministry said. "
        "Ukraine lost up to 1,500 servicemen and 12 tanks over the past day.",
    ),
    (
        "dd2113f5f7d29a02",
        "Ukrainska Pravda",
        "General Staff: losses of the enemy",
        D(2024, 5, 15),
        ["004_dd2113f5f7d29a02.txt"],
        "The General Staff said Russia had lost about 495,070 personnel since the start of the "
        "full-scale invasion, including 1,210 over the past day, and 7,508 tanks (+8).",
    ),
    (
        "b7c1d2e3f4a5b6c7",
        "Kyiv Independent",
        "Ukraine says it liberated Robotyne",
        D(2023, 8, 28),
        ["005_robotyne.txt"],
        "Ukraine's General Staff said its forces liberated Robotyne in Zaporizhzhia region. "
        "Ukrainian troops also pushed Russian forces back from 20 square kilometres near "
        "Vovchansk in Kharkiv region.",
    ),
    (
        SCRIPT_ARTICLE,
        "Example <b>Wire</b>",
        "Odesa <script>alert(1)</script> attack",
        D(2024, 3, 3),
        ["evil.html"],
        SCRIPT_TEXT,
    ),
]

REGIONS = [
    ("Donetsk", "UA", "UA-14", "oblast", 48.0, 37.8),
    ("Kherson", "UA", "UA-65", "oblast", 46.6, 32.6),
    ("Odesa", "UA", "UA-51", "oblast", 46.5, 30.7),
    ("Kharkiv", "UA", "UA-63", "oblast", 49.99, 36.23),
    ("Zaporizhzhia", "UA", "UA-23", "oblast", 47.8, 35.2),
    ("Belgorod", "RU", "RU-BEL", "oblast", 50.6, 36.6),
    ("Kursk", "RU", "RU-KRS", "oblast", 51.7, 36.2),
    ("Rostov", "RU", "RU-ROS", "oblast", 47.2, 39.7),
]

A1, A2, A3, A4, A5, A6 = (a[0] for a in ARTICLES[:6])

TERRITORIAL = [
    # article, actor, place, area, admin1, lat, lon, claimant, side, status, date, evidence
    (
        A1,
        "RU",
        "Novopustynka",
        None,
        "Donetsk",
        47.89,
        37.25,
        "Russian Defence Ministry",
        "RU",
        "disputed",
        D(2024, 12, 20),
        ARTICLES[0][5].split(". ")[0] + ".",
    ),
    (
        A1,
        "RU",
        "Uspenivka",
        None,
        "Donetsk",
        47.85,
        37.14,
        "Russian Defence Ministry",
        "RU",
        "claimed",
        D(2024, 12, 20),
        ARTICLES[0][5].split(". ")[0] + ".",
    ),
    (
        A2,
        "RU",
        "Pobieda",
        None,
        "Donetsk",
        47.89,
        37.37,
        "Russian Defence Ministry",
        "RU",
        "disputed",
        D(2024, 2, 22),
        "Russia said it took Pobieda, which Ukraine denied.",
    ),
    (
        A2,
        "RU",
        "Avdiivka",
        None,
        "Donetsk",
        48.14,
        37.74,
        None,
        None,
        "confirmed",
        D(2024, 2, 17),
        "Russian forces captured Avdiivka in February after months of fighting.",
    ),
    (
        A2,
        "RU",
        "Marinka",
        None,
        "Donetsk",
        47.94,
        37.50,
        "Russian Defence Ministry",
        "RU",
        "claimed",
        D(2024, 1, 5),
        "Russia also said it had taken Marinka and Krynky.",
    ),
    (
        A2,
        "RU",
        "Krynky",
        None,
        "Kherson",
        46.73,
        33.09,
        "Russian Defence Ministry",
        "RU",
        "disputed",
        D(2024, 2, 21),
        "Russia also said it had taken Marinka and Krynky.",
    ),
    (
        A6,
        "UA",
        "Robotyne",
        None,
        "Zaporizhzhia",
        47.45,
        35.84,
        "Ukrainian General Staff",
        "UA",
        "confirmed",
        D(2023, 8, 28),
        ARTICLES[5][5].split(". ")[0] + ".",
    ),
    (
        A6,
        "UA",
        None,
        20.0,
        "Kharkiv",
        None,
        None,
        "Ukrainian General Staff",
        "UA",
        "claimed",
        D(2023, 8, 28),
        ARTICLES[5][5].split(". ")[1],
    ),
    (
        A1,
        "RU",
        "Kurakhove",
        None,
        "Donetsk",
        None,
        None,
        "ISW",
        "other",
        "confirmed",
        D(2024, 12, 20),
        "The Institute for the Study of War confirmed Russian forces had taken Kurakhove.",
    ),
]

CASUALTIES = [
    # article, victim_side, kind, category, qty, qualifier, scope, admin1, claimant, side, date
    (
        A1,
        "UA",
        "military",
        "killed",
        2300,
        "at_least",
        "period",
        "Donetsk",
        "Russian Defence Ministry",
        "RU",
        D(2024, 12, 20),
        "The ministry said Ukraine had lost at least 2,300 troops in the area over the week.",
    ),
    (
        A2,
        "RU",
        "military",
        "killed_or_wounded",
        60,
        "approx",
        "event",
        "Kherson",
        "Ukrainian military",
        "UA",
        D(2024, 2, 22),
        "Ukraine said about 60 Russian troops were killed near Krynky.",
    ),
    (
        A3,
        "UA",
        "civilian",
        "killed",
        2,
        "exact",
        "event",
        "Odesa",
        None,
        None,
        D(2024, 3, 2),
        "Two civilians were killed in Odesa.",
    ),
    (
        A4,
        "UA",
        "military",
        "killed_or_wounded",
        1500,
        "at_most",
        "event",
        None,
        "Russian Defence Ministry",
        "RU",
        D(2024, 5, 14),
        "Ukraine lost up to 1,500 servicemen and 12 tanks over the past day.",
    ),
    (
        A5,
        "RU",
        "military",
        "killed_or_wounded",
        495070,
        "approx",
        "cumulative",
        None,
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 15),
        ARTICLES[4][5],
    ),
    (
        A5,
        "RU",
        "military",
        "killed_or_wounded",
        1210,
        "exact",
        "event",
        None,
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 15),
        ARTICLES[4][5],
    ),
]

EQUIPMENT = [
    # article, victim_side, class, qty, qualifier, scope, admin1, claimant, side, date, evidence
    (
        A1,
        "UA",
        "tank",
        1,
        "exact",
        "period",
        "Donetsk",
        "Russian Defence Ministry",
        "RU",
        D(2024, 12, 20),
        ARTICLES[0][5].split(". ")[1] + ".",
    ),
    (
        A4,
        "UA",
        "tank",
        12,
        "exact",
        "event",
        None,
        "Russian Defence Ministry",
        "RU",
        D(2024, 5, 14),
        "Ukraine lost up to 1,500 servicemen and 12 tanks over the past day.",
    ),
    (
        A5,
        "RU",
        "tank",
        7508,
        "exact",
        "cumulative",
        None,
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 15),
        ARTICLES[4][5],
    ),
    (
        A5,
        "RU",
        "tank",
        8,
        "exact",
        "event",
        None,
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 15),
        ARTICLES[4][5],
    ),
    (
        A5,
        "RU",
        "tank",
        7400,
        "exact",
        "cumulative",
        None,
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 1),
        ARTICLES[4][5],
    ),
]

STRIKES = [
    # article, attacker, class, system, launched, intercepted, qualifier, target, admin1,
    # country, lat, lon, scope, claimant, side, date, evidence
    (
        A3,
        "RU",
        "drone",
        "Shahed",
        31,
        28,
        "exact",
        None,
        "Odesa",
        "UA",
        46.48,
        30.72,
        "event",
        "Ukrainian Air Force",
        "UA",
        D(2024, 3, 2),
        ARTICLES[2][5].split("; ")[0],
    ),
    (
        A3,
        "RU",
        "missile",
        None,
        2,
        2,
        "exact",
        None,
        "Odesa",
        "UA",
        46.48,
        30.72,
        "event",
        "Ukrainian Air Force",
        "UA",
        D(2024, 3, 2),
        ARTICLES[2][5].split("; ")[0],
    ),
    (
        A4,
        "UA",
        "ballistic_missile",
        "ATACMS",
        None,
        6,
        "exact",
        None,
        "Belgorod",
        "RU",
        50.6,
        36.6,
        "event",
        "Russian Defence Ministry",
        "RU",
        D(2024, 5, 14),
        "Russian air defences intercepted 6 ATACMS over Belgorod region, the ministry said.",
    ),
    (
        A1,
        "RU",
        "ballistic_missile",
        None,
        None,
        None,
        None,
        "Kyiv",
        "Kyiv City",
        "UA",
        50.45,
        30.52,
        "event",
        None,
        None,
        D(2024, 12, 20),
        ARTICLES[0][5].split(". ")[0] + ".",
    ),
    (
        A1,
        "UA",
        "cruise_missile",
        "Storm Shadow",
        4,
        None,
        "exact",
        None,
        "Rostov",
        "RU",
        47.2,
        39.7,
        "event",
        "Russian Defence Ministry",
        "RU",
        D(2024, 12, 20),
        ARTICLES[0][5].split(". ")[0] + ".",
    ),
    (
        SCRIPT_ARTICLE,
        "RU",
        "drone",
        None,
        14,
        12,
        "exact",
        None,
        "Odesa",
        "UA",
        46.48,
        30.72,
        "event",
        "Ukrainian forces",
        "UA",
        D(2024, 3, 3),
        "Ukrainian forces said they shot down 12 of 14 drones launched overnight at Odesa.",
    ),
    (
        A5,
        "RU",
        "cruise_missile",
        None,
        None,
        2200,
        "exact",
        None,
        None,
        None,
        None,
        None,
        "cumulative",
        "Ukrainian General Staff",
        "UA",
        D(2024, 5, 15),
        ARTICLES[4][5],
    ),
]

DDL = """
create schema if not exists raw;
create table raw.ingest_runs (
    run_id varchar, started_at timestamp, finished_at timestamp, paths varchar[],
    files_seen integer, articles_new integer, facts_new integer, errors integer,
    duration_s double, status varchar
);
create table dim_articles (
    article_id varchar primary key, source_file varchar[], outlet varchar, title varchar,
    published_date date, url varchar, n_facts integer, n_chars integer, body varchar
);
create table dim_regions (
    region_name varchar, country varchar, iso_code varchar, region_type varchar,
    latitude double, longitude double
);
create table fct_territorial_claims (
    claim_id varchar, article_id varchar, actor_side varchar, place_name varchar,
    area_km2 double, admin1 varchar, country varchar, latitude double, longitude double,
    claimant varchar, claimant_side varchar, status varchar, evidence varchar, rule_id varchar,
    published_date date, event_date date, scope varchar, sentence_index integer,
    span_start integer, span_end integer
);
create table fct_casualties (
    claim_id varchar, article_id varchar, victim_side varchar, victim_kind varchar,
    category varchar, quantity bigint, qualifier varchar, scope varchar, admin1 varchar,
    country varchar, claimant varchar, claimant_side varchar, evidence varchar, rule_id varchar,
    published_date date, event_date date, sentence_index integer, span_start integer,
    span_end integer
);
create table fct_equipment_losses (
    claim_id varchar, article_id varchar, victim_side varchar, equipment_class varchar,
    quantity bigint, qualifier varchar, scope varchar, admin1 varchar, claimant varchar,
    claimant_side varchar, evidence varchar, rule_id varchar, published_date date,
    event_date date, sentence_index integer, span_start integer, span_end integer
);
create table fct_strikes (
    claim_id varchar, article_id varchar, attacker_side varchar, weapon_class varchar,
    weapon_system varchar, launched bigint, intercepted bigint, qualifier varchar,
    target_place varchar, admin1 varchar, country varchar, latitude double, longitude double,
    scope varchar, claimant varchar, claimant_side varchar, evidence varchar, rule_id varchar,
    published_date date, event_date date, sentence_index integer, span_start integer,
    span_end integer
);
create table agg_daily_region (
    report_date date, admin1 varchar, country varchar, n_facts bigint, n_strikes bigint
);
"""


def _span(body: str, evidence: str) -> tuple[int | None, int | None]:
    at = body.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else (None, None)


def build_synthetic(path: Path) -> Path:
    """Write the synthetic warehouse to `path` (a new file) and return it."""
    bodies = {a[0]: a[5] for a in ARTICLES}
    published = {a[0]: a[3] for a in ARTICLES}
    con = duckdb.connect(str(path))
    try:
        con.execute(DDL)
        con.execute(
            "insert into raw.ingest_runs values ('run-1', '2025-01-05 10:00', "
            "'2025-01-05 10:02', ['seeds/articles'], 6, 6, 40, 0, 120.0, 'ok')"
        )
        counts: dict[str, int] = {}
        for rows in (TERRITORIAL, CASUALTIES, EQUIPMENT, STRIKES):
            for r in rows:
                counts[r[0]] = counts.get(r[0], 0) + 1
        con.executemany(
            "insert into dim_articles values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    aid,
                    files,
                    outlet,
                    title,
                    date,
                    f"https://example.org/{aid}",
                    counts.get(aid, 0),
                    len(body),
                    body,
                )
                for aid, outlet, title, date, files, body in ARTICLES
            ],
        )
        con.executemany("insert into dim_regions values (?, ?, ?, ?, ?, ?)", REGIONS)
        for i, (
            aid,
            actor,
            place,
            area,
            admin1,
            lat,
            lon,
            claimant,
            side,
            status,
            date,
            ev,
        ) in enumerate(TERRITORIAL):
            start, end = _span(bodies[aid], ev)
            con.execute(
                "insert into fct_territorial_claims values "
                "(?, ?, ?, ?, ?, ?, 'UA', ?, ?, ?, ?, ?, ?, 'territorial.capture.v1', ?, ?, "
                "'event', ?, ?, ?)",
                [
                    f"t{i:03d}",
                    aid,
                    actor,
                    place,
                    area,
                    admin1,
                    lat,
                    lon,
                    claimant,
                    side,
                    status,
                    ev,
                    published[aid],
                    date,
                    i % 3,
                    start,
                    end,
                ],
            )
        for i, (
            aid,
            vside,
            kind,
            cat,
            qty,
            qual,
            scope,
            admin1,
            claimant,
            side,
            date,
            ev,
        ) in enumerate(CASUALTIES):
            start, end = _span(bodies[aid], ev)
            con.execute(
                "insert into fct_casualties values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "'casualties.count.v1', ?, ?, ?, ?, ?)",
                [
                    f"c{i:03d}",
                    aid,
                    vside,
                    kind,
                    cat,
                    qty,
                    qual,
                    scope,
                    admin1,
                    "UA" if admin1 else None,
                    claimant,
                    side,
                    ev,
                    published[aid],
                    date,
                    i % 3,
                    start,
                    end,
                ],
            )
        for i, (aid, vside, cls, qty, qual, scope, admin1, claimant, side, date, ev) in enumerate(
            EQUIPMENT
        ):
            start, end = _span(bodies[aid], ev)
            con.execute(
                "insert into fct_equipment_losses values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "'equipment.count.v1', ?, ?, ?, ?, ?)",
                [
                    f"e{i:03d}",
                    aid,
                    vside,
                    cls,
                    qty,
                    qual,
                    scope,
                    admin1,
                    claimant,
                    side,
                    ev,
                    published[aid],
                    date,
                    i % 3,
                    start,
                    end,
                ],
            )
        for i, (
            aid,
            attacker,
            wclass,
            system,
            launched,
            intercepted,
            qual,
            target,
            admin1,
            country,
            lat,
            lon,
            scope,
            claimant,
            side,
            date,
            ev,
        ) in enumerate(STRIKES):
            start, end = _span(bodies[aid], ev)
            con.execute(
                "insert into fct_strikes values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " 'strike.count.v1', ?, ?, ?, ?, ?)",
                [
                    f"s{i:03d}",
                    aid,
                    attacker,
                    wclass,
                    system,
                    launched,
                    intercepted,
                    qual,
                    target,
                    admin1,
                    country,
                    lat,
                    lon,
                    scope,
                    claimant,
                    side,
                    ev,
                    published[aid],
                    date,
                    i % 3,
                    start,
                    end,
                ],
            )
        con.execute(
            """
            insert into agg_daily_region
            select event_date, admin1, any_value(country), count(*)::bigint,
                   count(*) filter (where src = 's')::bigint
            from (
                select event_date, admin1, country, 't' as src from fct_territorial_claims
                union all select event_date, admin1, country, 's' from fct_strikes
            )
            group by all
            """
        )
        con.execute("checkpoint")
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_synthetic(tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb")


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse file with no marts at all (pipeline never run)."""
    path = tmp_path_factory.mktemp("empty") / "warehouse.duckdb"
    duckdb.connect(str(path)).close()
    return path


@pytest.fixture(scope="session")
def no_rows_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every mart present with no rows (a run over articles with no facts)."""
    path = tmp_path_factory.mktemp("norows") / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute(DDL)
    con.close()
    return path


@pytest.fixture(params=["synthetic", "pipeline"])
def dashboard_db(request: pytest.FixtureRequest, synthetic_db: Path) -> Path:
    """A full warehouse: $FRONTLINE_TEST_DB, the synthetic one, or the pipeline-built one."""
    override = os.environ.get("FRONTLINE_TEST_DB")
    if override:
        if request.param == "pipeline":
            pytest.skip("FRONTLINE_TEST_DB is set: one warehouse only")
        return Path(override)
    if request.param == "synthetic":
        return synthetic_db
    try:
        warehouse = request.getfixturevalue("warehouse")
    except pytest.FixtureLookupError:
        pytest.skip("no `warehouse` fixture (pipeline-built warehouse) in this test session")
    return Path(getattr(warehouse, "path", warehouse))


@pytest.fixture
def script_article_id() -> str:
    """The synthetic article whose title and text carry a <script>."""
    return SCRIPT_ARTICLE


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the app at a warehouse: `use_db(path)`."""

    def point(path: Path) -> None:
        monkeypatch.setenv("FRONTLINE_DB", str(path))

    yield point
