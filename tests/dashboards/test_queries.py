"""The dashboard's SQL against a warehouse file, and the console's safety on its own."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from dashboards.lib import db, queries
from dashboards.lib.queries import FactFilter

D = dt.date


def run(path: Path, query: queries.Query) -> pl.DataFrame:
    con = db.connect_readonly(path)  # the app's configuration: the app may hold the file open
    try:
        return con.sql(query.sql, params=query.params).pl()
    finally:
        con.close()


def schema_of(path: Path) -> queries.Schema:
    rows = run(path, queries.schema()).iter_rows()
    out: dict[str, set[str]] = {}
    for schema_name, table, column in rows:
        out.setdefault(table if schema_name == "main" else f"{schema_name}.{table}", set()).add(
            column
        )
    return {k: frozenset(v) for k, v in out.items()}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        pytest.param(FactFilter(), 27, id="everything"),
        pytest.param(FactFilter(regions=("Kherson",)), 2, id="region"),
        pytest.param(FactFilter(sides=("none",)), 3, id="outlet-voice"),
        pytest.param(FactFilter(sides=("RU", "other")), 12, id="two-sides"),
        pytest.param(FactFilter(fact_types=("strike",)), 7, id="type"),
        pytest.param(FactFilter(start=D(2024, 12, 1)), 7, id="from"),
        pytest.param(FactFilter(start=D(2024, 3, 2), end=D(2024, 3, 3)), 4, id="window"),
        pytest.param(
            FactFilter(
                start=D(2024, 1, 1),
                regions=("Donetsk",),
                sides=("RU",),
                fact_types=("territorial",),
            ),
            4,
            id="all-filters",
        ),
    ],
)
def test_all_facts_filters(synthetic_db: Path, flt: FactFilter, expected: int) -> None:
    facts = run(synthetic_db, queries.all_facts(schema_of(synthetic_db), flt))
    assert facts.height == expected
    assert facts["summary"].null_count() == 0 and facts["evidence"].null_count() == 0


@pytest.mark.parametrize(
    ("needle", "outlets", "expected"),
    [
        pytest.param("", (), 7, id="all"),
        pytest.param("avdiivka", (), 1, id="text-case-insensitive"),
        pytest.param("%", (), 0, id="percent-is-literal"),
        pytest.param(".*", (), 0, id="regex-characters-are-literal"),
        pytest.param("AVDIIVKA", (), 1, id="upper-case"),
        pytest.param("zz(", (), 0, id="lone-parenthesis"),
        pytest.param("\\", (), 0, id="backslash"),
        pytest.param("", ("TASS",), 1, id="outlet"),
        pytest.param("'; drop table dim_articles; --", (), 0, id="quote-is-bound"),
    ],
)
def test_search_articles(synthetic_db: Path, needle: str, outlets: tuple, expected: int) -> None:
    sch = schema_of(synthetic_db)
    found = run(synthetic_db, queries.search_articles(sch, needle, outlets, FactFilter()))
    assert found.height == expected


@pytest.mark.parametrize("needle", ["(", ")", ".", "-", "Avdiivka", "ukraine", "[1]", "a.m."])
def test_search_matches_like_a_plain_substring_test(synthetic_db: Path, needle: str) -> None:
    """The regex search finds exactly the articles a case-insensitive substring test finds."""
    sch = schema_of(synthetic_db)
    found = run(synthetic_db, queries.search_articles(sch, needle, (), FactFilter()))
    every = run(synthetic_db, queries.search_articles(sch, "", (), FactFilter()))
    expected = {
        row["article_id"]
        for row in every.iter_rows(named=True)
        if needle.lower() in (row["title"] or "").lower() or needle.lower() in (row["body"] or "").lower()
    }
    assert set(found["article_id"]) == expected


def test_queries_survive_missing_optional_columns(synthetic_db: Path, tmp_path: Path) -> None:
    """A mart with only the contract's columns (no report/event date, no spans) still works."""
    path = tmp_path / "lean.duckdb"
    shutil.copy(synthetic_db, path)
    con = duckdb.connect(str(path))
    for table in queries.FACT_TABLES.values():
        for column in (
            "event_date",
            "published_date",
            "span_start",
            "span_end",
            "sentence_index",
            "rule_id",
        ):
            con.execute(f"alter table {table} drop column {column}")
    con.close()
    sch = schema_of(path)
    facts = run(path, queries.all_facts(sch, FactFilter(start=D(2024, 12, 20))))
    # dated by the article's publication date now: the seven facts of the 20 December article
    assert facts.height == 7
    assert facts["span_start"].null_count() == facts.height
    one = run(path, queries.article_facts(sch, facts["article_id"][0]))
    assert one.height > 0


def test_missing_mart_is_named(synthetic_db: Path) -> None:
    sch = {k: v for k, v in schema_of(synthetic_db).items() if k != "fct_strikes"}
    with pytest.raises(queries.MissingMart, match="fct_strikes"):
        queries.facts(sch, "strike", FactFilter())


_FACT_COLS = frozenset({"claim_id", "claim_event_id"})
_FLAGGED = _FACT_COLS | {queries.FIRST_REPORT}


@pytest.mark.parametrize(
    ("tables", "fact_type", "expected_where", "expects_window"),
    [
        pytest.param(dict.fromkeys(queries.FACT_TABLES.values(), _FLAGGED), None,
                     f"and {queries.FIRST_REPORT}", False, id="listing-all-flagged"),
        pytest.param({**dict.fromkeys(queries.FACT_TABLES.values(), _FLAGGED),
                      queries.FACT_TABLES["strike"]: _FACT_COLS}, None, "", True,
                     id="listing-one-unflagged-falls-back"),
        pytest.param({queries.FACT_TABLES["casualties"]: _FLAGGED}, "casualties",
                     f"and {queries.FIRST_REPORT}", False, id="one-type-flagged"),
        pytest.param({queries.FACT_TABLES["casualties"]: _FACT_COLS}, "casualties", "", True,
                     id="one-type-unflagged-window"),
        pytest.param({queries.FACT_TABLES["casualties"]: frozenset({"claim_id"})}, "casualties",
                     "", False, id="no-event-id-no-dedupe"),
    ],
)  # fmt: skip
def test_one_per_event_uses_the_build_time_flag_when_every_mart_has_it(
    tables: dict[str, frozenset[str]],
    fact_type: str | None,
    expected_where: str,
    expects_window: bool,
) -> None:
    where, qualify = queries._one_per_event(tables, fact_type)
    assert where == expected_where
    assert ("row_number()" in qualify) is expects_window
