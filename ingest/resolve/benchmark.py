"""Time the resolvers: `.venv/bin/python -m ingest.resolve.benchmark [--repeat N]`.

Prints the first load of the gazetteer from its Parquet cache (in this process, so run it
in a fresh process), and the median time per call of resolve_place (uncached and cached),
find_regions and find_places over the spellings in SAMPLE.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

SAMPLE = (
    ("Kurakhovo", None), ("Uspenivka", "Donetsk"), ("Krasnogorivka", "Donetsk"),
    ("Mariïnka", None), ("Kupyansk", None), ("Kharkov", None), ("Avdeyevka", None),
    ("Курахове", None), ("Artemovsk", None), ("Krasnoarmeysk", None), ("Kyiv", None),
    ("Robotyne", None), ("Andriivka", "Sumy"), ("Crimean Bridge", None), ("Siversk", None),
)  # fmt: skip
SENTENCE = (
    "Russian forces captured Kurakhove in the Donetsk region, while drones struck Kharkiv, "
    "the Sumy and Chernihiv regions and the Crimean Bridge, the DPR's ministry said."
)


def _median_per_call(call: Callable[[], object], calls: int, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) / calls)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    from ingest.resolve import places, regions

    imported = time.perf_counter()
    places._gazetteer()
    loaded = time.perf_counter()
    regions._table()
    regions.find_regions(SENTENCE)  # builds the region pattern and city flags
    warmed = time.perf_counter()
    print(f"import modules             {1000 * (imported - start):8.1f} ms")
    print(f"gazetteer first load       {1000 * (loaded - imported):8.1f} ms  (Parquet cache)")
    print(f"regions table + first scan {1000 * (warmed - loaded):8.1f} ms")

    def uncached() -> None:
        places.resolve_place.cache_clear()
        for name, hint in SAMPLE:
            places.resolve_place(name, hint)

    def cached() -> None:
        for name, hint in SAMPLE:
            places.resolve_place(name, hint)

    n = len(SAMPLE)
    figures = {
        "resolve_place, uncached": _median_per_call(uncached, n, args.repeat),
        "resolve_place, cached": _median_per_call(cached, n, args.repeat),
        "find_regions, one sentence": _median_per_call(
            lambda: regions.find_regions(SENTENCE), 1, args.repeat
        ),
        "find_places, one sentence": _median_per_call(
            lambda: places.find_places(SENTENCE), 1, args.repeat
        ),
    }
    for label, seconds in figures.items():
        print(f"{label:<27}{1e6 * seconds:8.1f} µs  (median of {args.repeat})")


if __name__ == "__main__":
    main()
