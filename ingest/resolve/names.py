"""Name normalisation shared by the region and place resolvers.

`place_key` is the transliteration-tolerant key both resolvers match on. For Latin text it
is the consonant skeleton of the scorer (`../shared/eval/score.py`, `skeleton`): accents
folded, generic words ("village of") dropped, spelling clusters that differ between
Russian, Ukrainian and English romanisations merged (kh/h, zh/z, ts/ch/c, sh/shch, g/h),
vowels dropped, doubled letters collapsed, and a trailing '_' when the name ends in a
vowel. Cyrillic is romanised first, so "Курахове" and "Kurakhovo" share a key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = frozenset("'’ʼ`‘´ʹ")
GENERIC_WORDS = frozenset(
    {"village", "town", "city", "settlement", "of", "the", "oblast", "region", "district", "raion"}
)
# Replaced in one left-to-right pass, longest first; 'j' is dropped afterwards.
CLUSTERS = {
    "shch": "s",
    "sch": "s",
    "kh": "h",
    "zh": "z",
    "ts": "c",
    "tz": "c",
    "ch": "c",
    "sh": "s",
    "g": "h",
    "w": "v",
}
_CLUSTER_RE = re.compile("|".join(CLUSTERS))
_VOWELS = frozenset("aeiouy")
_REPEATS_RE = re.compile(r"(.)\1+")
_NON_LETTERS_RE = re.compile(r"[^a-z]+")

# Cyrillic -> Latin for keys only (vowels vanish from the key, so и/і/ы need not differ).
_CYRILLIC_KEY = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "e",
        "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    }
)  # fmt: skip

# Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010).
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia",
}  # fmt: skip
RUSSIAN_ONLY_LETTERS = frozenset("ыэёъ")
UKRAINIAN_LETTERS = frozenset("іїєґ")


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def fold(text: str) -> str:
    """Lower-case, accents folded (NFKD, combining marks dropped), apostrophes removed."""
    if text.isascii():
        # NFKD leaves ASCII as it is and no ASCII character is a combining mark, so only the
        # ASCII apostrophes need removing (the same result as below, without a per-character
        # loop; most text is plain ASCII).
        return text.lower().replace("'", "").replace("`", "")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        c for c in decomposed.lower() if not unicodedata.combining(c) and c not in APOSTROPHES
    )


@lru_cache(maxsize=65536)
def lookup_form(text: str) -> str:
    """Exact-lookup form: folded, hyphens and runs of spaces as one space, 'st.' as 'saint'."""
    folded = fold(text).replace("-", " ").replace(".", " ")
    words = folded.split()
    if words and words[0] == "st":
        words[0] = "saint"
    return " ".join(words)


def romanise_key(text: str) -> str:
    """Cyrillic letters romanised (lower-case, for keys); other characters kept."""
    return text.lower().translate(_CYRILLIC_KEY)


def romanise_ukrainian(text: str) -> str:
    """Ukrainian Cyrillic in the national romanisation ("Кривий Ріг" -> "Kryvyi Rih")."""
    out: list[str] = []
    word_start = True
    lowered = text.replace("зг", "zgh").replace("Зг", "Zgh")
    for char in lowered:
        low = char.lower()
        if char in APOSTROPHES:
            continue
        if low in _UK:
            latin = _UK_INITIAL[low] if word_start and low in _UK_INITIAL else _UK[low]
            out.append(latin.capitalize() if char != low and latin else latin)
            word_start = False
        else:
            out.append(char)
            word_start = not char.isalpha()
    return "".join(out)


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """Transliteration-tolerant key of a place name ("" for a name with no letters).

    Kharkov ~ Kharkiv ~ Харків, Avdeyevka ~ Avdiivka ~ Avdiïvka, "the village of Uspenovka" ~
    Uspenivka; Pokrovsk != Pokrovske (final vowel marked by '_').
    """
    text = romanise_key(name) if has_cyrillic(name) else name
    words = [w for w in _NON_LETTERS_RE.split(fold(text)) if w and w not in GENERIC_WORDS]
    letters = "".join(_CLUSTER_RE.sub(lambda m: CLUSTERS[m.group()], w) for w in words)
    letters = letters.replace("j", "")
    consonants = _REPEATS_RE.sub(r"\1", "".join(c for c in letters if c not in _VOWELS))
    if not consonants:
        return lookup_form(name)
    return consonants + ("_" if letters[-1] in _VOWELS else "")


_MATCH_VOWELS_RE = re.compile(r"[aeiouyj]+")


@lru_cache(maxsize=65536)
def match_key(name: str) -> str:
    """A finer key than `place_key`: the same consonant skeleton, with each run of vowels
    kept as one 'a', so Toretsk != Troitsk and Krynky != Ukrainka while Kurakhovo ~
    Kurakhove, Avdeyevka ~ Avdiivka, Zaporozhye ~ Zaporizhzhia and Kupyansk ~ Kupiansk."""
    text = romanise_key(name) if has_cyrillic(name) else name
    words = [w for w in _NON_LETTERS_RE.split(fold(text)) if w and w not in GENERIC_WORDS]
    letters = "".join(_CLUSTER_RE.sub(lambda m: CLUSTERS[m.group()], w) for w in words)
    if not letters:
        return lookup_form(name)
    return _REPEATS_RE.sub(r"\1", _MATCH_VOWELS_RE.sub("a", letters))
