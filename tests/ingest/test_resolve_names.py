"""Name keys and romanisation used by the resolvers."""

from __future__ import annotations

import pytest

from ingest.resolve.names import lookup_form, romanise_ukrainian
from ingest.resolve.places import ukrainian_name

ROMANISATION = [
    ("Київ", "Kyiv"),
    ("Запоріжжя", "Zaporizhzhia"),
    ("Миколаїв", "Mykolaiv"),
    ("Кривий Ріг", "Kryvyi Rih"),
    ("Знам'янка", "Znamianka"),
    ("Згурівка", "Zghurivka"),
    ("Яготин", "Yahotyn"),
    ("Юрківка", "Yurkivka"),
    ("Єнакієве", "Yenakiieve"),
    ("Їжівка", "Yizhivka"),
    ("Щастя", "Shchastia"),
    ("Гола Пристань", "Hola Prystan"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), ROMANISATION, ids=[r[1] for r in ROMANISATION])
def test_romanise_ukrainian(cyrillic: str, latin: str) -> None:
    assert romanise_ukrainian(cyrillic) == latin


# (GeoNames name, alternate names, canonical name)
CANONICAL = [
    ("Vinnytsya", ["Вінниця", "Винница", "Вінніца"], "Vinnytsia"),
    ("Mykolayiv", ["Миколаїв", "Николаев"], "Mykolaiv"),
    ("Kryvyy Rih", ["Кривий Ріг", "Кривой Рог"], "Kryvyi Rih"),
    ("Kurakhove", ["Курахове", "Курахово"], "Kurakhove"),
    ("Makiyivka", ["Макіївка", "Макеевка"], "Makiivka"),
    ("Kupjansk", [], "Kupjansk"),  # no Cyrillic to go by: GeoNames' name stays
    ("Bakhmut", ["Артемівськ"], "Bakhmut"),  # a former name is no romanisation of the name
]


@pytest.mark.parametrize(
    ("name", "alternates", "expected"), CANONICAL, ids=[c[0] for c in CANONICAL]
)
def test_ukrainian_name(name: str, alternates: list[str], expected: str) -> None:
    assert ukrainian_name(name, alternates) == expected


@pytest.mark.parametrize(
    ("text", "form"),
    [("Rostov-on-Don", "rostov on don"), ("St. Petersburg", "saint petersburg"),
     ("Mar’inka", "marinka"), ("  Kyiv  City ", "kyiv city"), ("Avdiïvka", "avdiivka")],
    ids=["hyphens", "saint", "apostrophe", "spaces", "diaeresis"],
)  # fmt: skip
def test_lookup_form(text: str, form: str) -> None:
    assert lookup_form(text) == form
