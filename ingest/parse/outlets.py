"""Outlet names: canonical names with aliases, and where a text states its outlet.

Both tables are data. `find_outlet(lines)` tries the patterns in order over the lines
of an article and returns the canonical name of the first outlet found, or None.
A place-name dateline such as "MOSCOW: ..." is not an outlet and matches nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

# canonical name -> aliases (matched case-insensitively, the canonical name included)
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters News", "Thomson Reuters"),
    "AP": ("Associated Press", "The Associated Press"),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "TASS": ("ITAR-TASS",),
    "RIA Novosti": ("RIA",),
    "Interfax": ("Interfax-Ukraine",),
    "Sputnik": ("Sputnik News",),
    "RT": ("Russia Today",),
    "Ukrinform": (),
    "UNIAN": (),
    "Ukrainska Pravda": ("Ukrainian Pravda",),
    "The Kyiv Independent": ("Kyiv Independent",),
    "Kyiv Post": ("The Kyiv Post",),
    "CNN": (),
    "BBC": ("BBC News",),
    "Al Jazeera": ("Al Jazeera English",),
    "The Moscow Times": ("Moscow Times",),
    "Stars and Stripes": (),
    "Hindustan Times": ("HT News Desk",),
    "Devdiscourse": (),
    "Meduza": (),
    "Bloomberg": (),
    "Politico": (),
    "Euronews": (),
    "France 24": ("France24",),
    "DW": ("Deutsche Welle",),
    "RFE/RL": ("Radio Free Europe/Radio Liberty", "Radio Liberty"),
    "The Guardian": ("Guardian",),
    "The New York Times": ("New York Times",),
    "The Washington Post": ("Washington Post",),
    "Anadolu Agency": ("Anadolu",),
    "Xinhua": (),
    "Kommersant": (),
    "Izvestia": (),
    "Daily Express": (),
    "Sky News": (),
    "Newsweek": (),
    "Kharkiv Today": (),
}

_ALIAS_TO_CANONICAL: dict[str, str] = {
    alias.casefold(): canonical
    for canonical, aliases in KNOWN_OUTLETS.items()
    for alias in (canonical, *aliases)
}


def canonical_outlet(name: str | None) -> str | None:
    """Canonical spelling of a known outlet; other names are returned tidied, not dropped."""
    if name is None:
        return None
    cleaned = " ".join(name.split()).strip(" .,-–—|")
    if not cleaned:
        return None
    return _ALIAS_TO_CANONICAL.get(cleaned.casefold(), cleaned)


def _known_alternation() -> str:
    spellings = {alias for c, aliases in KNOWN_OUTLETS.items() for alias in (c, *aliases)}
    names = sorted(spellings, key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@dataclass(frozen=True)
class OutletPattern:
    id: str
    pattern: re.Pattern[str]  # must have a group named `outlet`, or `fixed` is set
    fixed: str | None = None
    max_line: int = 100_000  # only lines with index below this (header patterns)
    needle: str | None = None  # lowercase text a line must contain to be tried (speed)
    max_chars: int = 400  # longer lines are prose, not a place where this pattern stands


@cache
def outlet_patterns() -> tuple[OutletPattern, ...]:
    known = _known_alternation()
    flags = re.IGNORECASE
    return (
        # "MOSCOW, August 24. /TASS/." — the agency's own slash mark
        OutletPattern(
            "slash_agency",
            re.compile(r"/(?P<outlet>TASS|ITAR-TASS)/"),
            needle="tass/",
            max_chars=100_000,
        ),
        # "KYIV, Nov 26 (Reuters) -", "Kyiv (AFP) –", "MOSCOW (Sputnik) -"
        OutletPattern(
            "dateline_paren_agency",
            re.compile(
                r"^[A-Z][A-Za-z'’.\- ]{1,40}(?:,\s*[A-Z][A-Za-z'’.\- ]{1,30})?"
                r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
                r"\((?P<outlet>[A-Z][A-Za-z/\- ]{1,30})\)\s*[-–—:]"
            ),
            needle="(",
            max_chars=100_000,
        ),
        # "Reuters | Updated: 26-11-2024 14:18 IST"
        OutletPattern(
            "outlet_pipe_header",
            re.compile(rf"^(?P<outlet>{known})\s*\|", flags),
            max_line=12,
            needle="|",
        ),
        # "..., Ukrinform reports." / "UNIAN reported"
        OutletPattern(
            "outlet_reports",
            re.compile(rf"\b(?P<outlet>{known}) report(?:s|ed)\b"),
            needle=" report",
            max_chars=100_000,
        ),
        # "By Olha Danylenko and Mark Ellison, CNN"
        OutletPattern(
            "byline_outlet",
            re.compile(rf"^By\s+[A-Z][^|]{{2,150}},\s*(?P<outlet>{known})$"),
            max_line=15,
            needle=",",
        ),
        # "SOURCE: AL JAZEERA AND NEWS AGENCIES"
        OutletPattern(
            "source_line",
            re.compile(
                r"^SOURCE\s*:\s*(?P<outlet>[A-Za-z][\w .&'-]{1,40}?)(?:\s+AND NEWS AGENCIES)?$"
            ),
        ),
        # "© 2024 AFP", "Copyright Reuters, 2025", "Copyright 2024, Reuters News"
        OutletPattern(
            "copyright_line",
            re.compile(
                rf"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{{4}},?\s*)?(?P<outlet>{known})"
                r"(?:,?\s*\d{4})?\.?$",
                flags,
            ),
        ),
        # "— AFP" at the end of a line
        OutletPattern(
            "dash_agency_end", re.compile(r"[—–]\s*(?P<outlet>AFP|Reuters|AP|TASS|Ukrinform)\s*$")
        ),
        # "from Kyiv Post", or the outlet's name alone on a line near the top
        OutletPattern("from_outlet_line", re.compile(rf"^from\s+(?P<outlet>{known})$", flags)),
        # near the top only: further down a lone "REUTERS"/"AP" is a photo credit
        OutletPattern("outlet_line", re.compile(rf"^(?P<outlet>{known})$", flags), max_line=10),
    )


@cache
def outlet_line_pattern() -> re.Pattern[str]:
    """A line that is only an outlet's name ("Ukrinform", "from Kyiv Post")."""
    return re.compile(rf"^(?:from\s+)?(?:{_known_alternation()})$", re.IGNORECASE)


def find_outlet(lines: Sequence[str]) -> tuple[str | None, str | None]:
    """(canonical outlet, id of the pattern that found it), or (None, None)."""
    stripped = [line.strip() for line in lines]
    for rule in outlet_patterns():
        for index, line in enumerate(stripped):
            if index >= rule.max_line:
                break
            if not line or len(line) > rule.max_chars:
                continue
            if rule.needle is not None and rule.needle not in line.lower():
                continue
            match = rule.pattern.search(line)
            if match:
                name = rule.fixed or match.group("outlet")
                return canonical_outlet(name), rule.id
    return None, None
