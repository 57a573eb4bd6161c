"""ingest.parse.chrome: page chrome goes, content stays."""

from __future__ import annotations

import re

import pytest

from ingest.parse.chrome import LINE_RULES, chrome_hits, clean_body, strip_date_prefix

PARA_1 = "Russia launched 40 drones at Kyiv overnight, the air force said on Tuesday."
PARA_2 = "Air defences shot down 35 of them, officials said in a statement."


def test_rule_table_is_well_formed() -> None:
    ids = [rule.id for rule in LINE_RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)
    assert {rule.action for rule in LINE_RULES} <= {"line", "block", "to_end"}


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param("Latest Videos", id="latest-videos"),
        pytest.param("Read more", id="read-more"),
        pytest.param("Read also: Zelensky discusses air defense needs with Schoof", id="read-also"),
        pytest.param("READ MORE: Putin's war machine burning through tanks", id="read-more-caps"),
        pytest.param("source site-39", id="source-site"),
        pytest.param("Most Popular Articles", id="most-popular"),
        pytest.param("To watch on video", id="watch-video"),
        pytest.param("REUTERS", id="credit-reuters"),
        pytest.param("via REUTERS", id="credit-via-reuters"),
        pytest.param("AP", id="credit-ap"),
        pytest.param("Getty Images", id="credit-getty"),
        pytest.param("Ukrainian Presidential Press Off/UPI/Shutterstock", id="credit-shutterstock"),
        pytest.param("Russian army losses. Photo: illustrative", id="photo-illustrative"),
        pytest.param("[Photo: Russian MoD / Telegram. Servicemen in the town]", id="bracket-photo"),
        pytest.param("Facebook  X  WhatsApp  Email  Comments", id="share-bar"),
        pytest.param("Share this article", id="share-article"),
        pytest.param("KHARKIV TODAY   News   Region   Front   Economy   Culture", id="nav-bar"),
        pytest.param("WAR IN UKRAINE · BLACK SEA", id="breadcrumb"),
        pytest.param("By Tom Harding, Foreign News Reporter", id="byline"),
        pytest.param("Copyright Reuters, 2025", id="copyright"),
        pytest.param("© 2024 AFP", id="copyright-sign"),
        pytest.param("burs-ant/jc", id="afp-slug"),
        pytest.param("(Reporting by Reuters bureaux; Editing by Peter Lawson)", id="reporting"),
        pytest.param("TAGS: Krasnoarmeysk, Volchansk, weekly summary", id="tags"),
        pytest.param("Subscribe to our Telegram channel to be the first to know!", id="subscribe"),
        pytest.param(
            "Get the biggest daily stories by signing up to our newsletters", id="newsletter"
        ),
        pytest.param("SOURCE: AL JAZEERA AND NEWS AGENCIES", id="source-line"),
        pytest.param("from Kyiv Post", id="from-outlet"),
    ],
)
def test_chrome_line_is_removed(chrome: str) -> None:
    body = clean_body(f"{PARA_1}\n\n{chrome}\n\n{PARA_2}")
    assert chrome not in body.split("\n")
    assert body == f"{PARA_1}\n\n{PARA_2}"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("Russia, Ukraine exchange missile attacks", id="subheading"),
        pytest.param("By Monday, Russian troops had advanced two kilometres.", id="by-sentence"),
        pytest.param("AP reported that 12 people were killed.", id="ap-sentence"),
        pytest.param("The data are being verified.", id="short-sentence"),
        pytest.param("personnel – about 729,720 (+1,420)", id="tally-row"),
        pytest.param("Reuters could not independently verify the reports.", id="reuters-sentence"),
        pytest.param("Temperatures in the city topped 30C at the weekend.", id="temperature-text"),
        pytest.param("1. Dimitrov is now practically in a sack, with one road out.", id="numbered"),
    ],
)
def test_content_line_is_kept(content: str) -> None:
    body = clean_body(f"{PARA_1}\n\n{content}\n\n{PARA_2}")
    assert body == f"{PARA_1}\n\n{content}\n\n{PARA_2}"


@pytest.mark.parametrize(
    ("header", "links", "after"),
    [
        pytest.param(
            "Read more",
            "FILE PHOTO. Smoke rises over Shebekino, Belgorod Region.\nRussia repels new raid – MOD",
            PARA_2,
            id="read-more-mid-article",
        ),
        pytest.param(
            "Latest news",
            "08:32 Sybiha: Ukraine counts on partners\n08:17 Weather: light snow in the west",
            "",
            id="latest-news-timestamps",
        ),
        pytest.param(
            "Most popular",
            "1. Ukraine war latest: Russia claims village\n2. Explainer: the Iskander-M",
            "",
            id="numbered-list",
        ),
        pytest.param(
            "Read also:",
            "• Kharkiv pupils to keep studying underground\n• Power outage schedules",
            "",
            id="bullets",
        ),
        pytest.param(
            "14 comments",
            "Dmitry_K: Glory! Dimitrov next.\nOlga S.: Where from?",
            "",
            id="comments",
        ),
    ],
)
def test_link_blocks_are_removed(header: str, links: str, after: str) -> None:
    text = f"{PARA_1}\n\n{header}\n\n{links}\n\n{after}"
    assert clean_body(text) == "\n\n".join(p for p in (PARA_1, after) if p)


@pytest.mark.parametrize(
    ("top", "kept_first"),
    [
        pytest.param(
            "30.1 C\nThursday, June 20, 2024\n\n", "Moscow outlines gains", id="two-lines"
        ),
        pytest.param(
            "Kharkiv  ☁ +19°C   Friday, 20 September 2024   USD 41.25 | EUR 46.07\n\n",
            "Moscow outlines gains",
            id="one-line",
        ),
        pytest.param("War\n\n", "Moscow outlines gains", id="section-label"),
    ],
)
def test_top_of_page_strip(top: str, kept_first: str) -> None:
    body = clean_body(f"{top}Moscow outlines gains in Ukraine conflict\n\n{PARA_1}")
    assert body.startswith(kept_first)
    assert body.endswith(PARA_1)


def test_repeated_caption_is_kept_once() -> None:
    caption = "A building in Kherson was left heavily damaged following Sunday's shellings."
    curly = caption.replace("'", "’")
    body = clean_body(f"{PARA_1}\n\n{caption}\n{curly}\nvia REUTERS\n\n{PARA_2}")
    assert body == f"{PARA_1}\n\n{caption}\n\n{PARA_2}"


def test_short_repeated_lines_are_not_duplicates() -> None:
    text = f"{PARA_1}\n\nFighting\n\n{PARA_2}\n\nFighting\n\nMore fighting was reported later."
    assert clean_body(text).count("Fighting") == 2


@pytest.mark.parametrize(
    ("line", "date", "rest"),
    [
        pytest.param(
            " date 2024-12-20 The Russian Ministry",
            "2024-12-20",
            "The Russian Ministry",
            id="prefix",
        ),
        pytest.param(
            "The date 2024-12-20 is in text", None, "The date 2024-12-20 is in text", id="no-prefix"
        ),
    ],
)
def test_strip_date_prefix(line: str, date: str | None, rest: str) -> None:
    assert strip_date_prefix(line) == (date, rest)


def test_clean_body_drops_date_prefix() -> None:
    assert clean_body(f" date 2024-12-20 {PARA_1}\n\n{PARA_1}") == PARA_1


def test_hits_name_their_rule() -> None:
    hits = chrome_hits(["30.1 C", "Thursday, June 20, 2024", "", PARA_1, "", "Latest Videos"])
    assert [(h.line, h.rule_id) for h in hits] == [
        (0, "weather_strip"),
        (1, "weather_strip"),
        (5, "latest_videos"),
    ]
