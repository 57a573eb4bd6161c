"""One `dbt build` over the hand-written raw schema of dbt_fixture.py, shared by the session.

The warehouse is built as `warehouse.duckdb.building` and renamed to `warehouse.duckdb`,
as the CLI's atomic build does, so the tests also catch views that name the catalog of
the file they were built in.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from dbt_fixture import Warehouse, copy_project, create_raw, invoke_dbt


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Warehouse]:
    root = tmp_path_factory.mktemp("dbt")
    project_dir = copy_project(root)
    building = root / "warehouse.duckdb.building"
    create_raw(building)
    result = invoke_dbt(["build"], building, project_dir)
    live = root / "warehouse.duckdb"
    os.replace(building, live)
    yield Warehouse(live, result, project_dir)
