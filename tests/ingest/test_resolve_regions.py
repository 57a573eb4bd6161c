"""Region resolution: canonical names, aliases, and mentions found in text."""

from __future__ import annotations

import pytest

from ingest.resolve.regions import (
    all_regions,
    equivalent_regions,
    find_regions,
    region_for_admin1,
    resolve_region,
)

RESOLVE_CASES = [
    ("Kharkov Region", "Kharkiv"),
    ("Kharkiv", "Kharkiv"),
    ("DPR", "Donetsk"),
    ("the DPR", "Donetsk"),
    ("DNR", "Donetsk"),
    ("Donetsk People's Republic", "Donetsk"),
    ("the Donetsk People’s Republic", "Donetsk"),
    ("LPR", "Luhansk"),
    ("Lugansk People's Republic", "Luhansk"),
    ("Zaporozhye", "Zaporizhzhia"),
    ("Zaporizhia Oblast", "Zaporizhzhia"),
    ("Донецкая область", "Donetsk"),
    ("Донецька область", "Donetsk"),
    ("Kyiv Oblast", "Kyiv"),
    ("Kiev region", "Kyiv"),
    ("Kyiv", "Kyiv City"),
    ("Kiev", "Kyiv City"),
    ("the city of Kyiv", "Kyiv City"),
    ("Nikolaev", "Mykolaiv"),
    ("Dnepropetrovsk region", "Dnipropetrovsk"),
    ("Odessa", "Odesa"),
    ("Kirovograd", "Kirovohrad"),
    ("Transcarpathia", "Zakarpattia"),
    ("Khmelnitsky region", "Khmelnytskyi"),
    ("Autonomous Republic of Crimea", "Crimea"),
    ("Sevastopol", "Sevastopol"),
    ("Kursk Oblast", "Kursk"),
    ("Belgorod region", "Belgorod"),
    ("Moscow region", "Moscow"),
    ("Moscow Oblast", "Moscow"),
    ("Moscow", "Moscow City"),
    ("Rostov-on-Don", "Rostov"),
    ("Krasnodar Krai", "Krasnodar"),
    ("Orel region", "Oryol"),
    ("Nizhny Novgorod region", "Nizhny Novgorod"),
    ("St. Petersburg", "Saint Petersburg"),
    ("Republic of Tatarstan", "Tatarstan"),
    ("Bashkiria", "Bashkortostan"),
    ("region of Kharkiv", "Kharkiv"),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVE_CASES, ids=[c[0] for c in RESOLVE_CASES])
def test_resolve_region(text: str, expected: str) -> None:
    region = resolve_region(text)
    assert region is not None
    assert region.name == expected


@pytest.mark.parametrize("text", ["Avdiivka", "Putin", "", "the", "regions", "NATO"])
def test_resolve_region_rejects(text: str) -> None:
    assert resolve_region(text) is None


def test_region_fields() -> None:
    donetsk = resolve_region("DPR")
    assert donetsk is not None
    assert (donetsk.country, donetsk.iso_code, donetsk.region_type) == ("UA", "UA-14", "oblast")
    crimea = resolve_region("Crimea")
    assert crimea is not None
    assert crimea.country == "UA"  # by recognised borders


def test_all_regions_has_every_ukrainian_subdivision() -> None:
    names = {r.name for r in all_regions() if r.country == "UA"}
    assert len(names) == 27
    assert {"Kyiv", "Kyiv City", "Sevastopol", "Crimea"} <= names


@pytest.mark.parametrize(
    ("country", "code", "expected"),
    [("UA", "05", "Donetsk"), ("UA", "12", "Kyiv City"), ("UA", "13", "Kyiv"),
     ("UA", "11", "Crimea"), ("RU", "41", "Kursk"), ("RU", "48", "Moscow City")],
    ids=["UA05", "UA12", "UA13", "UA11", "RU41", "RU48"],
)  # fmt: skip
def test_region_for_geonames_admin1(country: str, code: str, expected: str) -> None:
    region = region_for_admin1(country, code)
    assert region is not None and region.name == expected


def test_equivalent_regions() -> None:
    assert set(equivalent_regions("Kyiv")) == {"Kyiv", "Kyiv City"}
    assert set(equivalent_regions("Sevastopol")) == {"Sevastopol", "Crimea"}
    assert equivalent_regions("Sumy") == ("Sumy",)


# (sentence, [(mention text, region, explicit)])
FIND_CASES = [
    ("Shelling hit the Kharkiv region overnight.", [("Kharkiv region", "Kharkiv", True)]),
    ("Drones struck Kharkiv.", [("Kharkiv", "Kharkiv", False)]),
    ("Russian troops in the DPR advanced.", [("DPR", "Donetsk", True)]),
    (
        "Forces of the Donetsk People's Republic said so.",
        [("Donetsk People's Republic", "Donetsk", True)],
    ),
    ("Air defences worked over Kursk Oblast.", [("Kursk Oblast", "Kursk", True)]),
    (
        "Attacks on the Kharkiv, Sumy and Chernihiv regions continued.",
        [
            ("Kharkiv", "Kharkiv", True),
            ("Sumy", "Sumy", True),
            ("Chernihiv regions", "Chernihiv", True),
        ],
    ),
    (
        "Drones were downed over Belgorod and Bryansk regions and over Moscow.",
        [
            ("Belgorod", "Belgorod", True),
            ("Bryansk regions", "Bryansk", True),
            ("Moscow", "Moscow City", False),
        ],
    ),
    ("A missile hit Kyiv.", [("Kyiv", "Kyiv City", False)]),
    ("Shelling in the Kyiv region.", [("Kyiv region", "Kyiv", True)]),
    ("Explosions were heard in Crimea.", [("Crimea", "Crimea", True)]),
    ("Mykolaiv oblast was shelled.", [("Mykolaiv oblast", "Mykolaiv", True)]),
    ("Взрывы в Донецкая область.", [("Донецкая область", "Donetsk", True)]),
    ("The Kyiv regime is to blame, Moscow said.", [("Moscow", "Moscow City", False)]),
    ("The Kyiv Independent reported it.", []),
    ("Vladimir Putin met troops.", []),
    ("The Vladimir region was attacked.", [("Vladimir region", "Vladimir", True)]),
    ("Belgorod-Dnestrovsky was hit.", []),
    ("Zaporozhye region governor spoke.", [("Zaporozhye region", "Zaporizhzhia", True)]),
    (
        "Drones hit Tatarstan and Bashkortostan.",
        [("Tatarstan", "Tatarstan", True), ("Bashkortostan", "Bashkortostan", True)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), FIND_CASES, ids=[c[0][:40] for c in FIND_CASES])
def test_find_regions(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    mentions = find_regions(sentence)
    got = [(m.text, m.region.name, m.explicit) for m in mentions]
    assert got == expected
    for mention in mentions:
        assert sentence[mention.start : mention.end] == mention.text


def test_first_letter_grouping_matches_plain_alternation() -> None:
    import re

    from ingest.resolve.regions import _by_first_letter

    patterns = ["Kharkiv", "Kherson", "Kursk", "Donetsk People['’ʼ]?s Republic", "Donetsk", "DPR"]
    grouped = re.compile(rf"(?<![\w\-])(?:{_by_first_letter(patterns)})(?![\w]|-\w)")
    plain = re.compile(rf"(?<![\w\-])(?:{'|'.join(patterns)})(?![\w]|-\w)")
    text = "Kharkiv, Kherson and Kursk; the Donetsk People's Republic (DPR), Donetsk-based, kursk"
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert _by_first_letter(["(?:a)b", "c"]) == "(?:a)b|c"  # not a literal first letter


def test_find_regions_returns_a_fresh_list() -> None:
    text = "Shelling hit the Kharkiv region."
    first = find_regions(text)
    first.clear()
    assert [m.region.name for m in find_regions(text)] == ["Kharkiv"]
