"""Page building blocks: loading with clear messages, tables and charts with CSV downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import duckdb
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from dashboards.lib import db, queries
from dashboards.lib.queries import MissingMart, Query, Schema
from ingest.warehouse import ConsoleResult

# Columns that make a row traceable to its words, shown at the end of every fact table.
TRACE_COLUMNS: tuple[str, ...] = (
    "evidence",
    "article_id",
    "article_title",
    "article_outlet",
    "claimant",
    "rule_id",
    "claim_id",
)


def schema_or_stop() -> Schema:
    """The warehouse's tables and columns; stops the page with a message when there is none."""
    path = db.db_path()
    try:
        rows = db.fetch(queries.schema())
    except db.WarehouseMissing:
        st.warning(
            f"No warehouse found at `{path}`. Build one with the pipeline "
            "(`frontline ingest …`), or point `FRONTLINE_DB` at a warehouse file."
        )
        st.stop()
    except (db.WarehouseUnavailable, duckdb.Error) as exc:
        st.error(f"Could not open the warehouse at `{path}`: {exc}")
        st.stop()
    sch: dict[str, set[str]] = {}
    for schema_name, table, column in rows.iter_rows():
        name = table if schema_name == "main" else f"{schema_name}.{table}"
        sch.setdefault(name, set()).add(column)
    result = {k: frozenset(v) for k, v in sch.items()}
    if not any(m in result for m in queries.MARTS):
        st.info(
            f"The warehouse at `{path}` has no marts yet. Run the pipeline "
            "(ingest, then `dbt build`) to fill it."
        )
        st.stop()
    return result


def load(build: Callable[..., Query | None], *args: object) -> pl.DataFrame | None:
    """Build a query and run it; on a missing mart or a query error say so and return None."""
    try:
        query = build(*args)
        if query is None:
            return None
        return db.fetch(query)
    except MissingMart as exc:
        st.warning(
            f"The warehouse has no `{exc}` mart yet, so this part is empty. "
            "Run `dbt build` to create it."
        )
    except duckdb.Error as exc:
        st.error(f"The query failed: {exc}")
    return None


def present(df: pl.DataFrame, columns: Sequence[str]) -> list[str]:
    """The columns of `columns` the frame actually has, in that order, without repeats."""
    return list(dict.fromkeys(c for c in columns if c in df.columns))


def to_csv(df: pl.DataFrame) -> bytes:
    """CSV bytes; list and struct columns become text so every mart column exports."""
    flat = df.with_columns(
        [
            pl.col(name).cast(pl.List(pl.String)).list.join("; ")
            if isinstance(dtype, pl.List)
            else pl.col(name).cast(pl.String)
            for name, dtype in df.schema.items()
            if isinstance(dtype, pl.List | pl.Struct | pl.Array)
        ]
    )
    return flat.write_csv().encode("utf-8")


def download(df: pl.DataFrame, name: str, label: str = "Download CSV") -> None:
    st.download_button(
        label,
        data=to_csv(df),
        file_name=f"frontline_{name}.csv",
        mime="text/csv",
        key=f"download_{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def table(
    df: pl.DataFrame,
    name: str,
    columns: Sequence[str] | None = None,
    total: int | None = None,
    noun: str = "claims",
) -> None:
    """A table (chosen columns, then evidence and article ids) with its CSV download.

    `total`: how many rows the filters match when `df` holds only the latest of them; the
    caption says so, and that the CSV holds the rows shown."""
    shown = df.select(present(df, [*(columns or df.columns), *TRACE_COLUMNS])) if columns else df
    dates = {
        c: st.column_config.DateColumn(format="YYYY-MM-DD")
        for c, dtype in shown.schema.items()
        if dtype == pl.Date
    }
    if total is not None and total > df.height:
        st.caption(
            f"Showing the latest {df.height:,} of {total:,} {noun}; narrow the filters to see "
            "the others, or query them in the SQL console. The CSV holds the rows shown."
        )
    st.dataframe(shown, hide_index=True, key=f"table_{name}", column_config=dates)
    download(
        shown, name, "Download CSV (rows shown)" if total and total > df.height else "Download CSV"
    )


def count(build: Callable[..., Query], *args: object) -> int | None:
    """The `n` of a count query, or None when it cannot be run (the page says why)."""
    frame = load(build, *args)
    return None if frame is None or frame.is_empty() else int(frame["n"][0])


def chart(fig: go.Figure, data: pl.DataFrame, name: str) -> None:
    """A Plotly chart with the CSV of the data drawn in it."""
    st.plotly_chart(fig, key=f"chart_{name}", config={"displaylogo": False})
    download(data, name, "Download chart data (CSV)")


def last_refreshed(sch: Schema) -> None:
    runs = load(queries.last_refresh, sch)
    if runs is not None and runs.height:
        finished, status = runs.row(0)
        st.caption(f"Warehouse last refreshed {finished:%Y-%m-%d %H:%M} UTC (run {status}).")


def console_frame(result: ConsoleResult) -> pl.DataFrame:
    """A Polars frame from a console result; repeated column names get a suffix (x, x_1)."""
    seen: dict[str, int] = {}
    names = []
    for name in result.columns:
        n = seen.get(name, 0)
        seen[name] = n + 1
        names.append(name if n == 0 else f"{name}_{n}")
    return pl.DataFrame(
        {name: [row[i] for row in result.rows] for i, name in enumerate(names)}, strict=False
    )
