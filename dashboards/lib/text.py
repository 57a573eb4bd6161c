"""Article text with its evidence sentences highlighted, as escaped HTML (no Streamlit here).

Article text is untrusted: every character of it goes through `html.escape`, so markup in an
article (`<script>`, `<img onerror=…>`) is shown as text. Only the <mark> and <div> tags
written here are HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    label: str  # shown as the tooltip: the fact types found in this stretch


def locate(
    body: str,
    evidence: str | None,
    span_start: int | None,
    span_end: int | None,
) -> tuple[int, int] | None:
    """Where a fact's evidence sits in the body.

    The evidence sentence found in the text (the occurrence nearest the recorded span when it
    occurs more than once), else the recorded span when it lies inside the text, else None.
    """
    if evidence:
        needle = evidence.strip()
        hits = []
        at = body.find(needle)
        while at != -1 and needle:
            hits.append(at)
            at = body.find(needle, at + 1)
        if hits:
            anchor = span_start if span_start is not None else 0
            best = min(hits, key=lambda h: abs(h - anchor))
            return best, best + len(needle)
    if span_start is not None and span_end is not None and 0 <= span_start < span_end <= len(body):
        return span_start, span_end
    return None


def merge(spans: Iterable[tuple[int, int, str]]) -> list[Highlight]:
    """Overlapping or touching spans become one highlight carrying all their labels."""
    out: list[tuple[int, int, list[str]]] = []
    for start, end, label in sorted(spans):
        if out and start <= out[-1][1]:
            last = out[-1]
            labels = last[2] if label in last[2] else [*last[2], label]
            out[-1] = (last[0], max(last[1], end), labels)
        else:
            out.append((start, end, [label]))
    return [Highlight(s, e, ", ".join(labels)) for s, e, labels in out]


def highlighted_html(body: str, highlights: list[Highlight]) -> str:
    """The body as escaped, pre-wrapped text with <mark> around each highlight."""
    parts = []
    pos = 0
    for h in highlights:
        parts.append(html.escape(body[pos : h.start]))
        parts.append(
            f'<mark title="{html.escape(h.label, quote=True)}" '
            'style="background:#ffe58a;padding:0 1px">'
            f"{html.escape(body[h.start : h.end])}</mark>"
        )
        pos = h.end
    parts.append(html.escape(body[pos:]))
    return (
        '<div style="white-space:pre-wrap;line-height:1.55;font-size:0.95rem;'
        "border:1px solid #ddd;border-radius:6px;padding:0.8rem;max-height:38rem;"
        f'overflow-y:auto">{"".join(parts)}</div>'
    )
