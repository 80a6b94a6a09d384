"""Render a text with highlighted spans as safe, accessible HTML.

Every character of the text is escaped; highlights are ``<mark>`` elements that can take
keyboard focus (``tabindex="0"``) and carry their explanation both as a ``title`` (hover)
and as visually hidden text revealed on focus, so the explanation works without a mouse
and without scripts. Overlapping spans are split into non-overlapping segments; a segment
covered by several spans lists every explanation.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span to highlight: offsets into the text, a category and an explanation."""

    start: int
    end: int
    category: str
    note: str


def _css_class(category: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in category.lower())
    return f"hl-{safe}"


def highlight_html(
    text: str,
    highlights: Sequence[Highlight],
    *,
    styles: Mapping[str, str] | None = None,
    block_breaks: bool = True,
) -> str:
    """The text as HTML with every highlight marked.

    Parameters
    ----------
    text : str
        The analysed text (highlight offsets point into it).
    highlights : sequence of Highlight
        Spans to mark; out-of-range or empty spans raise ``ValueError``.
    styles : mapping, optional
        Category → CSS declarations for an inline ``<style>`` block (for notebooks; the
        report ships its own stylesheet).
    block_breaks : bool
        Render newlines as line breaks.

    Returns
    -------
    str
        An HTML fragment: ``<div class="slant-text">…</div>`` (plus ``<style>`` if asked).
    """
    for h in highlights:
        if not 0 <= h.start < h.end <= len(text):
            msg = f"highlight {h.start}:{h.end} is outside the text of length {len(text)}"
            raise ValueError(msg)
    cuts = sorted({0, len(text), *(h.start for h in highlights), *(h.end for h in highlights)})
    parts: list[str] = []
    for a, b in itertools.pairwise(cuts):
        segment = html.escape(text[a:b])
        if block_breaks:
            segment = segment.replace("\n", "<br>\n")
        covering = [h for h in highlights if h.start <= a and b <= h.end]
        if not covering or not text[a:b].strip():
            parts.append(segment)
            continue
        categories = list(dict.fromkeys(h.category for h in covering))
        note = " · ".join(dict.fromkeys(f"{h.category}: {h.note}" for h in covering))
        classes = " ".join(_css_class(c) for c in categories)
        escaped_note = html.escape(note, quote=True)
        parts.append(
            f'<mark class="hl {classes}" tabindex="0" title="{escaped_note}" '
            f'data-categories="{html.escape(" ".join(categories), quote=True)}">'
            f'{segment}<span class="hl-note" role="tooltip">{escaped_note}</span></mark>'
        )
    body = f'<div class="slant-text">{"".join(parts)}</div>'
    if styles is None:
        return body
    rules = [
        ".slant-text{line-height:1.7;font-family:Georgia,serif;max-width:52em}",
        ".slant-text mark{position:relative;padding:0 .1em;border-radius:.2em;color:#111}",
        ".slant-text .hl-note{display:none}",
        (
            ".slant-text mark:focus .hl-note,.slant-text mark:hover .hl-note{display:inline-block;"
            "position:absolute;left:0;top:1.6em;z-index:2;background:#111;color:#fff;"
            "padding:.2em .4em;font:13px sans-serif;white-space:normal;width:22em}"
        ),
    ]
    rules += [f".slant-text .{_css_class(c)}{{{css}}}" for c, css in styles.items()]
    return f"<style>{''.join(rules)}</style>{body}"


#: Light backgrounds (dark text stays above 4.5:1 contrast on each), paired with a
#: distinct underline style so that categories stay apart in greyscale print and for
#: readers who cannot tell the colours apart.
CATEGORY_STYLES: tuple[tuple[str, str], ...] = (
    ("#FCE3B0", "solid"),
    ("#CDE7F7", "dashed"),
    ("#C9EBDD", "dotted"),
    ("#F3D1E3", "double"),
    ("#FFF3A6", "wavy"),
    ("#DAD7F0", "solid"),
    ("#F9D3C0", "dashed"),
    ("#E3E3E3", "dotted"),
)


def category_styles(categories: Sequence[str]) -> dict[str, str]:
    """CSS declarations for each category, assigned in order from :data:`CATEGORY_STYLES`."""
    styles = {}
    for i, category in enumerate(dict.fromkeys(categories)):
        background, line = CATEGORY_STYLES[i % len(CATEGORY_STYLES)]
        styles[category] = (
            f"background:{background};text-decoration:underline {line} #333;"
            "text-decoration-thickness:2px;text-underline-offset:3px"
        )
    return styles


def legend_html(styles: Mapping[str, str]) -> str:
    """A legend for :func:`highlight_html`'s categories (escaped, with sample swatches)."""
    items = "".join(
        f'<li style="margin:.2em 0"><mark style="{html.escape(css, quote=True)};color:#111">'
        f"{html.escape(category)}</mark></li>"
        for category, css in styles.items()
    )
    return f'<ul class="slant-legend" style="list-style:none;padding:0">{items}</ul>'


def evidence_highlights(
    evidence: Sequence[Any], *, metrics: Sequence[str] | None = None
) -> list[Highlight]:
    """Turn evidence spans into highlights, one per distinct (span, label).

    The same span is often filed under a count metric and its rate; it is shown once.
    ``metrics`` restricts to evidence of those metric names.
    """
    chosen = set(metrics) if metrics is not None else None
    seen: set[tuple[int, int, str]] = set()
    out: list[Highlight] = []
    for e in sorted(evidence, key=lambda e: (e.start, e.end, e.label)):
        if chosen is not None and e.metric not in chosen:
            continue
        key = (e.start, e.end, e.label)
        if key in seen or e.end <= e.start:
            continue
        seen.add(key)
        out.append(Highlight(e.start, e.end, e.label, e.note))
    return out


def evidence_html(
    text: str, evidence: Sequence[Any], *, metrics: Sequence[str] | None = None
) -> str:
    """The text with evidence highlighted, preceded by a legend (for notebooks)."""
    highlights = evidence_highlights(evidence, metrics=metrics)
    styles = category_styles(sorted({h.category for h in highlights}))
    return legend_html(styles) + highlight_html(text, highlights, styles=styles)


def blocks_html(parsed: Any) -> str:
    """The text with each block shaded by its kind (heading, list item, quote, body)."""
    highlights = [
        Highlight(b.start, b.end, b.kind.replace("_", " "), f"block {b.index}")
        for b in parsed.blocks
        if b.end > b.start
    ]
    styles = category_styles(["heading", "list item", "quote", "body"])
    return legend_html(styles) + highlight_html(parsed.text, highlights, styles=styles)
