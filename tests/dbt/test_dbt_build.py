"""`dbt build` over the hand-written raw schema of conftest.py: the marts, their contract
columns, and the rules the intermediate models implement."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import duckdb
import pytest
from dbt_fixture import ARTICLE_SOURCES, FACTS, Warehouse, copy_project, create_raw, invoke_dbt

REPO_ROOT = Path(__file__).resolve().parents[2]
SCORER = REPO_ROOT.parent / "shared" / "eval" / "score.py"

# The public interface (docs/ARCHITECTURE.md, dbt/models/marts/_marts__models.yml).
CLAIMANT = ["claimant", "claimant_side"]
COMMON_TAIL = [
    "evidence", "rule_id", "published_date", "report_date", "event_date", "period_start",
    "period_end", "sentence_index", "span_start", "span_end", "source_file", "claim_event_id",
    "is_first_report",
]  # fmt: skip
MART_COLUMNS = {
    "fct_territorial_claims": [
        "claim_id", "article_id", "actor_side", "place_name", "area_km2", "admin1", "country",
        "latitude", "longitude", *CLAIMANT, "status", "scope", *COMMON_TAIL,
    ],
    "fct_casualties": [
        "claim_id", "article_id", "victim_side", "victim_kind", "category", "quantity",
        "qualifier", "scope", "admin1", "country", "latitude", "longitude", *CLAIMANT,
        *COMMON_TAIL,
    ],
    "fct_equipment_losses": [
        "claim_id", "article_id", "victim_side", "equipment_class", "quantity", "qualifier",
        "scope", "admin1", "country", "latitude", "longitude", *CLAIMANT, *COMMON_TAIL,
    ],
    "fct_strikes": [
        "claim_id", "article_id", "attacker_side", "weapon_class", "weapon_system", "launched",
        "intercepted", "qualifier", "target_place", "admin1", "country", "latitude",
        "longitude", "scope", *CLAIMANT, *COMMON_TAIL,
    ],
    "dim_articles": [
        "article_id", "source_file", "source_files", "source_paths", "first_source_file",
        "n_source_files", "source_format", "outlet", "title", "published_date", "date_source",
        "url", "body", "n_chars", "n_sentences", "n_facts", "n_territorial_claims", "n_casualty_claims",
        "n_equipment_claims", "n_strike_claims", "run_id", "ingested_at",
    ],
    "dim_regions": [
        "region_name", "country", "iso_code", "geonames_admin1", "region_type", "latitude",
        "longitude", "aliases", "alias_list",
    ],
    "agg_daily_region": [
        "report_date", "admin1", "region_label", "country", "territorial_claims",
        "places_claimed", "casualty_claims", "killed", "wounded", "killed_or_wounded",
        "captured", "missing", "equipment_claims", "equipment_lost", "strikes", "launched",
        "intercepted", "claims_not_summed",
    ],
    "fct_claim_events": [
        "claim_event_id", "claim_type", "claimant_side", "actor_side", "place_name", "area_km2",
        "victim_side", "victim_kind", "category", "equipment_class", "quantity",
        "attacker_side", "weapon_class", "weapon_system", "launched", "intercepted",
        "target_place", "scope", "admin1", "country", "latest_status", "n_reports",
        "n_articles", "n_outlets", "first_reported_date", "last_reported_date",
        "first_claim_id", "claim_ids",
    ],
    "fct_place_control_history": [
        "place_name", "claim_event_id", "event_sequence", "admin1", "country", "actor_side",
        "previous_actor_side", "is_change_of_control", "claimant_side", "status",
        "first_reported_date", "last_reported_date", "next_reported_date", "n_reports",
        "n_outlets", "entry_kind", "state_after",
    ],
    "dim_places": [
        "place_name", "admin1", "country", "latitude", "longitude", "controlling_side",
        "control_status", "control_claimant_side", "control_claim_event_id",
        "control_reported_date", "first_reported_date", "last_reported_date",
        "n_claim_events", "n_reports", "actor_sides", "is_contested", "control_state",
    ],
    "fct_cumulative_series": [
        "series_id", "claim_type", "claimant_side", "claimant", "victim_side",
        "category_or_class", "measure", "report_date", "cumulative_total", "previous_total",
        "previous_report_date", "daily_change", "is_revision", "n_facts",
    ],
}  # fmt: skip
FACT_TABLE_TYPES = {
    "fct_territorial_claims": "territorial",
    "fct_casualties": "casualties",
    "fct_equipment_losses": "equipment",
    "fct_strikes": "strike",
}


def test_build_succeeds_with_every_node_passing(warehouse: Warehouse) -> None:
    assert warehouse.result.exception is None
    statuses = {r.node.unique_id: str(r.status) for r in warehouse.result.result.results}
    failing = {
        node: status for node, status in statuses.items() if status not in {"success", "pass"}
    }
    assert failing == {}
    assert warehouse.result.success


@pytest.mark.parametrize(
    ("resource_type", "at_least"),
    [("seed", 1), ("model", 23), ("test", 25), ("unit_test", 5)],
    ids=["seeds", "models", "data-tests", "unit-tests"],
)
def test_build_ran_every_kind_of_node(
    warehouse: Warehouse, resource_type: str, at_least: int
) -> None:
    ran = [r for r in warehouse.result.result.results if r.node.resource_type == resource_type]
    assert len(ran) >= at_least


@pytest.mark.parametrize("table", list(MART_COLUMNS), ids=list(MART_COLUMNS))
def test_mart_is_a_table_in_main_with_the_contract_columns(
    warehouse: Warehouse, table: str
) -> None:
    rows = warehouse.query(
        "select column_name from information_schema.columns"
        " where table_schema = 'main' and table_name = ? order by ordinal_position",
        [table],
    )
    assert [name for (name,) in rows] == MART_COLUMNS[table]
    kinds = warehouse.query(
        "select table_type from information_schema.tables where table_schema = 'main'"
        " and table_name = ?",
        [table],
    )
    assert kinds == [("BASE TABLE",)]
    # unqualified, as the console and the scorer query it
    warehouse.query(f"select * from {table} limit 1")


# Single-row rules are enforced constraints of the marts (not data tests): every row is
# checked as it is written, incremental builds included.
ENFORCED_CHECKS = {
    "fct_territorial_claims": ["actor_side IN", "status IN", "country IN", "area_km2 >= 0"],
    "fct_casualties": ["victim_side IN", "category IN", "qualifier IN", "quantity >= 0"],
    "fct_equipment_losses": ["victim_side IN", "equipment_class IN", "quantity >= 0"],
    "fct_strikes": ["attacker_side IN", "weapon_class IN", "launched >= 0", "intercepted >= 0"],
    "fct_claim_events": ["claim_type IN", "n_reports >= 0"],
    "agg_daily_region": ["killed >= 0", "launched >= 0"],
}


@pytest.mark.parametrize("table", list(ENFORCED_CHECKS), ids=list(ENFORCED_CHECKS))
def test_single_row_rules_are_enforced_constraints(warehouse: Warehouse, table: str) -> None:
    (ddl,) = warehouse.query(
        "select sql from duckdb_tables() where schema_name = 'main' and table_name = ?", [table]
    )[0]
    for check in ENFORCED_CHECKS[table]:
        assert f"CHECK(({check}" in ddl, check


def test_a_code_outside_its_list_fails_the_build_naming_table_and_column(
    tmp_path: Path,
) -> None:
    project_dir = copy_project(tmp_path)
    db = tmp_path / "bad.duckdb"
    create_raw(db)
    con = duckdb.connect(str(db))
    try:
        changed = con.execute(
            "update raw.facts set victim_side = 'Russia' where fact_type = 'casualties'"
            " returning fact_id"
        ).fetchall()
    finally:
        con.close()
    assert changed
    result = invoke_dbt(["build"], db, project_dir)
    assert not result.success
    errors = {r.node.name: r.message for r in result.result.results if str(r.status) == "error"}
    assert "fct_casualties" in errors
    assert "CHECK constraint failed" in errors["fct_casualties"]
    assert "victim_side IN ('RU', 'UA', 'other')" in errors["fct_casualties"]


@pytest.mark.parametrize("table", list(FACT_TABLE_TYPES), ids=list(FACT_TABLE_TYPES))
def test_fact_table_holds_every_fact_of_its_type_with_claim_id_the_fact_id(
    warehouse: Warehouse, table: str
) -> None:
    expected = sorted(f["fact_id"] for f in FACTS if f["fact_type"] == FACT_TABLE_TYPES[table])
    rows = warehouse.query(f"select claim_id from {table} order by claim_id")
    assert [claim_id for (claim_id,) in rows] == expected


@pytest.mark.parametrize(
    ("table", "claim_id", "report_date"),
    [
        ("fct_casualties", "f-cas-killed", "2024-12-19"),  # event_date
        ("fct_strikes", "f-strike-period", "2024-05-31"),  # period_end
        ("fct_territorial_claims", "f-terr-kurakhove", "2024-12-20"),  # published_date
        ("fct_strikes", "f-strike-undated", None),  # nothing dated
    ],
    ids=["event-date", "period-end", "published-date", "undated"],
)
def test_report_date_rule(
    warehouse: Warehouse, table: str, claim_id: str, report_date: str | None
) -> None:
    (value,) = warehouse.query(
        f"select cast(report_date as varchar) from {table} where claim_id = ?", [claim_id]
    )[0]
    assert value == report_date


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("killed_or_wounded", 1_500),  # not 781,500: the cumulative 780,000 stays out
        ("equipment_lost", 10),  # not 9,710
        ("casualty_claims", 2),  # both claims are still counted
        ("claims_not_summed", 2),
    ],
    ids=["casualty-sum", "equipment-sum", "claims-counted", "claims-not-summed"],
)
def test_daily_figures_leave_out_cumulative_totals(
    warehouse: Warehouse, column: str, expected: int
) -> None:
    rows = warehouse.query(
        f"select {column} from agg_daily_region"
        " where report_date = date '2024-12-21' and admin1 is null"
    )
    assert rows == [(expected,)]


def test_daily_sums_are_bigint_not_hugeint(warehouse: Warehouse) -> None:
    rows = warehouse.query(
        "select column_name, data_type from information_schema.columns"
        " where table_schema = 'main' and table_name = 'agg_daily_region'"
        " and column_name not in ('report_date', 'admin1', 'region_label', 'country')"
    )
    assert rows
    assert {data_type for _, data_type in rows} == {"BIGINT"}


@pytest.mark.parametrize(
    ("report_date", "admin1", "country"),
    [
        ("2024-05-31", "Belgorod", "RU"),  # the strike gave no country: the region's
        ("2024-12-19", None, "UA"),  # a claim with no region is its own row
        ("2024-12-19", "Kharkiv", "UA"),
    ],
    ids=["country-from-region", "no-region", "region"],
)
def test_daily_rows_by_region(
    warehouse: Warehouse, report_date: str, admin1: str | None, country: str
) -> None:
    rows = warehouse.query(
        "select country from agg_daily_region where report_date = cast(? as date)"
        " and admin1 is not distinct from ?",
        [report_date, admin1],
    )
    assert rows == [(country,)]


def test_undated_claims_are_left_out_of_the_daily_table(warehouse: Warehouse) -> None:
    assert warehouse.query("select count(*) from agg_daily_region where report_date is null") == [
        (0,)
    ]
    assert warehouse.query("select count(*) from agg_daily_region where admin1 = 'Odesa'") == [(0,)]


def test_dim_articles_lists_every_file_name_of_an_article(warehouse: Warehouse) -> None:
    expected = {
        article_id: [file for a, _, file, _ in ARTICLE_SOURCES if a == article_id]
        for article_id, *_ in ARTICLE_SOURCES
    }
    rows = warehouse.query("select article_id, source_file, first_source_file from dim_articles")
    assert {article_id: files for article_id, files, _ in rows} == expected
    assert {article_id: first for article_id, _, first in rows} == {
        article_id: files[0] for article_id, files in expected.items()
    }
    (data_type,) = warehouse.query(
        "select data_type from information_schema.columns where table_schema = 'main'"
        " and table_name = 'dim_articles' and column_name = 'source_file'"
    )[0]
    assert data_type == "VARCHAR[]"


def test_views_survive_the_warehouse_file_being_renamed(warehouse: Warehouse) -> None:
    # built as warehouse.duckdb.building, read as warehouse.duckdb (conftest)
    rows = warehouse.query("select count(*) from intermediate.int_facts__dated")
    assert rows == [(len(FACTS),)]


@pytest.mark.skipif(not SCORER.exists(), reason="the client's scorer (../shared/eval) is absent")
def test_scorer_reads_the_warehouse_under_both_file_names(warehouse: Warehouse) -> None:
    import duckdb

    spec = importlib.util.spec_from_file_location("frontline_score", SCORER)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    con = duckdb.connect(str(warehouse.path), read_only=True)
    try:
        articles, facts = score.read_warehouse(con)
    finally:
        con.close()
    assert [a for a, _ in articles["000_kurakhove.txt"]] == ["a000000000000001"]
    assert [a for a, _ in articles["kurakhove_copy.txt"]] == ["a000000000000001"]
    assert len(facts["casualties"]["a000000000000002"]) == 2


def test_docs_generate_works_offline(warehouse: Warehouse) -> None:
    result = invoke_dbt(["docs", "generate"], warehouse.path, warehouse.project_dir)
    assert result.success, result.exception
    catalog = json.loads((warehouse.project_dir / "target" / "catalog.json").read_text())
    assert "model.frontline.fct_strikes" in catalog["nodes"]
    assert (warehouse.project_dir / "target" / "index.html").stat().st_size > 0


def test_one_capture_reported_twice_within_the_window_is_one_claim_event(
    warehouse: Warehouse,
) -> None:
    rows = warehouse.query(
        "select claim_id, claim_event_id from fct_territorial_claims"
        " where place_name = 'Kurakhove' order by report_date"
    )
    (first, first_event), (again, again_event), (retaken, retaken_event) = rows
    assert (first, again, retaken) == (
        "f-terr-kurakhove",
        "f-terr-kurakhove-again",
        "f-terr-kurakhove-retaken",
    )
    assert first_event == again_event != retaken_event
    event = warehouse.query(
        "select n_reports, n_articles, n_outlets, cast(first_reported_date as varchar),"
        " cast(last_reported_date as varchar), latest_status, claim_ids"
        " from fct_claim_events where claim_event_id = ?",
        [first_event],
    )
    assert event == [
        (2, 2, 2, "2024-12-20", "2024-12-22", "confirmed", [first, again]),
    ]


def test_every_fact_is_in_exactly_one_claim_event(warehouse: Warehouse) -> None:
    assert warehouse.query("select sum(n_reports) from fct_claim_events") == [(len(FACTS),)]


def test_place_control_history_marks_the_change_of_control(warehouse: Warehouse) -> None:
    rows = warehouse.query(
        "select event_sequence, actor_side, previous_actor_side, is_change_of_control,"
        " n_reports from fct_place_control_history where place_name = 'Kurakhove'"
        " order by event_sequence"
    )
    assert rows == [(1, "RU", None, False, 2), (2, "UA", "RU", True, 1)]


def test_dim_places_holds_the_latest_claimed_state(warehouse: Warehouse) -> None:
    rows = warehouse.query(
        "select place_name, admin1, controlling_side, control_status,"
        " cast(control_reported_date as varchar), n_claim_events, actor_sides, is_contested"
        " from dim_places"
    )
    assert rows == [
        ("Kurakhove", "Donetsk", "UA", "claimed", "2025-01-10", 2, ["RU", "UA"], True),
    ]
