"""Remove page chrome (navigation, share bars, related-link lists, photo credits...).

The rules are data: `LINE_RULES` is a table of compiled regexes with ids, each matched
against a whole stripped line, with an action:

- `line`   drop the matching line;
- `block`  drop the header line and the list of links under it (bullets, timestamped or
           numbered items, short headline-like lines), up to the first line of prose;
- `to_end` drop the header and everything after it (reader comments).

Three structural rules complete them: the weather/date strip at the very top of a page
(`weather_strip`), one- or two-word section labels above the headline (`section_label`),
and a line repeated verbatim, such as an image caption printed twice (`duplicate_line`:
the first copy is kept). A leading ` date YYYY-MM-DD ` prefix on the first line is cut
off by `strip_date_prefix` (the date itself is read by `ingest.parse.dates`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ingest.parse.outlets import outlet_line_pattern

Action = Literal["line", "block", "to_end"]


@dataclass(frozen=True)
class LineRule:
    id: str
    pattern: re.Pattern[str]
    action: Action


def _rule(rule_id: str, pattern: str, action: Action = "line", *, case: bool = False) -> LineRule:
    flags = 0 if case else re.IGNORECASE
    return LineRule(rule_id, re.compile(pattern, flags), action)


_CREDIT_NAMES = (
    r"REUTERS|AP|AFP|EPA|EPA-EFE|Getty Images|AFP via Getty Images|Anadolu(?: Agency)?|"
    r"TASS|Sputnik|RIA Novosti|Ukrinform|UNIAN|Shutterstock|Alamy|UPI|Bloomberg|NurPhoto|"
    r"SOPA Images|Associated Press|ZUMA Press|Pool|Handout"
)

LINE_RULES: tuple[LineRule, ...] = (
    # related-link and promo blocks
    _rule(
        "read_more_header",
        r"^(?:read (?:more|also)|see also|related(?: articles| stories| news)?)\s*:?$",
        "block",
    ),
    _rule("read_more_inline", r"^(?:read (?:more|also)|see also)\s*:\s*\S.*$"),
    _rule("latest_videos", r"^latest videos?$", "block"),
    _rule("watch_on_video", r"^to watch on video$", "block"),
    _rule(
        "popular_header",
        r"^(?:most popular(?: articles| stories| news)?|most read|trending(?: now)?|popular|"
        r"top stories|editor'?s picks|you may also like|recommended(?: for you)?|"
        r"more (?:on|from) this (?:story|topic)|more stories|latest news|latest)\s*:?$",
        "block",
    ),
    _rule("topics_header", r"^(?:topics|tags)\s*:?$", "block"),
    _rule("topics_inline", r"^(?:tags|topics|filed under)\s*:\s*\S.*$"),
    _rule(
        "comments_header",
        r"^(?:\d+\s+comments?|comments?\s*\(\d+\)|leave a comment|reader comments)$",
        "to_end",
    ),
    _rule("read_comments", r"^(?:read|show|view) comments$"),
    # scraper and syndication notes
    _rule("source_site", r"^source site-\d+$"),
    _rule("syndication_note", r"^\(this story has not been edited\b.*\)$"),
    _rule(
        "reporting_credit", r"^\((?:reporting|writing|editing|additional reporting|compiled)\b.*\)$"
    ),
    _rule("contributed_reporting", r"^.{0,120}\bcontributed (?:to )?(?:this )?report(?:ing)?\.?$"),
    _rule("afp_slug", r"^[a-z]{2,8}(?:-[a-z]{2,8})*/[a-z]{2,4}(?:/[a-z]{2,4})*$", case=True),
    _rule("copyright", r"^(?:©|\(c\)|copyright\b).{0,80}$"),
    _rule("source_agencies", r"^source\s*:\s*[A-Za-z][\w .,&/'-]{1,60}$"),
    _rule("separator", r"^(?:-{3,}|_{3,}|\*{3,}|={3,}|~{3,})$"),
    # photo credits and captions that are only a credit
    _rule(
        "photo_credit",
        rf"^(?:via\s+)?(?:{_CREDIT_NAMES})(?:\s*(?:/|via)\s*(?:{_CREDIT_NAMES}))*$",
        case=True,
    ),
    _rule(
        "photo_credit_slash", rf"^.{{0,80}}/\s*(?:{_CREDIT_NAMES}|[A-Z][\w.-]+ Photo)$", case=True
    ),
    _rule("photo_label", r"^(?:.{0,160}[.!?]\s+)?(?:photo|image|illustration)s?\s*:\s*[^.]{1,60}$"),
    _rule("bracketed_photo", r"^[\[(](?:photo|image|video|picture)\b.*[\])]$"),
    _rule("file_photo_alone", r"^file photo\.?$"),
    # share bars, newsletter and membership appeals
    _rule(
        "share_bar",
        r"^(?:share|save|print|email|comments|share this(?: article| story| page)?|"
        r"share on \w+|share\d*|click here to share on social media|"
        r"you can share this story on social media)\s*:?$",
    ),
    _rule("share_links", r"^share\s*:\s*(?:[\w.]+\s*){1,8}$"),
    _rule(
        "newsletter",
        r"^(?:get the \w+(?: \w+)? (?:daily |weekly )?(?:stories|news|headlines)\b.*|"
        r"sign up (?:for|to) (?:our|the)\b.*|subscribe to (?:our|the)\b.*|"
        r"follow us on\b.*|follow .{1,60} at https?://\S+)$",
    ),
    _rule(
        "membership_appeal", r"^.{0,200}\bsupport (?:independent|our) (?:[\w-]+ )?journalism\b.*$"
    ),
    _rule("menu_label", r"^(?:left|main|top) menu$|^menu$|^skip to (?:main )?content$"),
    # "KHARKIV TODAY   News   Region   Front" / "Facebook  X  WhatsApp  Email"
    _rule("nav_bar", r"^\S+(?: \S+){0,3}(?:\s{2,}\S+(?: \S+){0,3}){3,}$"),
    # "WAR IN UKRAINE · BLACK SEA"
    _rule(
        "breadcrumb",
        r"^[A-Z0-9][A-Z0-9 &'’-]+(?:\s*[·›»>|/]\s*[A-Z0-9][A-Z0-9 &'’-]+)+$",
        case=True,
    ),
    # "By Tom Harding, Foreign News Reporter" — a byline, not a sentence
    _rule(
        "byline",
        r"^[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|al|bin))*"
        r"(?:\s*[,|·•].{0,150})?(?<![.!?])$",
        case=True,
    ),
)

# The ` date 2024-12-20 ` prefix some scrapes put before the first line.
DATE_PREFIX = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+|$)")

_TEMPERATURE = re.compile(r"(?<![\w.])[+\-−]?\d{1,2}(?:[.,]\d)?\s?°?\s?[CF](?![\w])")
_TEMPERATURE_LINE = re.compile(r"^\s*(?:[^\w\s]\s*)?[+\-−]?\d{1,2}(?:[.,]\d)?\s?°?\s?[CF]\s*$")
_WEEKDAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_LINK_ITEM = re.compile(
    r"^(?:[•·▪►*\-–—]|\d{1,2}[.)])\s+\S|^\d{1,2}:\d{2}\s+\S|^file photo\b", re.I
)
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})

WEATHER_STRIP_SCAN = 3  # non-blank lines at the top that may hold the strip
DUPLICATE_MIN_CHARS = 20  # shorter repeated lines ("Share", "Fighting") are not duplicates
LINK_LINE_MAX_CHARS = 160
CHROME_MAX_CHARS = 320  # a longer line is prose: no rule is tried on it


@dataclass(frozen=True)
class ChromeHit:
    line: int
    rule_id: str


def strip_date_prefix(first_line: str) -> tuple[str | None, str]:
    """(`YYYY-MM-DD` or None, the line without the ` date YYYY-MM-DD ` prefix)."""
    match = DATE_PREFIX.match(first_line)
    if match is None:
        return None, first_line
    return match.group(1), first_line[match.end() :]


def is_link_line(line: str) -> bool:
    """A list item or a short headline-like line, as in related-link lists."""
    text = line.strip()
    if not text:
        return False
    if _LINK_ITEM.match(text):
        return len(text) <= 2 * LINK_LINE_MAX_CHARS
    return len(text) <= LINK_LINE_MAX_CHARS and not text.endswith((".", ":", ";", ","))


def weather_strip_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of a weather/date strip at the very top ("30.1 C" then the date)."""
    top = [i for i, line in enumerate(lines) if line.strip()][:WEATHER_STRIP_SCAN]
    found: list[int] = []
    for pos, i in enumerate(top):
        text = lines[i]
        if _TEMPERATURE_LINE.match(text):
            found.append(i)
            if pos + 1 < len(top):
                nxt = lines[top[pos + 1]]
                if _YEAR.search(nxt) and len(nxt.strip()) <= 60:
                    found.append(top[pos + 1])
            break
        if _TEMPERATURE.search(text) and _YEAR.search(text) and _WEEKDAY.search(text):
            found.append(i)
            break
    return found


def _leading_section_labels(lines: Sequence[str], start: int) -> list[int]:
    """One- or two-word lines ("War", "Left Menu") above the first real line."""
    labels: list[int] = []
    for i in range(start, len(lines)):
        text = lines[i].strip()
        if not text:
            continue
        if len(_WORD.findall(text)) <= 2 and not text.endswith("."):
            labels.append(i)
            continue
        break
    return labels


def _duplicate_key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split())


_TWO_SPACES = re.compile(r"\s\s")

# Rules whose opening (".{0,200}", "\S+(?: \S+){0,3}") the regex engine retries at every
# character of a line, each with something a line must hold for the rule to match at all:
# on a line without it the rule is not tried. The words have no letter i, k or s (the only
# ASCII letters that other characters match ignoring case), so they are in the lowered line
# whenever the rule matches.
_GATES: dict[str, Callable[[str, str], bool]] = {
    "contributed_reporting": lambda line, lowered: "report" in lowered,
    "photo_label": lambda line, lowered: ":" in line,
    "membership_appeal": lambda line, lowered: "journal" in lowered,
    "nav_bar": lambda line, lowered: _TWO_SPACES.search(line) is not None,
}

_Segment = tuple[re.Pattern[str], Callable[[str, str], bool] | None]


@cache
def _combined() -> tuple[tuple[_Segment, ...], dict[str, LineRule]]:
    """All line rules (and the outlet-name line) as a few regexes, tried in turn: each
    gated rule (`_GATES`) alone with its gate, and the runs of rules between them as one
    regex each (one match per line).

    Alternatives keep the table's order, so the first rule that matches wins, as if
    each were tried in turn; each keeps its own case sensitivity.
    """
    segments: list[_Segment] = []
    run: list[str] = []
    for rule in LINE_RULES:
        flag = "i" if rule.pattern.flags & re.IGNORECASE else "-i"
        part = f"(?P<{rule.id}>(?{flag}:{rule.pattern.pattern}))"
        if rule.id in _GATES:
            if run:
                segments.append((re.compile("|".join(run)), None))
                run = []
            segments.append((re.compile(part), _GATES[rule.id]))
        else:
            run.append(part)
    run.append(f"(?P<outlet_name_line>(?i:{outlet_line_pattern().pattern}))")
    segments.append((re.compile("|".join(run)), None))
    by_id = {rule.id: rule for rule in LINE_RULES}
    by_id["outlet_name_line"] = LineRule("outlet_name_line", outlet_line_pattern(), "line")
    return tuple(segments), by_id


def match_rule(text: str) -> LineRule | None:
    """The first rule matching a stripped line, or None."""
    if len(text) > CHROME_MAX_CHARS:
        return None
    segments, by_id = _combined()
    lowered = text.lower()
    for pattern, gate in segments:
        if gate is not None and not gate(text, lowered):
            continue  # the line lacks what the rule needs
        m = pattern.match(text)
        if m and m.lastgroup:
            return by_id[m.lastgroup]
    return None


def chrome_hits(lines: Sequence[str]) -> list[ChromeHit]:
    """Every chrome line of an article (by index) and the rule that matched it."""
    hits: dict[int, str] = {}
    for i in weather_strip_lines(lines):
        hits[i] = "weather_strip"
    first = max(hits) + 1 if hits else 0
    for i in _leading_section_labels(lines, first):
        hits[i] = "section_label"

    seen: set[str] = set()
    n = len(lines)
    i = 0
    while i < n:
        text = lines[i].strip()
        if not text or i in hits:
            i += 1
            continue
        rule = match_rule(text)
        if rule is None:
            key = _duplicate_key(text)
            if len(key) >= DUPLICATE_MIN_CHARS:
                if key in seen:
                    hits[i] = "duplicate_line"
                seen.add(key)
            i += 1
            continue
        hits[i] = rule.id
        if rule.action == "to_end":
            for j in range(i + 1, n):
                if lines[j].strip():
                    hits[j] = rule.id
            break
        if rule.action == "block":
            i = _mark_block(lines, i, rule.id, hits)
            continue
        i += 1
    return [ChromeHit(i, rule_id) for i, rule_id in sorted(hits.items())]


def _mark_block(lines: Sequence[str], header: int, rule_id: str, hits: dict[int, str]) -> int:
    """Mark the links under a block header; return the index to continue from."""
    n = len(lines)
    rest = [j for j in range(header + 1, n) if lines[j].strip()]
    if rest and all(is_link_line(lines[j]) or _is_rule_line(lines[j]) for j in rest):
        for j in rest:  # a trailer: everything left is links and chrome
            hits[j] = rule_id
        return n
    j = header + 1
    while j < n and not lines[j].strip():
        j += 1
    while j < n and lines[j].strip() and is_link_line(lines[j]):
        hits[j] = rule_id
        j += 1
    return j


def _is_rule_line(line: str) -> bool:
    return match_rule(line.strip()) is not None


# Chrome whose dates are the page's, not the article's: the weather strip (the scrape
# date) and related-link lists. Other chrome (a byline "by Name · April 13, 2025") may
# carry the publication date.
DATE_BLIND_RULES: frozenset[str] = frozenset(
    {"weather_strip"} | {r.id for r in LINE_RULES if r.action != "line"}
)


def chrome_masks(lines: Sequence[str]) -> tuple[list[bool], list[bool]]:
    """(chrome mask for the body, mask of lines whose dates are not the article's)."""
    body_mask = [False] * len(lines)
    date_mask = [False] * len(lines)
    for hit in chrome_hits(lines):
        body_mask[hit.line] = True
        date_mask[hit.line] = hit.rule_id in DATE_BLIND_RULES
    return body_mask, date_mask


def chrome_mask(lines: Sequence[str]) -> list[bool]:
    """True for each line that is page chrome."""
    return chrome_masks(lines)[0]


_BLANK_RUNS = re.compile(r"\n{3,}")


def join_kept(lines: Sequence[str], mask: Sequence[bool]) -> str:
    """The lines not masked, blank-line runs collapsed, ends stripped."""
    kept = "\n".join(line.rstrip() for line, drop in zip(lines, mask, strict=True) if not drop)
    return _BLANK_RUNS.sub("\n\n", kept).strip()


def clean_body(text: str) -> str:
    """The article text without page chrome (see the module docstring for the rules)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines:
        _, lines[0] = strip_date_prefix(lines[0])
    return join_kept(lines, chrome_mask(lines))
