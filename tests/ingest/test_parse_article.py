"""ingest.parse.parse_article: title, outlet, body, and the seeds + dev corpora."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.models import RawArticle
from ingest.parse import parse_article
from ingest.parse.outlets import canonical_outlet, find_outlet
from ingest.read import article_id, read_file

CORPUS = Path(__file__).resolve().parents[2] / "../shared/corpus"
BODY = "Russia launched 40 drones at Kyiv overnight, the air force said on Tuesday."
DATE_ACCURACY_TARGET = 0.95
PROBE = Path(__file__).resolve().parents[1] / "fixtures" / "probe"
# the probe's styles (wire datelines, dated titles) were added after it: reached 15/15,
# 10/15 before; the floor allows one miss
PROBE_DATE_ACCURACY_TARGET = 0.93
PROBE2 = Path(__file__).resolve().parents[1] / "fixtures" / "probe2"
# probe2 was 7/10 before the label/weekday date-time rules, 9/10 after; the miss left is a
# TASS dateline without a year ("MOSCOW, December 28. /TASS/") in an article with no full
# date to pin the year, where None is the intended answer
PROBE2_DATE_ACCURACY_TARGET = 0.9


def _raw(text: str, **meta: str) -> RawArticle:
    return RawArticle(text=text, source_path="/x/a.txt", source_format="txt", **meta)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(
            f"Russia claims new gains in eastern Ukraine\n\n{BODY}",
            "Russia claims new gains in eastern Ukraine",
            id="headline",
        ),
        pytest.param(
            f"War\n\nRussia's war losses in Ukraine – General Staff\n\n{BODY}",
            "Russia's war losses in Ukraine – General Staff",
            id="after-label",
        ),
        pytest.param(
            f"30.1 C\nThursday, June 20, 2024\n\nMoscow outlines territorial gains\n\n{BODY}",
            "Moscow outlines territorial gains",
            id="after-weather",
        ),
        pytest.param(f"{BODY}\n\nSubheading further down", None, id="prose-first"),
        pytest.param(f"23.11.2024 08:01\n\n{BODY}", None, id="date-line-first"),
    ],
)
def test_title(text: str, title: str | None) -> None:
    assert parse_article(_raw(text)).title == title


def test_metadata_wins() -> None:
    raw = _raw(
        f"Some headline in the text\n\n{BODY}",
        title="Meta title",
        outlet="Reuters News",
        published="2024-01-02",
        url="https://e.org/a",
    )
    doc = parse_article(raw)
    assert (doc.title, doc.outlet, doc.published_date, doc.date_source, doc.url) == (
        "Meta title",
        "Reuters",
        dt.date(2024, 1, 2),
        "metadata",
        "https://e.org/a",
    )


@pytest.mark.parametrize(
    ("lines", "outlet", "rule"),
    [
        pytest.param(
            ["MOSCOW, August 24. /TASS/. Units of Russia's Battlegroup Center..."],
            "TASS",
            "slash_agency",
            id="tass",
        ),
        pytest.param(
            ["KYIV, Nov 26 (Reuters) - Russia sent 188 drones"],
            "Reuters",
            "dateline_paren_agency",
            id="reuters",
        ),
        pytest.param(
            ["KYIV, Ukraine (AP) — Ukrainian troops have recaptured"],
            "AP",
            "dateline_paren_agency",
            id="ap",
        ),
        pytest.param(
            ["Kyiv (AFP) – Russia fired dozens of missiles"],
            "AFP",
            "dateline_paren_agency",
            id="afp",
        ),
        pytest.param(
            ["The General Staff posted the figures, Ukrinform reports."],
            "Ukrinform",
            "outlet_reports",
            id="reports",
        ),
        pytest.param(
            ["Title", "By Olha Danylenko and Mark Ellison, CNN"],
            "CNN",
            "byline_outlet",
            id="byline",
        ),
        pytest.param(
            ["Body text.", "SOURCE: AL JAZEERA AND NEWS AGENCIES"],
            "Al Jazeera",
            "source_line",
            id="source",
        ),
        pytest.param(
            ["Body text.", "Copyright 2024, Reuters News"],
            "Reuters",
            "copyright_line",
            id="copyright",
        ),
        pytest.param(
            ["Title", "", "The Moscow Times", "Body."],
            "The Moscow Times",
            "outlet_line",
            id="name-line",
        ),
        pytest.param(
            ["MOSCOW: Russia has claimed the capture of Kurakhove."],
            None,
            None,
            id="place-colon-is-not-outlet",
        ),
        pytest.param(
            ["Caption of a photo.", "via REUTERS"], None, None, id="photo-credit-is-not-outlet"
        ),
    ],
)
def test_find_outlet(lines: list[str], outlet: str | None, rule: str | None) -> None:
    assert find_outlet(lines) == (outlet, rule)


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Associated Press", "AP"),
        ("reuters news", "Reuters"),
        ("  Some Paper  ", "Some Paper"),
        ("", None),
    ],
)
def test_canonical_outlet(name: str, canonical: str | None) -> None:
    assert canonical_outlet(name) == canonical


def test_body_and_ids() -> None:
    text = f" date 2024-12-20 {BODY}\n\n{BODY}\n\nLatest Videos"
    doc = parse_article(_raw(text))
    assert doc.body == BODY
    assert doc.article_id == article_id(text)
    assert doc.published_date == dt.date(2024, 12, 20)
    assert [s.text for s in doc.sentences] == [BODY]


# --- the client's corpora (skipped when ../shared/corpus is absent) --------------------

CHROME_LINES = frozenset(
    {
        "Latest Videos",
        "Read more",
        "Read more:",
        "Read also:",
        "source site-39",
        "Most Popular Articles",
        "Most popular",
        "MOST READ",
        "Latest news",
        "To watch on video",
        "REUTERS",
        "via REUTERS",
        "AP",
        "Getty Images",
        "Russian army losses. Photo: illustrative",
        "30.1 C",
        "24.1 C",
        "Thursday, June 20, 2024",
        "Saturday, March 9, 2024",
        "Share",
        "Save",
        "Share this article",
        "Trending",
        "More on this story",
        "14 comments",
        "Topics",
    }
)


def _gold() -> list[tuple[Path, dict]]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    rows = []
    for part in ("seeds", "dev"):
        gold = CORPUS / part / "gold.jsonl"
        if not gold.exists():
            continue
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                rows.append((CORPUS / part / record["article"], record))
    if not rows:
        pytest.skip("no gold files in ../shared/corpus")
    return rows


def _date_ok(got: dt.date | None, record: dict) -> bool:
    value = got.isoformat() if got else None
    return value == record["published_date"] or value in (record.get("published_date_alt") or [])


def test_corpus_date_accuracy() -> None:
    rows = _gold()
    misses = []
    for path, record in rows:
        (raw,), errors = read_file(path)
        assert errors == []
        doc = parse_article(raw)
        if not _date_ok(doc.published_date, record):
            misses.append((path.name, doc.published_date, record["published_date"]))
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= DATE_ACCURACY_TARGET, f"date accuracy {accuracy:.3f}; misses: {misses}"


def _probe_misses(folder: Path) -> tuple[int, list[tuple[str, dt.date | None, str]]]:
    records = [
        json.loads(line)
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    misses = []
    for record in records:
        (raw,), errors = read_file(folder / record["article"])
        assert errors == []
        doc = parse_article(raw)
        if not _date_ok(doc.published_date, record):
            misses.append((record["article"], doc.published_date, record["published_date"]))
    return len(records), misses


@pytest.mark.parametrize(
    ("folder", "target"),
    [
        pytest.param(PROBE, PROBE_DATE_ACCURACY_TARGET, id="probe"),
        pytest.param(PROBE2, PROBE2_DATE_ACCURACY_TARGET, id="probe2"),
    ],
)
def test_probe_date_accuracy(folder: Path, target: float) -> None:
    total, misses = _probe_misses(folder)
    accuracy = 1 - len(misses) / total
    assert accuracy >= target, f"accuracy {accuracy:.3f}; misses: {misses}"


def test_probe2_date_accuracy() -> None:
    """The probe2 misses are exactly the year-less TASS dateline, which must stay None."""
    _, misses = _probe_misses(PROBE2)
    assert misses == [("q10_tass_novotroitske.txt", None, "2024-12-28")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            f"Kursk governor: missile attack damages homes\n\nTASS\nKURSK, January 8, 2025\n\n{BODY}",
            dt.date(2025, 1, 8),
            id="wire-dateline-line",
        ),
        pytest.param(
            f"Russian Offensive Campaign Assessment, November 28, 2024\n\n{BODY}",
            dt.date(2024, 11, 28),
            id="dated-title",
        ),
        pytest.param(
            f"Drones hit Kyiv overnight\n\n{BODY} Analysts said on December 6, 2024, it fell.",
            None,
            id="story-sentence-date",
        ),
        pytest.param(
            f"Defence Ministry reports repelling counterattacks\n\n"
            f"Kommersant, 10.02.2025, 12:47 (translated from Russian)\n\n{BODY}",
            dt.date(2025, 2, 10),
            id="outlet-date-time-line",
        ),
        pytest.param(
            f"At least 18 killed in missile strike\n\nSky News\n"
            f"Friday 4 April 2025 20:15, UK\n\n{BODY}",
            dt.date(2025, 4, 4),
            id="weekday-date-time-zone-line",
        ),
        pytest.param(
            f"Russian troops liberate Novotroitskoye\n\nMOSCOW, December 28. /TASS/. {BODY}",
            None,
            id="yearless-tass-dateline-no-pinning-date",
        ),
    ],
)
def test_parse_article_dates(text: str, expected: dt.date | None) -> None:
    doc = parse_article(_raw(text))
    assert (doc.published_date, doc.date_source) == (
        expected,
        "date_line" if expected else None,
    )


def test_corpus_bodies_have_no_chrome_and_exact_offsets() -> None:
    for path, _ in _gold():
        (raw,), _ = read_file(path)
        doc = parse_article(raw)
        lines = [line.strip() for line in doc.body.split("\n") if line.strip()]
        assert not CHROME_LINES & set(lines), (path.name, CHROME_LINES & set(lines))
        assert len(lines) == len(set(lines)), f"{path.name}: a line is repeated"
        assert not doc.body.startswith(" date ")
        assert doc.sentences, path.name
        for s in doc.sentences:
            assert doc.body[s.start : s.end] == s.text
            assert s.text == s.text.strip() and s.text


@pytest.mark.parametrize(
    ("article", "kept"),
    [
        pytest.param(
            "000_66ffe869e0ac6b01.txt",
            "Russia, Ukraine exchange missile attacks",
            id="000-subheading",
        ),
        pytest.param(
            "004_dd2113f5f7d29a02.txt",
            "A building in Kherson was left heavily damaged",
            id="004-caption-once",
        ),
        pytest.param("d02_general_staff_losses.txt", "tanks – 9,419 (+20)", id="d02-tally"),
        pytest.param(
            "d09_blog_krasnoarmeysk.txt",
            "Numbers from Friday's weekly summary",
            id="d09-subheading",
        ),
    ],
)
def test_corpus_content_is_kept(article: str, kept: str) -> None:
    paths = [path for path, record in _gold() if record["article"] == article]
    if not paths:
        pytest.skip(f"{article} not in the corpus")
    (raw,), _ = read_file(paths[0])
    body = parse_article(raw).body
    assert body.count(kept) == 1
