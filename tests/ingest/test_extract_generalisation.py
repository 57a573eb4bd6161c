"""Fixes found by the probe2 held-out measurement (tests/fixtures/probe2): one sentence or
short passage per general failure, with the fact fields it must (or must not) yield."""

from __future__ import annotations

import pytest

from ingest.extract import extract_facts
from ingest.models import Fact, ParsedArticle
from ingest.parse.sentences import split_sentences


def make_doc(text: str) -> ParsedArticle:
    return ParsedArticle(article_id="t", source_path="t.txt", source_format="txt", body=text,
                         sentences=split_sentences(text), published_date=None)


def facts_of(text: str, kind: str) -> list[Fact]:
    return [f for f in extract_facts(make_doc(text)) if f.fact_type == kind]


def pick(facts: list[Fact], fields: tuple[str, ...]) -> list[tuple[object, ...]]:
    return sorted((tuple(getattr(f, n) for n in fields) for f in facts), key=repr)


# (id, text, fact type, fields, expected tuples)
CASES = [
    ("unit-destroying-russian-kit-is-ukrainian",
     'According to the 47th Mechanized Brigade "Magura", its drone operators destroyed three '
     "tanks and nine armored vehicles, killing 27 Russian soldiers.",
     "equipment", ("claimant_side", "victim_side", "equipment_class", "quantity"),
     [("UA", "RU", "armored_vehicle", 9), ("UA", "RU", "tank", 3)]),
    ("quote-closed-by-the-summary-says",
     "Russian forces repelled four counterattacks, the Russian Defence Ministry said in its "
     "daily summary.\n\nKyiv has not commented on the report.\n\n"
     '"In the course of the fighting, the enemy lost up to 310 servicemen and two tanks," '
     "the summary says.",
     "equipment", ("claimant_side", "victim_side", "equipment_class", "quantity"),
     [("RU", "UA", "tank", 2)]),
    ("including-a-named-model-is-no-extra-count",
     "The enemy lost up to 445 troops, three armored combat vehicles, including a US-made M113 "
     "armored personnel carrier, and five motor vehicles, the Russian Defense Ministry said.",
     "equipment", ("equipment_class", "quantity"),
     [("armored_vehicle", 3), ("vehicle", 5)]),
    ("count-without-noun-shares-previous-side",
     "Zelenskyy told NBC that more than 46,000 Ukrainian soldiers had been killed and about "
     "380,000 wounded since the full-scale invasion began.",
     "casualties", ("victim_side", "victim_kind", "category", "quantity", "admin1"),
     [("UA", "military", "killed", 46000, None), ("UA", "military", "wounded", 380000, None)]),
    ("rate-per-day-is-no-count",
     "Russia lost 1,500 to 1,700 soldiers a day in December, according to Ukrainian estimates.",
     "casualties", ("quantity",), []),
    ("taken-to-hospital-is-no-capture",
     "Serhiy Lysak, head of the Dnipropetrovsk regional administration, said 61 people had been "
     "injured, 40 of whom were taken to hospital.",
     "territorial", ("place_name",), []),
    ("country-wide-toll-takes-no-region",
     "- The governor of Russia's Bryansk region said 12 drones had been destroyed.\n\n"
     "- The UN said at least 12,300 civilians had been killed in Ukraine since February 2022.",
     "casualties", ("victim_side", "quantity", "admin1"), [("UA", 12300, None)]),
    ("bullet-takes-no-region-from-bullet-before",
     "- Russian shelling killed three civilians in Kostiantynivka, the governor said.\n\n"
     "- Ukraine's General Staff says 1,520 Russian soldiers were killed or wounded since "
     "January.",
     "casualties", ("quantity", "admin1"), [(3, "Donetsk"), (1520, None)]),
    ("mlrs-and-artillery-attacks-are-counts",
     "Eleven MLRS attacks hit Huliaipole and Bilenke, while 137 artillery strikes targeted "
     "Orikhiv and Mala Tokmachka, Zaporizhzhia governor Ivan Fedorov said.",
     "strike", ("weapon_class", "launched", "admin1"),
     [("artillery", 137, "Zaporizhzhia"), ("rocket", 11, "Zaporizhzhia")]),
    ("places-listed-in-one-region-give-the-region",
     "Some 256 drones of various modifications attacked Huliaipole, Mala Tokmachka and Orikhiv, "
     "Ukrainian regional governor Ivan Fedorov said.",
     "strike", ("weapon_class", "launched", "target_place", "admin1"),
     [("drone", 256, None, "Zaporizhzhia")]),
]


@pytest.mark.parametrize(("text", "kind", "fields", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_generalisation_fix(text: str, kind: str, fields: tuple[str, ...],
                            expected: list[tuple[object, ...]]) -> None:
    assert pick(facts_of(text, kind), fields) == sorted(expected, key=repr)


# Territorial status: "fighting was continuing in the town" disputes the town claimed just
# before, and no square-kilometre claim.
STATUS_CASES = [
    ("was-continuing-disputes-the-town",
     "The ISW said Russian troops had seized Selydove. Ukraine's General Staff said on Tuesday "
     "that fighting was continuing in the town.",
     {"Selydove": "disputed"}),
    ("the-town-does-not-answer-an-area-claim",
     "Russian forces have gained roughly 478 square kilometres in October, the ISW said. "
     "Ukraine's General Staff said that fighting was continuing in the town.",
     {None: "claimed"}),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in STATUS_CASES],
                         ids=[c[0] for c in STATUS_CASES])
def test_status_generalisation(text: str, expected: dict[str | None, str]) -> None:
    got = {f.place_name: f.status for f in facts_of(text, "territorial")}
    assert got == expected


TASS_NOVOTROITSKOYE = (
    "MOSCOW, December 28. /TASS/. Units of the Battlegroup Center have liberated the "
    "settlement of Novotroitskoye in the Donetsk People's Republic over the past day, the "
    "Russian Defense Ministry reported.\n\n"
    '"In the course of decisive actions, units of the Battlegroup Center liberated the '
    'settlement of Novotroitskoye," the ministry said. Ukrainian losses in the area amounted '
    "to up to 445 troops and five motor vehicles, it added.")

# (id, text, fact type, fields, expected tuples)
REGION_CASES = [
    ("russian-spelling-in-dpr-is-not-stavropol", TASS_NOVOTROITSKOYE, "casualties",
     ("quantity", "admin1"), [(445, "Donetsk")]),
    ("russian-spelling-capture-in-dpr", TASS_NOVOTROITSKOYE, "territorial",
     ("admin1", "country"), [("Donetsk", "UA")]),
]


@pytest.mark.parametrize(("text", "kind", "fields", "expected"),
                         [case[1:] for case in REGION_CASES],
                         ids=[case[0] for case in REGION_CASES])
def test_region_of_namesakes(text: str, kind: str, fields: tuple[str, ...],
                             expected: list[tuple[object, ...]]) -> None:
    assert pick(facts_of(text, kind), fields) == expected


# (id, text, anchor, article hint, expected admin1)
WHERE_CASES = [
    ("deep-russia-namesake-without-hint-is-dropped",
     "Units liberated the settlement of Novotroitskoye, the ministry said.", None, None, None),
    ("deep-russia-namesake-takes-article-hint",
     "Units liberated the settlement of Novotroitskoye, the ministry said.", None, "Donetsk",
     "Donetsk"),
    ("small-village-does-not-override-town",
     "Robotyne and Kramatorsk came under fire overnight.", 0, None, "Donetsk"),
    ("small-village-alone-still-names-region",
     "Robotyne came under fire overnight.", 0, None, "Zaporizhzhia"),
    ("explicit-region-beats-place",
     "Novotroitskoye in the Donetsk People's Republic was liberated.", None, None, "Donetsk"),
]


@pytest.mark.parametrize(("text", "anchor", "hint", "admin1"),
                         [case[1:] for case in WHERE_CASES],
                         ids=[case[0] for case in WHERE_CASES])
def test_where_in_namesakes_and_sizes(text: str, anchor: int | None, hint: str | None,
                                      admin1: str | None) -> None:
    from ingest.extract.context import where_in

    assert where_in(text, anchor, hint).admin1 == admin1


# (id, text, sentence index, expected article region)
ARTICLE_REGION_CASES = [
    ("same-sentence-first",
     "Shelling hit the Kharkiv region. Strikes hit the Sumy region and towns.", 1, "Sumy"),
    ("most-recent-before",
     "Shelling hit the Kharkiv region. Then the Sumy region. Units advanced.", 2, "Sumy"),
    ("first-after-when-none-before",
     "Units advanced. Fighting went on in the Kursk region.", 0, "Kursk"),
    ("none-named", "Units advanced. Fighting went on.", 0, None),
]


@pytest.mark.parametrize(("text", "index", "admin1"),
                         [case[1:] for case in ARTICLE_REGION_CASES],
                         ids=[case[0] for case in ARTICLE_REGION_CASES])
def test_article_region(text: str, index: int, admin1: str | None) -> None:
    from ingest.extract.context import article_region

    assert article_region(make_doc(text), index).admin1 == admin1


def test_article_region_on_demand_matches_a_search_in_any_order() -> None:
    """Worked out on demand, in any order of asking, it is the search from each sentence."""
    from ingest.extract.context import _article_region_slow, article_region

    text = ("Units advanced. Fighting went on. Shelling hit the Kharkiv region. Units held. "
            "Then the Sumy region and the Kursk region. Units advanced. Drones flew.")
    n = len(make_doc(text).sentences)
    for order in (range(n), range(n - 1, -1, -1), [3, 0, 6, 1, 5, 2, 4]):
        doc = make_doc(text)
        for i in order:
            assert article_region(doc, i) == _article_region_slow(doc, i + 1)
        assert article_region(doc, n) == _article_region_slow(doc, n + 1)
