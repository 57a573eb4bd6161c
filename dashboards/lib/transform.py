"""Pure Polars shaping of mart rows for the pages and charts (no Streamlit, no SQL).

Counting rules:
- Loss charts add up `event` and `period` facts on the date they were reported; `cumulative`
  facts (running totals since the start of the war) are never added to them: they are a
  series of their own, the largest figure reported per day.
- An interception rate uses only facts that state both a launched and an intercepted count,
  and is always shown with those counts.
- By default a claim counts once however many articles report it: facts are reduced to one
  row per claim event (`claim_event_id`, the earliest report) before anything is counted
  or summed; the sidebar switch "Count every report" keeps every report.
- Running totals come from `fct_cumulative_series` when the warehouse has it: one value
  per series and date; a downward revision is marked, its change left empty (never a
  negative loss).
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboards.lib.queries import NO_SIDE

GRAINS: dict[str, str] = {"day": "1d", "week": "1w", "month": "1mo"}
CUMULATIVE = "cumulative"


def _col(df: pl.DataFrame, name: str, dtype: pl.DataType) -> pl.Expr:
    """The column when the frame has it, else a typed null (marts may lag the contract)."""
    return pl.col(name) if name in df.columns else pl.lit(None, dtype=dtype).alias(name)


def with_side(df: pl.DataFrame) -> pl.DataFrame:
    """Add `side`: the claimant side with NULL spelled out as "none" (the outlet's voice)."""
    return df.with_columns(_col(df, "claimant_side", pl.String()).fill_null(NO_SIDE).alias("side"))


def bucket(df: pl.DataFrame, grain: str) -> pl.DataFrame:
    """Add `period`: fact_date truncated to a day, week (Monday) or month. Undated rows drop."""
    return df.filter(pl.col("fact_date").is_not_null()).with_columns(
        pl.col("fact_date").cast(pl.Date).dt.truncate(GRAINS[grain]).alias("period")
    )


def split_scope(df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(event and period facts, cumulative facts)."""
    is_cumulative = _col(df, "scope", pl.String()).fill_null("") == CUMULATIVE
    return df.filter(~is_cumulative), df.filter(is_cumulative)


def loss_series(df: pl.DataFrame, grain: str, split: str) -> pl.DataFrame:
    """Sum of non-cumulative quantities per period, claimant side and `split` value."""
    flow, _ = split_scope(with_side(df))
    return (
        bucket(flow, grain)
        .with_columns(pl.col(split).fill_null("unknown").cast(pl.String))
        .group_by("period", "side", split)
        .agg(
            pl.col("quantity").sum().cast(pl.Int64).alias("quantity"),
            pl.len().alias("claims"),
        )
        .sort("period", "side", split)
    )


def cumulative_series(df: pl.DataFrame, split: str) -> pl.DataFrame:
    """Running totals as reported: the largest cumulative figure per day, side and split."""
    _, running = split_scope(with_side(df))
    return (
        running.filter(pl.col("fact_date").is_not_null())
        .with_columns(pl.col(split).fill_null("unknown").cast(pl.String))
        .group_by("fact_date", "side", "victim_side", split)
        .agg(pl.col("quantity").max().cast(pl.Int64).alias("quantity"), pl.len().alias("claims"))
        .sort("fact_date", "side", split)
    )


def strike_series(df: pl.DataFrame, grain: str, split: str) -> pl.DataFrame:
    """Launched and intercepted per period and split (non-cumulative facts only)."""
    flow, _ = split_scope(df)
    return (
        bucket(flow, grain)
        .with_columns(pl.col(split).fill_null("unknown").cast(pl.String))
        .group_by("period", split)
        .agg(
            pl.col("launched").sum().cast(pl.Int64).alias("launched"),
            pl.col("intercepted").sum().cast(pl.Int64).alias("intercepted"),
            pl.len().alias("strikes"),
        )
        .sort("period", split)
    )


def interception(df: pl.DataFrame, by: str | None = None) -> pl.DataFrame:
    """Interception rate per `by` (or overall) with the counts it rests on."""
    flow, _ = split_scope(df)
    both = pl.col("launched").is_not_null() & pl.col("intercepted").is_not_null()
    keys = [by] if by else []
    if by:
        flow = flow.with_columns(pl.col(by).fill_null("unknown").cast(pl.String))
    aggs = [
        pl.len().alias("strikes"),
        both.sum().cast(pl.Int64).alias("with_both_counts"),
        pl.col("launched").filter(both).sum().cast(pl.Int64).alias("launched"),
        pl.col("intercepted").filter(both).sum().cast(pl.Int64).alias("intercepted"),
    ]
    out = flow.group_by(keys).agg(aggs) if keys else flow.select(aggs)
    out = out.with_columns(
        pl.when(pl.col("launched") > 0)
        .then(pl.col("intercepted") / pl.col("launched"))
        .otherwise(None)
        .alias("interception_rate")
    )
    return out.sort("launched", descending=True, nulls_last=True) if keys else out


@dataclass(frozen=True)
class Headline:
    claims: int
    places_claimed: int
    strikes: int
    launched: int  # of strikes stating both counts
    intercepted: int
    interception_rate: float | None


def headline(
    all_facts: pl.DataFrame, territorial: pl.DataFrame | None, strikes: pl.DataFrame | None
) -> Headline:
    """Headline figures; a mart that is missing (None) counts as no facts."""
    rate = (
        interception(strikes).row(0, named=True) if strikes is not None and strikes.height else {}
    )
    places = 0
    if territorial is not None and territorial.height:
        places = territorial.select(pl.col("place_name").drop_nulls().n_unique()).item()
    return Headline(
        claims=all_facts.height,
        places_claimed=places,
        strikes=0 if strikes is None else strikes.height,
        launched=int(rate.get("launched") or 0),
        intercepted=int(rate.get("intercepted") or 0),
        interception_rate=rate.get("interception_rate"),
    )


def weekly_counts(all_facts: pl.DataFrame) -> pl.DataFrame:
    """Facts per week and type."""
    return (
        bucket(all_facts, "week")
        .group_by("period", "fact_type")
        .agg(pl.len().alias("facts"))
        .sort("period", "fact_type")
    )


def place_table(territorial: pl.DataFrame) -> pl.DataFrame:
    """One row per claimed place and gaining side: how often, by whom, with what status."""
    named = with_side(territorial).filter(pl.col("place_name").is_not_null())
    return (
        named.group_by("place_name", "actor_side")
        .agg(
            pl.col("admin1").drop_nulls().first().alias("admin1"),
            pl.col("latitude").drop_nulls().first().alias("latitude"),
            pl.col("longitude").drop_nulls().first().alias("longitude"),
            pl.len().alias("claims"),
            pl.col("article_id").n_unique().alias("articles"),
            pl.col("status").drop_nulls().unique().sort().str.join(", ").alias("statuses"),
            pl.col("side").unique().sort().str.join(", ").alias("claimant_sides"),
            pl.col("fact_date").min().alias("first_date"),
            pl.col("fact_date").max().alias("last_date"),
            pl.col("status").drop_nulls().last().alias("latest_status"),
        )
        .sort("claims", "place_name", descending=[True, False])
    )


def region_table(
    territorial: pl.DataFrame,
    casualties: pl.DataFrame,
    equipment: pl.DataFrame,
    strikes: pl.DataFrame,
    regions: pl.DataFrame,
) -> pl.DataFrame:
    """Per region: claims of each type and the non-cumulative sums they report."""

    def per_region(df: pl.DataFrame, *aggs: pl.Expr) -> pl.DataFrame:
        flow, _ = split_scope(df)
        return flow.filter(pl.col("admin1").is_not_null()).group_by("admin1").agg(*aggs)

    parts = [
        per_region(
            territorial,
            pl.len().alias("territorial_claims"),
            pl.col("place_name").drop_nulls().n_unique().alias("places_claimed"),
        ),
        per_region(
            casualties,
            pl.len().alias("casualty_claims"),
            pl.col("quantity").sum().cast(pl.Int64).alias("people_reported"),
        ),
        per_region(
            equipment,
            pl.len().alias("equipment_claims"),
            pl.col("quantity").sum().cast(pl.Int64).alias("equipment_reported"),
        ),
        per_region(
            strikes,
            pl.len().alias("strikes"),
            pl.col("launched").sum().cast(pl.Int64).alias("launched"),
            pl.col("intercepted").sum().cast(pl.Int64).alias("intercepted"),
        ),
    ]
    return join_region_parts(parts, regions)


CLAIM_COUNTS: tuple[str, ...] = (
    "territorial_claims",
    "casualty_claims",
    "equipment_claims",
    "strikes",
)


def join_region_parts(parts: list[pl.DataFrame], regions: pl.DataFrame) -> pl.DataFrame:
    """Per-region parts (admin1 and counts, one frame per fact type; from Polars or SQL)
    joined into the region table, with totals and the reference list's country."""
    if not parts:
        return pl.DataFrame(schema={"region": pl.String, "total_claims": pl.Int64})
    names = pl.concat([p.select("admin1") for p in parts]).unique()
    table = names
    for part in parts:
        table = table.join(part, on="admin1", how="left")
    count_cols = [c for c in table.columns if c != "admin1"]
    table = table.with_columns(pl.col(count_cols).fill_null(0)).with_columns(
        pl.sum_horizontal(*[c for c in CLAIM_COUNTS if c in table.columns] or [pl.lit(0)]).alias(
            "total_claims"
        )
    )
    if regions.height and {"region_name", "country"} <= set(regions.columns):
        ref = regions.select(
            pl.col("region_name").alias("admin1"),
            "country",
            *[c for c in ("iso_code",) if c in regions.columns],
        ).unique("admin1")
        table = table.join(ref, on="admin1", how="left")
    return table.rename({"admin1": "region"}).sort(
        "total_claims", "region", descending=[True, False]
    )


def one_per_claim_event(df: pl.DataFrame, count_every_report: bool = False) -> pl.DataFrame:
    """One row per claim event (the earliest report), unless every report should count.

    Rows without a claim_event_id (a mart built before claim events) each stand alone.
    """
    if count_every_report or "claim_event_id" not in df.columns or df.is_empty():
        return df
    order = [c for c in ("fact_date", "claim_id") if c in df.columns]
    ranked = df.with_row_index("_row")
    if order:
        ranked = ranked.sort([*order, "_row"], nulls_last=True)
    keyed = ranked.with_columns(
        pl.col("claim_event_id")
        .fill_null(pl.lit("row:") + pl.col("_row").cast(pl.String))
        .alias("_event")
    )
    return (
        keyed.unique("_event", keep="first", maintain_order=True)
        .sort("_row")
        .drop("_row", "_event")
    )


SERIES_LABEL_PARTS: tuple[str, ...] = (
    "claimant_side",
    "claimant",
    "victim_side",
    "category_or_class",
)


def ledger_series(series: pl.DataFrame) -> pl.DataFrame:
    """fct_cumulative_series rows with a readable `series` label and a `point` kind
    (report / revision) for the chart; totals stay as reported (never negative)."""
    parts = [
        pl.col(c).cast(pl.String).fill_null("?") for c in SERIES_LABEL_PARTS if c in series.columns
    ]
    measure = (
        pl.when(pl.col("measure") != "quantity")
        .then(pl.lit(" · ") + pl.col("measure"))
        .otherwise(pl.lit(""))
        if "measure" in series.columns
        else pl.lit("")
    )
    return series.with_columns(
        (pl.concat_str(parts, separator=" · ") + measure).alias("series"),
        pl.when(pl.col("is_revision"))
        .then(pl.lit("revision"))
        .otherwise(pl.lit("report"))
        .alias("point"),
    ).sort("series", "report_date")
